// Typeset every formula of the built pages with KaTeX, once, when the site is built
// (_ext/book_math.py runs this with node). Usage: node render.js FILE.html ...
//
// Sphinx writes a formula as <span class="math ...">\(TeX\)</span> (inline) or
// <div class="math ...">\[TeX\]</div> (display). Each becomes KaTeX's HTML (what the reader
// sees, drawn with the KaTeX fonts) plus MathML (what a screen reader reads; it also keeps the
// TeX source as an annotation). The reader's browser runs no maths script at all.
// Prints a JSON report: {"formulas": N, "errors": [...], "warnings": [...]}.
"use strict";
const fs = require("fs");
const path = require("path");
const katex = require(path.join(__dirname, "katex.min.js"));

const MATH = /<(span|div) class="math notranslate nohighlight"([^>]*)>([\s\S]*?)<\/\1>/g;
const ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&#x27;": "'" };

function unescape(text) {
  return text.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (entity) => ENTITIES[entity]);
}

function stripDelimiters(tex, display) {
  const trimmed = tex.trim();
  const [open, close] = display ? ["\\[", "\\]"] : ["\\(", "\\)"];
  if (trimmed.startsWith(open) && trimmed.endsWith(close)) {
    return trimmed.slice(open.length, trimmed.length - close.length);
  }
  if (trimmed.startsWith("$$") && trimmed.endsWith("$$")) return trimmed.slice(2, -2);
  return trimmed;
}

const report = { formulas: 0, errors: [], warnings: [] };

function render(file, html) {
  return html.replace(MATH, (whole, tag, attributes, inner) => {
    if (inner.includes('class="katex')) return whole; // already typeset (a second run)
    const display = tag === "div";
    // An equation number (<span class="eqno">) follows the TeX; keep it as it is.
    const cut = inner.indexOf("<");
    const source = cut === -1 ? inner : inner.slice(0, cut);
    const rest = cut === -1 ? "" : inner.slice(cut);
    const tex = stripDelimiters(unescape(source), display);
    report.formulas += 1;
    try {
      const out = katex.renderToString(tex, {
        displayMode: display,
        throwOnError: true,
        output: "htmlAndMathml",
        strict: (code, message) => {
          report.warnings.push(`${file}: ${message} in ${JSON.stringify(tex.slice(0, 80))}`);
          return "ignore";
        },
      });
      return `<${tag} class="math notranslate nohighlight"${attributes}>${out}${rest}</${tag}>`;
    } catch (err) {
      report.errors.push(`${file}: ${err.message}`);
      return whole;
    }
  });
}

for (const file of process.argv.slice(2)) {
  const html = fs.readFileSync(file, "utf8");
  if (!html.includes('class="math notranslate nohighlight"')) continue;
  const out = render(file, html);
  if (out !== html) fs.writeFileSync(file, out);
}
process.stdout.write(JSON.stringify(report));
