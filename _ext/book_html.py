"""A Sphinx fix for the book's HTML pages (loaded through _config.yml, sphinx.local_extensions).

Sphinx 7.4 lists an inline script twice when an extension adds it after the builder starts
(sphinx-thebe's ``const THEBE_JS_URL = ...``, sphinx-togglebutton's selector): once as added,
once again when the builder re-reads its registry. A ``const`` declared twice is a JavaScript
SyntaxError on every page, so this drops the repeats before the page is written.
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


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
