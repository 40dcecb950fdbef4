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

/* Search snippets without raw TeX. Sphinx's search page builds each snippet from the text of the
 * page it found, where a formula is still its TeX source (MathJax typesets it only on the page
 * itself), so snippets read "\(\mathbf{H}_t\)". Formulas in snippets become plain text instead:
 * delimiters dropped, font commands unwrapped, common symbols as characters. */
const TEX_SYMBOLS = {
  odot: "⊙", otimes: "⊗", cdot: "·", times: "×", top: "⊤", in: "∈", partial: "∂",
  sum: "∑", prod: "∏", infty: "∞", approx: "≈", leq: "≤", geq: "≥", neq: "≠", to: "→",
  ldots: "…", dots: "…", alpha: "α", beta: "β", gamma: "γ", delta: "δ", epsilon: "ε",
  eta: "η", theta: "θ", lambda: "λ", mu: "μ", sigma: "σ", tau: "τ", phi: "φ", psi: "ψ",
  omega: "ω", Delta: "Δ", Sigma: "Σ", Omega: "Ω",
};
const TEX_FONTS = /\\(?:math[a-z]+|boldsymbol|text[a-z]*|operatorname)\s*\{([^{}]*)\}/g;

function plainTeX(tex) {
  return tex
    .replace(TEX_FONTS, (_, inner) => (inner === "R" ? "ℝ" : inner))
    .replace(/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/g, "($1)/($2)")
    .replace(/\\(?:left|right|big|Big|bigg|Bigg)\b/g, "")
    .replace(/\\([A-Za-z]+)/g, (_, name) => TEX_SYMBOLS[name] ?? name)
    .replace(/\\[,;:! ]/g, " ")
    .replace(/[{}]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

function plainMath(text) {
  return text
    .replace(/\\\(([\s\S]*?)\\\)/g, (_, tex) => plainTeX(tex))
    .replace(/\\\[([\s\S]*?)\\\]/g, (_, tex) => plainTeX(tex))
    .replace(/\$\$([\s\S]*?)\$\$/g, (_, tex) => plainTeX(tex));
}

/* Snippets quote the page's text: not the print-only table of contents the theme keeps in
 * every page (review 12b, D-03), and a typeset formula as its TeX source (KaTeX keeps it in an
 * annotation), which plainMath then turns into plain text. */
function pageTextOnly(htmlString) {
  const doc = new DOMParser().parseFromString(htmlString, "text/html");
  doc.querySelectorAll(".onlyprint, #jb-print-docs-body, .bd-header-article, nav, .book-notebook-links")
    .forEach((el) => el.remove());
  doc.querySelectorAll(".katex").forEach((el) => {
    const tex = el.querySelector('annotation[encoding="application/x-tex"]');
    el.replaceWith(doc.createTextNode(tex ? `\\(${tex.textContent}\\)` : el.textContent));
  });
  return doc.documentElement.outerHTML;
}

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (html, ...rest) => plainMath(htmlToText(pageTextOnly(html), ...rest));
});

/* Boxes that scroll (wide plots and diagrams on a phone, long output lines, wide formulas, code
 * and logs) can be reached and scrolled from the keyboard (review 12b, D-01; WCAG 2.1.1): each one
 * that overflows sideways becomes a named, focusable region, and a code or log box that scrolls
 * becomes focusable (the theme's own pass over them is switched off when the site is built,
 * _ext/book_speed.py: it measured every box of the page in one go, a long task on a phone).
 * Measuring a box lays it out, so the boxes are measured in slices of a few milliseconds while the
 * browser is idle; <html data-book-scroll-boxes="ready"> says when all are done. Checked again
 * when the window is resized. */
const SCROLL_BOXES = [
  "article div.cell_output", "article div.output", "article div.math", "article .table-wrapper",
  "article div.rnnlab-widget-snapshot", "article pre", "article .pst-scrollable-table-container",
].join(", ");
const SLICE_MS = 8;

function labelOf(box) {
  const caption = box.closest("figure, div.cell")?.querySelector("figcaption");
  if (caption) return `${caption.innerText.trim().slice(0, 80)} (scrolls sideways)`;
  if (box.matches("div.math")) return "Formula (scrolls sideways)";
  return "Output (scrolls sideways)";
}

function markScrollBox(box) {
  // A cell the browser still skips (content-visibility) is rendered for the measurement: a box
  // inside it would measure as not scrolling.
  const cell = box.closest("div.cell");
  const skipped = cell && box.checkVisibility && !box.checkVisibility({ contentVisibilityAuto: true });
  if (skipped) cell.style.contentVisibility = "visible";
  // Style first (cheap); only a box that may scroll is measured (which lays it out).
  const style = getComputedStyle(box);
  const may = (overflow) => overflow === "auto" || overflow === "scroll";
  const sideways = may(style.overflowX) && box.scrollWidth > box.clientWidth + 1;
  const down = may(style.overflowY) && box.scrollHeight > box.clientHeight + 1;
  if (skipped) cell.style.contentVisibility = "";
  if (box.tagName === "PRE") {  // code and logs: focusable when they scroll either way
    if (sideways || down) box.setAttribute("tabindex", "0");
    else box.removeAttribute("tabindex");
    return;
  }
  if (sideways && !box.hasAttribute("tabindex")) {
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", labelOf(box));
    box.dataset.bookScrollBox = "";
  } else if (!sideways && box.dataset.bookScrollBox !== undefined) {
    box.removeAttribute("tabindex");
    box.removeAttribute("role");
    box.removeAttribute("aria-label");
    delete box.dataset.bookScrollBox;
  }
}

const whenIdle = (f) => (window.requestIdleCallback ? requestIdleCallback(f, { timeout: 1000 }) : setTimeout(f, 50));
let scrollPass = 0;
function focusableScrollBoxes() {
  const pass = ++scrollPass;  // a resize starts a new pass; the old one stops
  const boxes = [...document.querySelectorAll(SCROLL_BOXES)];
  let next = 0;
  document.documentElement.dataset.bookScrollBoxes = "pending";
  const slice = () => {
    if (pass !== scrollPass) return;
    const start = performance.now();
    while (next < boxes.length && performance.now() - start < SLICE_MS) markScrollBox(boxes[next++]);
    if (next < boxes.length) whenIdle(slice);
    else document.documentElement.dataset.bookScrollBoxes = "ready";
  };
  whenIdle(slice);
}
// After the first paint, when the browser is idle: the page shows without waiting for it.
if (document.readyState === "complete") focusableScrollBoxes();
else window.addEventListener("load", focusableScrollBoxes);
let resizeTimer;
window.addEventListener("resize", () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(focusableScrollBoxes, 200);
});

/* A tap on a link in the phone's "Contents" or menu drawer closes the drawer, so the reader sees
 * the section it leads to (review 12b, D-02). */
document.addEventListener("click", (event) => {
  const link = event.target.closest("dialog a[href]");
  const dialog = link?.closest("dialog");
  if (dialog && dialog.open && dialog.id !== "pst-search-dialog") dialog.close();
});

/* The colour-mode button says which mode is on (review 12b, D-05): the theme changes
 * <html data-mode>, and the button's name follows it. */
const MODE_NAMES = { light: "light", dark: "dark", auto: "as the system" };
function nameThemeButtons() {
  const mode = document.documentElement.dataset.mode || "auto";
  for (const button of document.querySelectorAll(".theme-switch-button")) {
    button.setAttribute("aria-label", `Colour mode: ${MODE_NAMES[mode] || mode} (change)`);
  }
}
document.addEventListener("DOMContentLoaded", () => {
  nameThemeButtons();
  new MutationObserver(nameThemeButtons).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-mode"],
  });
});
