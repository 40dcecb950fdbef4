"""Formulas typeset when the site is built, not in the reader's browser (sphinx.local_extensions).

MathJax in the browser cost a 1.2 MB script on every page with maths, seconds of work on a phone,
and a Tab stop on every formula. Now Sphinx writes each formula as before (``\\(...\\)`` inside
``span.math`` / ``div.math``, the visitors of ``sphinx.ext.mathjax``) under a renderer of our own
that adds no script, and when the build is done ``_ext/katex/render.js`` (KaTeX, vendored in
``_ext/katex/`` with its licence) turns every one into HTML and MathML, in one ``node`` run over
all pages. A page with maths links KaTeX's stylesheet, which pulls only the fonts it uses.
The text stays text (searchable, selectable) and takes the page's colour (both themes).

Needs ``node`` (any version from 14 on) when the site is built; nothing is downloaded.
A formula KaTeX cannot typeset fails the build with the page and the message.
"""

import json
import pathlib
import shutil
import subprocess

from sphinx.errors import ExtensionError
from sphinx.ext import mathjax
from sphinx.util import logging

logger = logging.getLogger(__name__)
KATEX = pathlib.Path(__file__).parent / "katex"
RENDERER = "katex_static"
STYLESHEET = "katex/katex.min.css"


def node_executable():
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise ExtensionError(
            "node is needed to typeset the formulas when the site is built (KaTeX, in _ext/katex/) "
            "and was not found. Install Node.js (Debian: `apt-get install nodejs`), then build again."
        )
    return node


def use_static_renderer(app, config):
    config.html_math_renderer = RENDERER
    node_executable()  # fail early, before reading every page


def link_stylesheet(app, pagename, templatename, context, doctree):
    if app.builder.math_renderer_name != RENDERER:
        return
    whole_book = app.builder.name == "singlehtml"
    if whole_book or (doctree is not None and app.env.get_domain("math").has_equations(pagename)):
        app.add_css_file(STYLESHEET)


def typeset(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = pathlib.Path(app.outdir)
    target = out / "_static" / "katex"
    (target / "fonts").mkdir(parents=True, exist_ok=True)
    shutil.copy2(KATEX / "katex.min.css", target / "katex.min.css")
    shutil.copy2(KATEX / "LICENSE", target / "LICENSE")
    for font in (KATEX / "fonts").glob("*.woff2"):
        shutil.copy2(font, target / "fonts" / font.name)
    pages = [str(p) for p in sorted(out.rglob("*.html")) if "_static" not in p.parts]
    result = subprocess.run(
        [node_executable(), str(KATEX / "render.js"), *pages], capture_output=True, text=True
    )
    if result.returncode != 0:
        raise ExtensionError(f"KaTeX (node _ext/katex/render.js) failed:\n{result.stderr[-3000:]}")
    report = json.loads(result.stdout)
    for message in report["warnings"]:
        logger.warning(f"KaTeX: {message}")
    if report["errors"]:
        raise ExtensionError(
            f"KaTeX could not typeset {len(report['errors'])} formula(s):\n"
            + "\n".join(report["errors"][:20])
        )
    logger.info(f"KaTeX typeset {report['formulas']} formulas")


def setup(app):
    app.setup_extension("sphinx.ext.mathjax")  # its visitors and config values (mathjax_inline, ...)
    app.add_html_math_renderer(
        RENDERER,
        (mathjax.html_visit_math, None),
        (mathjax.html_visit_displaymath, None),
    )
    app.connect("config-inited", use_static_renderer)
    app.connect("html-page-context", link_stylesheet)
    app.connect("build-finished", typeset, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
