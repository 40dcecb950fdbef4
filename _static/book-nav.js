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

document.addEventListener("DOMContentLoaded", () => {
  if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") return;
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (...args) => plainMath(htmlToText(...args));
});
