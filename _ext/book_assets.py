"""Files the website serves itself (loaded through _config.yml, sphinx.local_extensions).

* MathJax 3 comes from a Python package, ``django-static-mathjax`` (the npm package
  ``mathjax-full`` repackaged, import name ``mathjax``; requirements.txt installs it), so the
  pages render formulas offline, on ``file://`` and in a classroom without internet. The parts a
  page needs (the TeX-to-HTML bundle, the extensions it loads on demand, the fonts, the
  accessibility tools) are copied into ``_build/html/_static/mathjax/``; ``mathjax_path`` in
  _config.yml points there. Nothing is fetched at build time.
* ``.nojekyll`` at the top of the build, so GitHub Pages serves ``_static/`` and ``_images/``.
"""

import html
import pathlib
import re
import shutil

from sphinx.errors import ExtensionError

MATHJAX_PARTS = ["tex-mml-chtml.js", "input", "output/chtml", "a11y", "ui", "sre"]


def mathjax_source():
    try:
        import mathjax
    except ImportError as err:
        raise ExtensionError(
            "MathJax is not installed: the site serves its own copy from the PyPI package "
            "django-static-mathjax (`pip install -r requirements.txt`, or `make setup`)."
        ) from err
    root = pathlib.Path(mathjax.__file__).parent / "static" / "mathjax"
    es5 = root / "es5"
    if not (es5 / "tex-mml-chtml.js").is_file():
        raise ExtensionError(f"no MathJax 3 bundle in {es5}: reinstall django-static-mathjax")
    return root


def copy_mathjax(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    root = mathjax_source()
    target = pathlib.Path(app.outdir) / "_static" / "mathjax"
    for part in MATHJAX_PARTS:
        src, dst = root / "es5" / part, target / part
        if src.is_dir():
            shutil.copytree(src, dst, dirs_exist_ok=True)
        else:
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
    shutil.copy2(root / "LICENSE", target / "LICENSE")
    (pathlib.Path(app.outdir) / ".nojekyll").write_text("")


DESCRIPTION = (
    "An interactive course book on recurrent neural networks with PyTorch: sequence and "
    "language models, RNNs from scratch and with torch.nn, GRU, LSTM, deep and "
    "bidirectional RNNs, with checked exercises."
)


def add_description(app, pagename, templatename, context, doctree):
    """A <meta name="description"> on every page, for search engines and link previews."""
    title = html.unescape(re.sub(r"<[^>]+>", "", context.get("title") or "")).strip()
    text = f"{title}: {DESCRIPTION}" if title and pagename != "intro" else DESCRIPTION
    escaped = html.escape(text, quote=True)
    context["metatags"] = context.get("metatags", "") + f'\n<meta name="description" content="{escaped}">'


def check_installed(app, config):
    if config.mathjax_path and "://" not in config.mathjax_path:
        mathjax_source()  # fail early, before reading every page


def setup(app):
    app.connect("config-inited", check_installed)
    app.connect("build-finished", copy_mathjax)
    app.connect("html-page-context", add_description)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
