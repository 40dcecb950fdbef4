"""Sphinx fixes for the book's HTML pages (loaded through _config.yml, sphinx.local_extensions).

One search box. pydata-sphinx-theme puts a search field in a top bar unless
``navbar_persistent`` is set (sphinx-book-theme issue #986); the book's sidebar has its own
field and the article header a search button at phone width, so the top bar only repeated it.

Scripts listed once. Sphinx 7.4 lists an inline script twice when an extension adds it after
the builder starts (sphinx-thebe's ``const THEBE_JS_URL = ...``, sphinx-togglebutton's
selector): once as added, once again when the builder re-reads its registry. A ``const``
declared twice is a JavaScript SyntaxError on every page, so this drops the repeats before
the page is written.
"""


def _key(script):
    filename = getattr(script, "filename", script) or ""
    attributes = getattr(script, "attributes", {}) or {}
    return filename, tuple(sorted((k, str(v)) for k, v in attributes.items()))


def drop_repeated_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def no_top_bar(app, config):
    config.html_theme_options.setdefault("navbar_persistent", [])


def setup(app):
    app.connect("config-inited", no_top_bar)
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
