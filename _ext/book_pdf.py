"""`make pdf`: the whole book as one PDF, built offline, no TeX.

Jupyter Book writes the book as a single HTML page (Sphinx's ``singlehtml`` builder, with the
site's own extensions: formulas typeset by KaTeX, diagrams as inline SVG, plots as files), and
headless Chromium prints it (Playwright for Python, driving the system's Chromium as the browser
tests do; the theme's print stylesheet leaves out sidebars and buttons). The PDF goes to
``_build/pdf/sequence-models.pdf`` and, when the website has been built, next to its pages,
where every notebook page and the download menu link to it.

    python _ext/book_pdf.py [--out PATH] [--keep-html DIR]
"""

import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
PDF_NAME = "sequence-models.pdf"  # book_html.BOOK_PDF links this name
FOOTER = '<div style="font-size:8px;width:100%;text-align:center"><span class="pageNumber"></span></div>'
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", *CHROMIUM_CANDIDATES):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    raise SystemExit(
        "make pdf: headless Chromium prints the book and was not found. Install Debian's package "
        "(`apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome."
    )


def build_single_page(out_dir):
    """The book as one HTML page in ``out_dir``; returns the page's path."""
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    command = [
        str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
        "build",
        str(ROOT),
        "--builder",
        "singlehtml",
        "--path-output",
        str(out_dir),
        "-q",
    ]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    # The whole book is the root page (index.html only redirects to it).
    root = yaml.safe_load((ROOT / "_toc.yml").read_text())["root"]
    page = pathlib.Path(out_dir) / "_build" / "singlehtml" / f"{root}.html"
    if result.returncode != 0 or not page.exists():
        raise SystemExit(
            f"make pdf: the single-page build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return page


def print_to_pdf(page, pdf_path, chromium=None):
    """Print ``page`` (an HTML file) to ``pdf_path`` once every image has loaded; returns what
    the page held: {"images", "broken_images", "formulas", "pages"}."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium or find_chromium(), args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        tab = browser.new_page()
        tab.route(
            "**/*",
            lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_(),
        )
        tab.goto(page.resolve().as_uri(), wait_until="load", timeout=120_000)
        # Lazy images would stay blank in print: load them all first.
        tab.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
        tab.wait_for_function("[...document.images].every(i => i.complete)", timeout=120_000)
        held = tab.evaluate(
            """() => ({images: document.images.length,
                       broken_images: [...document.images].filter(i => !i.naturalWidth).length,
                       formulas: document.querySelectorAll('.katex').length})"""
        )
        tab.emulate_media(media="print")
        pdf = tab.pdf(
            format="A4",
            print_background=True,
            margin={"top": "15mm", "bottom": "15mm", "left": "14mm", "right": "14mm"},
            display_header_footer=True,
            header_template="<span></span>",
            footer_template=FOOTER,
        )
        browser.close()
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    pdf_path.write_bytes(pdf)
    held["pages"] = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    return held


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "_build" / "pdf" / PDF_NAME)
    parser.add_argument(
        "--keep-html", type=pathlib.Path, help="build the single page here (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="book-pdf-") as tmp:
        page = build_single_page(args.keep_html or tmp)
        held = print_to_pdf(page, args.out)
    if held["broken_images"]:
        raise SystemExit(f"make pdf: {held['broken_images']} of {held['images']} images did not load")
    site = ROOT / "_build" / "html"
    if site.is_dir():
        shutil.copy2(args.out, site / PDF_NAME)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {size:.1f} MB, {held['images']} images, {held['formulas']} formulas")
    return held


if __name__ == "__main__":
    main()
