/* Make every sidebar button work (pydata-sphinx-theme issue #2451).
 *
 * pydata-sphinx-theme 0.17 and sphinx-book-theme 1.3 attach their handlers to the FIRST
 * `.primary-toggle` / `.secondary-toggle` only (document.querySelector). That is the theme's own
 * navbar button, hidden in this layout, so the visible buttons in the article header (the menu
 * at phone width, "On this page", collapsing the sidebar on a desktop) did nothing. Each later
 * button now passes its click on to the first one, which runs the themes' own code: a dialog
 * below 992 px, a collapsed sidebar above. */
document.addEventListener("DOMContentLoaded", () => {
  for (const selector of [".primary-toggle", ".secondary-toggle"]) {
    const [first, ...others] = document.querySelectorAll(selector);
    for (const button of others) {
      button.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        first.click();
      });
    }
  }
});
