"""Sphinx fixes for the book's HTML pages (loaded through _config.yml, sphinx.local_extensions).

While Sphinx writes the pages:

* One search box. pydata-sphinx-theme puts a search field in a top bar unless
  ``navbar_persistent`` is set (sphinx-book-theme issue #986); the book's sidebar has its own.
* Scripts listed once. Sphinx 7.4 lists an inline script twice when an extension adds it after
  the builder starts (sphinx-thebe's ``const THEBE_JS_URL``, sphinx-togglebutton's selector); a
  ``const`` declared twice is a JavaScript SyntaxError on every page.

When the build is done, each page is rewritten (``rewrite_page``; the website review of
December 2026, 12b, names the defects):

* a light first visit (D-13): the search index and search scripts only on the search page, the
  other scripts deferred (they no longer hold up the first paint), documentation_options.js
  inlined, basic.css linked directly (not through theme.css's @import), sphinx-design's files
  only where a page uses it, inline SVG icons instead of Font Awesome's 1.5 MB script
  (``book_icons.py``), images kept as data: URIs (the diagrams) moved to ``_images/``,
  one viewport tag (D-15);
* names and landmarks (D-05, D-06, D-08): the icons inside the colour-mode button carry no
  titles (``_static/book-nav.js`` names the button with the mode that is on), the sidebar's
  search field is named by its visible text, the book's title in the sidebar sits in a
  navigation landmark, the bibliography has no invalid list roles;
* a phone header with the book's title and fewer icons (D-16): the repository menu's links
  (repository, edit, issue) join the download menu, which also offers the whole book as a PDF;
* on every notebook page, links to download the notebook and to edit it in the repository.
"""

import base64
import hashlib
import html
import pathlib
import re

from book_icons import inline_icons, subset_solid_font
from sphinx.util import logging

logger = logging.getLogger(__name__)
BOOK_PDF = "sequence-models.pdf"  # written by `make pdf` (_ext/book_pdf.py) next to intro.html


def _key(script):
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


def thebe_enabled(app):
    buttons = app.config.html_theme_options.get("launch_buttons") or {}
    return bool(buttons.get("thebe"))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    """Each script once; sphinx-thebe's files only when thebe is on (the book launches Colab and
    Binder instead: its script and stylesheet were loaded on every page for nothing)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    thebe = thebe_enabled(app)
    seen, unique = set(), []
    for script in scripts:
        key = _key(script)
        if not thebe and ("thebe" in key[0] or "THEBE_JS_URL" in str(getattr(script, "attributes", {}))):
            continue
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique
    if not thebe:
        context["css_files"] = [
            c for c in context.get("css_files", []) if "thebe" not in str(getattr(c, "filename", c))
        ]


def no_top_bar(app, config):
    config.html_theme_options.setdefault("navbar_persistent", [])


def remember_notebooks(app, pagename, templatename, context, doctree):
    """Which pages are notebooks, and their source path (for the download and edit links)."""
    if context.get("page_source_suffix") == ".ipynb":
        app.book_notebooks = getattr(app, "book_notebooks", {})
        app.book_notebooks[pagename] = pagename + ".ipynb"


VIEWPORT = re.compile(r'\s*<meta name="viewport"[^>]*>')
SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*\b(?:searchtools|language_data|searchindex)\.js[^"]*"></script>'
)
FONTAWESOME = re.compile(
    r"\s*(?:<!-- So that users can add custom icons -->\s*)?"
    r'<script defer src="[^"]*/fontawesome\.js[^"]*"></script>'
)
BLOCKING_SCRIPT = re.compile(
    r'<script(?![^>]*\b(?:defer|async)\b)((?: [a-z-]+="[^"]*")*) '
    r'src="(?![^"]*documentation_options\.js)([^"]+)"></script>'
)


UNUSED_DESIGN = re.compile(
    r"\s*<(?:link [^>]*sphinx-design\.min\.css[^>]*>|script [^>]*design-tabs\.js[^>]*></script>)"
)
THEME_CSS = re.compile(r'<link href="((?:[^"]*/)?_static/)styles/theme\.css[^"]*" rel="stylesheet" />')
OPTIONS_SCRIPT = re.compile(r'<script src="[^"]*documentation_options\.js[^"]*"></script>')


def light_head(text, is_search_page, options_js=""):
    head_end = text.find("</head>")
    head, body = text[:head_end], text[head_end:]
    # theme.css only @imports basic.css: a second round trip before the first paint.
    head = THEME_CSS.sub(r'<link href="\1basic.css" rel="stylesheet" />', head)
    if 'class="sd-' not in body:  # sphinx-design: no page of the book uses its cards or tabs
        head = UNUSED_DESIGN.sub("", head)
    if options_js and not is_search_page:  # 0.4 KB the inline scripts after it need: inlined
        head = OPTIONS_SCRIPT.sub(lambda _: f"<script>{options_js}</script>", head)
    first = VIEWPORT.search(head)
    if first:
        head = head[: first.end()] + VIEWPORT.sub("", head[first.end() :])
    head = FONTAWESOME.sub("", head)
    if not is_search_page:
        head = SEARCH_SCRIPTS.sub("", head)
        # documentation_options.js stays: the inline scripts after it set its fields.
        head = BLOCKING_SCRIPT.sub(r'<script defer\1 src="\2"></script>', head)
    return head + body


SOURCE_MENU = re.compile(
    r'<div class="dropdown dropdown-source-buttons">.*?<ul class="dropdown-menu">(.*?)</ul>\s*</div>\s*', re.S
)
DOWNLOAD_MENU = re.compile(
    r'(<div class="dropdown dropdown-download-buttons">\s*<button [^>]*?aria-label=")[^"]*'
    r'(".*?<ul class="dropdown-menu">)(.*?)(</ul>)',
    re.S,
)


def one_page_menu(text, root):
    """The repository menu's links move into the download menu (one icon fewer on a phone),
    which gains the whole book as a PDF."""
    source = SOURCE_MENU.search(text)
    if source:
        text = text[: source.start()] + text[source.end() :]
    pdf_item = (
        f'<li><a href="{root}{BOOK_PDF}" class="btn btn-sm btn-book-pdf-button dropdown-item" '
        'title="The whole book as one PDF">'
        '<span class="btn__icon-container"><i class="fas fa-file-pdf"></i></span>'
        '<span class="btn__text-container">Book (PDF)</span></a></li>'
    )
    text = text.replace(
        '<span class="btn__text-container">.pdf</span>', '<span class="btn__text-container">Print page</span>'
    )

    def merge(match):
        items = match.group(3) + pdf_item + (source.group(1) if source else "")
        return match.group(1) + "Download, edit or report this page" + match.group(2) + items + match.group(4)

    return DOWNLOAD_MENU.sub(merge, text, count=1)


def accessible_names(text, title, root):
    # The sidebar's search field shows "Search Ctrl+K": its name is that text, not "Search".
    text = re.sub(r'(<button class="btn search-button-field[^"]*"[^>]*?) aria-label="[^"]*"', r"\1", text)
    # sphinxcontrib-bibtex: role="list" around links and role="doc-biblioentry" (deprecated) items.
    text = text.replace('<div role="list" class="citation-list">', '<div class="citation-list">')
    text = text.replace(' role="doc-biblioentry"', "")
    # The book's title in the sidebar, inside a landmark like the rest of the sidebar.
    text = re.sub(
        r'(<a class="navbar-brand logo"[^>]*>.*?</a>)',
        r'<nav aria-label="Book">\1</nav>',
        text,
        count=1,
        flags=re.S,
    )
    # On a phone the sidebar is a menu: the header shows the title instead.
    phone_title = (
        '<div class="header-article-item book-phone-title">'
        f'<a href="{root}intro.html">{html.escape(title)}</a></div>'
    )
    return re.sub(
        r'(<div class="header-article-items__start">\s*<div class="header-article-item">.*?</div>)',
        r"\1" + phone_title,
        text,
        count=1,
        flags=re.S,
    )


def notebook_links(text, root, notebook, repository, branch):
    links = (
        '<p class="book-notebook-links d-print-none">This page is a Jupyter notebook: '
        f'<a href="{root}_sources/{notebook}" download>download the notebook</a> · '
        f'<a href="{repository}/edit/{branch}/{notebook}">edit it in the repository</a> · '
        f'<a href="{root}{BOOK_PDF}">the whole book as a PDF</a></p>\n'
    )
    return text.replace("</article>", links + "</article>", 1)


DATA_IMAGE = re.compile(r'src="data:image/(svg\+xml|png);base64,([A-Za-z0-9+/=\s]+)"')


def images_as_files(text, root, images_dir):
    """An image stored in the page as a base64 data: URI (the diagrams: 110 KB each) becomes a
    file of ``_images/``: the page's HTML, which holds up the first paint, halves on chapter 3,
    and the browser caches the picture."""

    def to_file(match):
        kind, data = match.group(1), base64.b64decode(re.sub(r"\s", "", match.group(2)))
        name = f"inline-{hashlib.sha1(data).hexdigest()[:16]}.{'svg' if kind == 'svg+xml' else 'png'}"
        target = images_dir / name
        if not target.exists():
            images_dir.mkdir(exist_ok=True)
            target.write_bytes(data)
        return f'src="{root}_images/{name}"'

    return DATA_IMAGE.sub(to_file, text)


def rewrite_page(
    text,
    rel,
    fontawesome_js,
    title,
    notebook=None,
    repository="",
    branch="main",
    options_js="",
    images_dir=None,
):
    root = "../" * rel.count("/")
    text = light_head(text, rel == "search.html", options_js)
    text = one_page_menu(text, root)
    text = accessible_names(text, title, root)
    if notebook:
        text = notebook_links(text, root, notebook, repository, branch)
    text, unknown = inline_icons(text, fontawesome_js)
    if images_dir is not None:
        text = images_as_files(text, root, images_dir)
    return text, unknown


def rewrite_pages(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = pathlib.Path(app.outdir)
    fontawesome_js = out / "_static" / "scripts" / "fontawesome.js"
    if not fontawesome_js.exists():
        logger.warning("no _static/scripts/fontawesome.js in the build: icons left as they are")
        return
    repository = (app.config.html_theme_options.get("repository_url") or "").rstrip("/")
    branch = app.config.html_theme_options.get("repository_branch") or "main"
    notebooks = getattr(app, "book_notebooks", {})
    title = app.config.html_title or app.config.project
    options = out / "_static" / "documentation_options.js"
    options_js = options.read_text(encoding="utf-8") if options.exists() else ""
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        if rel.startswith("_"):
            continue
        text = path.read_text(encoding="utf-8")
        notebook = notebooks.get(rel[: -len(".html")])
        new, unknown = rewrite_page(
            text, rel, fontawesome_js, title, notebook, repository, branch, options_js, out / "_images"
        )
        for name in unknown:
            logger.warning(f"{rel}: no Font Awesome icon for class {name!r}")
        if new != text:
            path.write_text(new, encoding="utf-8")
    glyphs = subset_solid_font(out / "_static")
    logger.info(f"icons inlined; the icon font cut to {glyphs} glyphs")


def setup(app):
    app.connect("config-inited", no_top_bar)
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("html-page-context", remember_notebooks)
    app.connect("build-finished", rewrite_pages, priority=500)
    return {"parallel_read_safe": True, "parallel_write_safe": False}
