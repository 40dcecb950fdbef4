"""Files and tags around the pages (loaded through _config.yml, sphinx.local_extensions).

* ``.nojekyll`` at the top of the build, so GitHub Pages serves ``_static/`` and ``_images/``.
* A description and Open Graph tags on every page (search results, link previews).
* ``sitemap.xml`` (every page, under ``html_baseurl``) and ``404.html``, the page GitHub Pages
  shows for a missing address; a ``<base>`` tag makes its links work at any depth.
"""

import html
import pathlib
import re
from urllib.parse import urlsplit

DESCRIPTION = (
    "An interactive course book on recurrent neural networks with PyTorch: sequence and "
    "language models, RNNs from scratch and with torch.nn, GRU, LSTM, deep and "
    "bidirectional RNNs, with checked exercises."
)


def page_title(context):
    return html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or "")).strip()


def add_meta_tags(app, pagename, templatename, context, doctree):
    """<meta name="description"> and Open Graph tags on every page."""
    title = page_title(context)
    text = f"{title}: {DESCRIPTION}" if title and pagename != "intro" else DESCRIPTION
    book = app.config.html_title or app.config.project
    tags = {
        "description": text,
        "og:title": title or book,
        "og:description": text,
        "og:type": "website",
        "og:site_name": book,
    }
    if app.config.html_baseurl:
        tags["og:url"] = app.config.html_baseurl.rstrip("/") + "/" + pagename + ".html"
    lines = [
        f'<meta {"property" if key.startswith("og:") else "name"}="{key}" '
        f'content="{html.escape(value, quote=True)}">'
        for key, value in tags.items()
    ]
    context["metatags"] = context.get("metatags", "") + "\n" + "\n".join(lines)


NOT_FOUND = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<base href="{base}">
<title>Page not found &#8212; {book}</title>
<link rel="icon" href="_static/favicon.svg">
<style>
  body {{ font-family: system-ui, sans-serif; max-width: 40em; margin: 3em auto; padding: 0 1em;
         line-height: 1.5; color: #222; background: #fff; }}
  a {{ color: #0a5f8a; }}
  @media (prefers-color-scheme: dark) {{
    body {{ color: #ddd; background: #121212; }} a {{ color: #7cc4f0; }}
  }}
</style>
</head>
<body>
<main>
<h1>Page not found</h1>
<p>This address is not a page of <a href="intro.html">{book}</a>. The page may have moved:
start from <a href="intro.html">the contents</a>, or search the book.</p>
<form action="search.html" method="get" role="search">
  <label for="q">Search the book</label> <input id="q" type="search" name="q"> <button>Search</button>
</form>
</main>
</body>
</html>
"""


def write_site_files(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    out = pathlib.Path(app.outdir)
    (out / ".nojekyll").write_text("")
    if app.builder.name != "html":
        return
    baseurl = (app.config.html_baseurl or "").rstrip("/") + "/"
    book = html.escape(app.config.html_title or app.config.project)
    (out / "404.html").write_text(NOT_FOUND.format(base=urlsplit(baseurl).path or "/", book=book))
    pages = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if not p.relative_to(out).parts[0].startswith("_")
        and p.name not in ("404.html", "genindex.html", "search.html")
    )
    urls = "\n".join(f"  <url><loc>{html.escape(baseurl + page)}</loc></url>" for page in pages)
    (out / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}\n</urlset>\n'
    )


def setup(app):
    app.connect("build-finished", write_site_files)
    app.connect("html-page-context", add_meta_tags)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
