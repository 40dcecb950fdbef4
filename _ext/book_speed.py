"""The pages' first paint on a phone (Lighthouse mobile performance), after the other rewrites.

Measured with ``scripts/lighthouse.py`` (results in docs/website-performance.md). When the HTML
build is done, each page is rewritten:

* **The colour theme is known before the first paint.** The theme's inline script copied
  ``data-theme="auto"`` from storage on a first visit, which matches neither the light nor the
  dark rules, and the theme's deferred script resolved it seconds later: inline code gained its
  border, every paragraph with code grew, and the text below jumped (Lighthouse CLS 0.2 on a
  solution page). The inline script now resolves "auto" with the same media query.
* **One stylesheet.** The nine render-blocking stylesheets of a page (basic, theme, pygments,
  book theme, toggle and copy buttons, myst-nb, KaTeX, the book's) become one file, in the same
  order, shared by every page: one request before the first paint instead of nine, each of which
  opens a connection on a phone's round trip times. ``url(...)`` inside them is rewritten to the
  bundle's folder; source-map comments go.
* **Only the rules a page can use** (``book_css.py``): Bootstrap's components and utilities
  that no page or script names are left out of the bundle (a third of it, compressed).
* **No script preloads.** The theme preloads its two deferred scripts at high priority, where
  they compete with the stylesheet for the first round trips; they still load, deferred.
* **No full-page measuring at load.** The theme's script, once the page has loaded, measured
  every code block and output of the page in one task (to make the ones that scroll focusable):
  on chapter 3 that lays out the whole 7,000-element page, a long task of about a second on a
  phone. That call is switched off in the built ``pydata-sphinx-theme.js``, and
  ``_static/book-nav.js`` does the same job in slices while the browser is idle.
* **Sized images.** Every image in the article gets ``width``/``height`` from its file (SVG
  ``width``/``height``, PNG header), so the browser keeps its space before it arrives (no
  layout shift; the stylesheet keeps ``height: auto``); those below the first screenful of text
  load lazily and decode off the main thread.
"""

import hashlib
import os
import pathlib
import re
import struct

from book_css import purge, used_words
from sphinx.util import logging

logger = logging.getLogger(__name__)

THEME_SCRIPT = re.compile(
    r'document\.documentElement\.dataset\.theme = localStorage\.getItem\("theme"\) \|\| "auto";'
)
RESOLVED_THEME = (
    'document.documentElement.dataset.theme = (function (mode) { return mode === "light" || '
    'mode === "dark" ? mode : (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"); '
    '})(localStorage.getItem("mode") || "auto");'
)
SCRIPT_PRELOAD = re.compile(r'\s*<link rel="preload" as="script" href="[^"]*"\s*/?>')
STYLESHEET = re.compile(  # a local stylesheet for every medium
    r'[ \t]*<link (?=[^>]*\brel="stylesheet")(?![^>]*\bmedia=)[^>]*'
    r'\bhref="(?![a-z]+:|/)([^"?#]+)[^"]*"[^>]*>\n?'
)
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?![a-z]+:|/|#)([^'")?#]+)([^'")]*)\1\s*\)""")
CSS_META = re.compile(r'@charset "[^"]*";|/\*# sourceMappingURL=[^*]*\*/')


THEME_TAB_STOPS = '"complete"===document.readyState?I():window.addEventListener("load",I)'
THEME_JS = "scripts/pydata-sphinx-theme.js"


def theme_without_tab_stop_pass(static):
    """Switch off the theme's whole-page tab-stop pass (pydata-sphinx-theme 0.17's minified
    bundle); True when it was found."""
    script = static / THEME_JS
    text = script.read_text(encoding="utf-8") if script.exists() else ""
    if THEME_TAB_STOPS not in text:
        return False
    script.write_text(text.replace(THEME_TAB_STOPS, "void 0 /* book-nav.js marks scroll boxes */"))
    return True


def resolve_theme(text):
    return THEME_SCRIPT.sub(RESOLVED_THEME, text, count=1)


def page_stylesheets(text, page):
    """The local stylesheets the page's <head> links, as paths inside the build."""
    head = text[: text.find("</head>")]
    return [os.path.normpath(page.parent / m.group(1)) for m in STYLESHEET.finditer(head)]


def is_subsequence(part, whole):
    rest = iter(whole)
    return all(item in rest for item in part)


CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")]+)['"]?\s*\)?\s*;""")


def css_text(sheet, static):
    """A stylesheet's rules with its url(...)s relative to ``static`` and its @imports inlined."""
    css = CSS_META.sub("", sheet.read_text(encoding="utf-8"))

    def rebase(match):
        target = os.path.relpath(os.path.normpath(sheet.parent / match.group(2)), static)
        return f'url("{pathlib.Path(target).as_posix()}{match.group(3)}")'

    def inline(match):
        return css_text(pathlib.Path(os.path.normpath(sheet.parent / match.group(1))), static)

    return CSS_IMPORT.sub(inline, CSS_URL.sub(rebase, css))


def bundle_css(sheets, static, usage=None):
    """One stylesheet made of ``sheets`` (in order), written into ``static``, without the rules no
    page uses (``usage``: book_css.used_words); its path."""
    parts = [
        f"/* {pathlib.Path(s).relative_to(static).as_posix()} */\n{css_text(pathlib.Path(s), static)}"
        for s in sheets
    ]
    data = '@charset "UTF-8";\n' + "\n".join(parts)
    if usage is not None:
        data, dropped = purge(data, *usage)
        logger.info(f"stylesheet bundle: {dropped} rules no page uses left out")
    name = f"book.{hashlib.sha1(data.encode()).hexdigest()[:12]}.css"
    (static / name).write_text(data, encoding="utf-8")
    return static / name


def link_bundle(text, page, bundle, sheets):
    head_end = text.find("</head>")
    head, body = text[:head_end], text[head_end:]
    href = pathlib.Path(os.path.relpath(bundle, page.parent)).as_posix()
    first = True

    def replace(match):
        nonlocal first
        if os.path.normpath(page.parent / match.group(1)) not in sheets:
            return match.group(0)
        tag = f'<link rel="stylesheet" href="{href}" />\n' if first else ""
        first = False
        return tag

    return STYLESHEET.sub(replace, head) + body


def svg_size(data):
    """(width, height) in CSS px of an SVG's root element, or None."""
    root = re.search(rb"<svg\b[^>]*>", data[:4000])
    if not root:
        return None
    size = {}
    for name in ("width", "height"):
        match = re.search(rb"\s" + name.encode() + rb'="([\d.]+)(pt|px)?"', root.group(0))
        if match:
            size[name] = float(match.group(1)) * (4 / 3 if match.group(2) == b"pt" else 1)
    if len(size) < 2:
        box = re.search(rb'viewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)[ ,]+([\d.]+)"', root.group(0))
        if not box:
            return None
        size = {"width": float(box.group(1)), "height": float(box.group(2))}
    return round(size["width"]), round(size["height"])


def image_size(path):
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if path.suffix == ".svg":
        return svg_size(data)
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    return None


IMAGE = re.compile(r"<img\b[^>]*>")
TAG = re.compile(r"<[^>]+>")
FIRST_SCREEN_CHARS = 1200  # about a phone's first screen of text (390 px wide)


def size_images(text, page):
    """Width and height on every article image without them; lazy loading below the first screen."""
    start = text.find("<article")
    if start == -1:
        return text
    pieces, last, text_chars = [text[:start]], start, 0
    for match in IMAGE.finditer(text, start):
        before = text[last : match.start()]
        text_chars += len(TAG.sub("", before).strip())
        pieces.append(before)
        tag = match.group(0)
        src = re.search(r'\ssrc="([^"]+)"', tag)
        if src and not src.group(1).startswith("data:") and " width=" not in tag and " height=" not in tag:
            size = image_size(page.parent / src.group(1).split("?")[0])
            if size:
                tag = tag.replace("<img ", f'<img width="{size[0]}" height="{size[1]}" ', 1)
        if text_chars > FIRST_SCREEN_CHARS and " loading=" not in tag:
            tag = tag.replace("<img ", '<img loading="lazy" decoding="async" ', 1)
        pieces.append(tag)
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


SCRIPT_SRC = re.compile(r'<script\b[^>]*\ssrc="(?![a-z]+:|/)([^"?#]+)')


def page_scripts(pages):
    """The text of every local script a page loads (not the search index: words, no class names)."""
    paths = {
        os.path.normpath(page.parent / src)
        for page, (text, _) in pages.items()
        for src in SCRIPT_SRC.findall(text)
    }
    return [
        pathlib.Path(p).read_text(encoding="utf-8", errors="replace")
        for p in sorted(paths)
        if not p.endswith("searchindex.js") and os.path.exists(p)
    ]


def speed_up(app, exception):
    if exception is not None or app.builder.name != "html":
        return
    out = pathlib.Path(app.outdir)
    static = out / "_static"
    pages = {}
    for path in sorted(out.rglob("*.html")):
        if path.relative_to(out).parts[0].startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        pages[path] = (text, page_stylesheets(text, path))
    if not pages:
        return
    if not theme_without_tab_stop_pass(static):
        logger.warning(
            f"{THEME_JS}: the theme's tab-stop pass was not found (a new theme version?); left as it is"
        )
    usage = used_words((text for text, _ in pages.values()), page_scripts(pages))
    shared = max((sheets for _, sheets in pages.values()), key=len)
    bundles = {tuple(shared): bundle_css(shared, static, usage)}
    for path, (text, sheets) in pages.items():
        key = tuple(shared) if is_subsequence(sheets, shared) else tuple(sheets)
        if key not in bundles:
            bundles[key] = bundle_css(key, static, usage)
        new = link_bundle(text, path, bundles[key], set(key)) if sheets else text
        new = SCRIPT_PRELOAD.sub("", resolve_theme(new))
        new = size_images(new, path)
        if new != text:
            path.write_text(new, encoding="utf-8")
    logger.info(f"{len(pages)} pages: {len(bundles)} stylesheet bundle(s), theme resolved, images sized")


def setup(app):
    app.connect("build-finished", speed_up, priority=700)  # after book_html (500) and KaTeX (600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
