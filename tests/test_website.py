"""The website in a real browser: build it, serve it on 127.0.0.1, read it in headless Chromium.

Playwright for Python drives Debian's Chromium (``/usr/bin/chromium``, or ``CHROMIUM=...``)
through ``executable_path``; Playwright's own browser download is not used. Without a browser,
or without Playwright, the tests FAIL with an install hint: they never skip.

Every request to a host other than 127.0.0.1 is blocked and counts as a failure, so every check
below is also a check that the site works offline (formulas are typeset when the site is built).
What each test guards is the defect of the December 2026 review it names. Screenshots of phone
(390 px) and desktop (1400 px) pages, light and dark, go to test-artifacts/.
"""

import functools
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from playwright.sync_api import sync_playwright

# One worker runs them all (pytest-xdist), so the site is built once.
pytestmark = pytest.mark.xdist_group("website")

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--hide-scrollbars",
    "--mute-audio",
]
INSTALL_HINT = (
    "headless Chromium is needed for the website test and was not found. Install Debian's "
    "package (`apt-get install -y chromium`) or set CHROMIUM=/path/to/chrome. The test drives "
    "it with Playwright for Python (requirements.txt) and does not skip without it."
)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 900}
CHAPTER_WITH_PLOT = "chapters/03_rnn_scratch.html"
CHAPTER_WITH_WIDGET = "chapters/06_gru.html"
CHAPTER_WITH_MATH = "chapters/05_bptt.html"
BOOK_PDF = "sequence-models.pdf"  # _ext/book_html.py links it, _ext/book_pdf.py writes it
SEARCH_WITH_MATH = "hidden state"  # its snippets quote formulas such as \(\mathbf{H}_t\)


def find_chromium():
    for candidate in (
        os.environ.get("CHROMIUM"),
        "/usr/bin/chromium",
        "chromium",
        "chromium-browser",
        "google-chrome",
        "google-chrome-stable",
    ):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


def build_site(tmp_path_factory):
    """The book built from this checkout, as `make book` builds it; built once per test session
    (tests/test_website_review.py reads the same build)."""
    out = tmp_path_factory.getbasetemp() / "website-build"
    html = out / "_build" / "html"
    if (html / "intro.html").exists() and (out / "built").exists():
        return html
    shutil.rmtree(out, ignore_errors=True)
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    command = [
        str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
        "build",
        str(ROOT),
        "--path-output",
        str(out),
    ]
    start = time.perf_counter()
    result = subprocess.run(
        command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "BOOK_SOLUTIONS": "1"}
    )
    assert result.returncode == 0 and (html / "intro.html").exists(), (
        f"jupyter-book build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    (out / "built").write_text("")
    print(f"site built in {time.perf_counter() - start:.1f} s")
    return html


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory)


@pytest.fixture(scope="module")
def server(site):
    httpd = QuietServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    executable = find_chromium()
    if executable is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield chromium
        chromium.close()


SCROLL_BOXES_READY = """() => document.documentElement.dataset.bookScrollBoxes === 'ready'
    || !document.querySelector('script[src*="book-nav"]')"""


class Reader:
    """One browser context (viewport, colour scheme) that records what goes wrong on its pages."""

    def __init__(self, browser, server, viewport=DESKTOP, scheme="light"):
        self.server = server
        self.context = browser.new_context(
            viewport=viewport, color_scheme=scheme, device_scale_factor=1, is_mobile=False
        )
        self.problems = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.set_default_timeout(30_000)
        self.page.on("pageerror", lambda err: self.problems.append(f"JavaScript exception: {err}"))
        self.page.on("console", self._console)
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _route(self, route):
        url = route.request.url
        host = urllib.parse.urlsplit(url).hostname
        if host not in ("127.0.0.1", None) and not url.startswith("data:"):
            self.problems.append(f"request to another host (offline it fails): {url}")
            return route.abort()
        return route.continue_()

    def _console(self, message):
        if (
            message.type == "error"
            and "another host" not in message.text
            and "net::ERR_FAILED" not in message.text
        ):
            self.problems.append(f"console.error: {message.text}")

    def _failed(self, request):
        if urllib.parse.urlsplit(request.url).hostname == "127.0.0.1" and request.failure not in (
            "net::ERR_ABORTED",
        ):
            self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        path = urllib.parse.urlsplit(response.url).path
        if response.status >= 400 and path != "/favicon.ico":
            self.problems.append(f"HTTP {response.status} for {response.url}")

    def open(self, page, wait_math=True):
        # (wait_math: kept for the callers; formulas arrive typeset, there is nothing to wait for)
        self.problems_at = len(self.problems)
        self.page.goto(urllib.parse.urljoin(self.server, page), wait_until="load")
        # Cells off screen skip rendering (content-visibility in rnnlab.css), and innerText and
        # layout read nothing there: the checks read every cell rendered.
        if not page.startswith(("index.html", "search.html")):  # (index.html redirects)
            # book-nav.js marks the boxes that scroll in slices while the page is idle.
            self.page.wait_for_function(SCROLL_BOXES_READY)
            self.page.add_style_tag(
                content="div.cell, article section { content-visibility: visible !important; }"
            )
        return self.page

    def new_problems(self):
        return self.problems[self.problems_at :]

    def close(self):
        self.context.close()


def html_pages(site):
    """Every page of the book (404.html is not one: it is written for GitHub Pages's address,
    tests/test_website_review.py checks it)."""
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if not p.relative_to(site).parts[0].startswith("_") and p.name != "404.html"
    )


PAGE_INFO = """() => {
  const article = document.querySelector('main article') || document.querySelector('article');
  const text = (root) => {
    if (!root) return '';
    const copy = root.cloneNode(true);
    copy.querySelectorAll('pre, code, .katex, script, style, .highlight')
        .forEach(e => e.remove());
    return copy.innerText;
  };
  return {
    title: document.title,
    h1: ((document.querySelector('article h1') || {}).textContent || '').replace(/#$/, '').trim(),
    content: article ? article.innerText.trim().length : 0,
    prose: text(article),
    body: document.body.innerText,
    headings: [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, nav a')].map(h => h.textContent.trim()),
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
         .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
    math: document.querySelectorAll('.katex').length,
  };
}"""

# Raw TeX that KaTeX did not typeset, in the text outside code (defect 5 and 6 of the review).
RAW_TEX = re.compile(
    r"\\\(|\\\)|\\\[|\\\]|\$\$|\\(mathbf|frac|tanh|sum|top|odot|partial|mathrm|left|right)\b"
    r"|(?<![\w$])\$(?=[^\s$])[^$\n]{1,80}(?<=[^\s$])\$(?![\w$])"
)
MARKERS = re.compile(r"(BEGIN|END) SOLUTION")
FROZEN_BAR = re.compile(r"\d+%\|[^|\n]*\|\s*\d+/\d+")


def notebook_pages(site):
    return [p for p in html_pages(site) if p.startswith(("chapters/", "solutions/", "exercises/"))]


@pytest.fixture(scope="module")
def crawl(site, server, browser):
    """One pass over every page at 1400 px in light mode, and over the notebook pages in dark
    mode and at 390 px, collecting what the checks below need (each check is its own test)."""
    pages = html_pages(site)
    data = {
        "pages": pages,
        "info": {},
        "problems": [],
        "images": {},
        "phone_images": {},
        "contrast": {"light": {}, "dark": {}},
        "theme": {},
    }
    reader = Reader(browser, server)
    for page in pages:
        reader.open(page, wait_math=page != "index.html")
        data["problems"] += [f"{page}: {p}" for p in reader.new_problems()]
        if page == "index.html":  # a redirect to the landing page
            continue
        data["info"][page] = reader.page.evaluate(PAGE_INFO)
        data["images"][page] = reader.page.evaluate(IMAGES)
        if page in notebook_pages(site):
            data["contrast"]["light"][page] = reader.page.evaluate(CONTRAST)
    reader.close()
    reader = Reader(browser, server, scheme="dark")
    for page in notebook_pages(site):
        reader.open(page, wait_math=False)
        data["theme"][page] = reader.page.evaluate("document.documentElement.dataset.theme")
        data["contrast"]["dark"][page] = reader.page.evaluate(CONTRAST)
    data["problems"] += [f"dark: {p}" for p in reader.problems]
    reader.close()
    reader = Reader(browser, server, viewport=PHONE)
    for page in notebook_pages(site):
        reader.open(page, wait_math=False)
        data["phone_images"][page] = reader.page.evaluate(IMAGES)
    data["problems"] += [f"390 px: {p}" for p in reader.problems]
    reader.close()
    return data


def test_every_page_offline(site, server, crawl):
    """Every page: a title, content, no JavaScript error, no request to another host, no broken
    internal link or anchor, formulas typeset (no raw TeX), no nbgrader marker (also not in
    headings or the contents list), no frozen progress bar, distinct titles."""
    pages, info = crawl["pages"], crawl["info"]
    assert "intro.html" in pages and any(p.startswith("chapters/") for p in pages), pages
    failures = list(crawl["problems"])
    for page, data in info.items():
        if not data["title"].strip():
            failures.append(f"{page}: empty <title>")
        if page not in ("genindex.html", "search.html") and data["content"] < 200:
            failures.append(f"{page}: the main article has only {data['content']} characters")
        if page.startswith(("chapters/", "solutions/", "exercises/")) and (
            not data["h1"] or data["h1"] not in data["title"]
        ):
            failures.append(f"{page}: title {data['title']!r} does not carry its H1 {data['h1']!r}")
        for match in RAW_TEX.finditer(data["prose"]):
            start = max(0, match.start() - 40)
            failures.append(f"{page}: raw TeX in the text: ...{data['prose'][start : match.end() + 40]!r}")
            break
        if MARKERS.search(data["body"]) or any(MARKERS.search(h) for h in data["headings"]):
            failures.append(f"{page}: shows an nbgrader marker (BEGIN/END SOLUTION)")
        if FROZEN_BAR.search(data["body"]):
            failures.append(f"{page}: a stored progress bar: {FROZEN_BAR.search(data['body']).group(0)!r}")
    titles = {}
    for page, data in info.items():
        titles.setdefault(data["title"], []).append(page)
    failures += [f"pages share the title {t!r}: {p}" for t, p in titles.items() if len(p) > 1]
    assert info[CHAPTER_WITH_MATH]["math"] > 10, "no typeset formula on the BPTT chapter"

    # Internal links: the target exists, and so does its anchor.
    for page, data in info.items():
        for link in data["links"]:
            if not link.startswith(server):
                continue
            target, _, fragment = link.partition("#")
            rel = target[len(server) :] or "index.html"
            rel = rel + "index.html" if rel.endswith("/") else rel
            if rel == BOOK_PDF:  # written by `make pdf`; tests/test_website_review.py prints it
                continue
            if not (site / urllib.parse.unquote(rel)).exists():
                failures.append(f"{page}: broken link to {rel}")
            elif fragment and rel in info and urllib.parse.unquote(fragment) not in info[rel]["ids"]:
                failures.append(f"{page}: link to a missing anchor {rel}#{fragment}")
    assert not failures, f"{len(failures)} problems on {len(pages)} pages:\n" + "\n".join(failures)


def test_exercise_and_solution_titles(site, server, browser):
    """Student pages are "Exercises N · Topic", solution pages "Solutions N · Topic" (review
    defect 3), each solution page says to try the exercise first, and searching "LSTM" puts the
    LSTM chapter among the first three hits."""
    reader = Reader(browser, server)
    failures = []
    for folder, word in (("exercises", "Exercises"), ("solutions", "Solutions")):
        for path in sorted((site / folder).glob("*.html")):
            number = int(path.name.split("_", 1)[0])
            page = reader.open(f"{folder}/{path.name}")
            h1 = page.locator("article h1").first.inner_text().rstrip("#").strip()
            if not re.fullmatch(rf"{word} {number} · \S.*", h1):
                failures.append(f"{folder}/{path.name}: H1 {h1!r} is not '{word} {number} · Topic'")
            if (
                folder == "solutions"
                and not page.locator("article .admonition a[href*='exercises/']").count()
            ):
                failures.append(f"{folder}/{path.name}: no note linking to the exercises")
            if folder == "solutions" and not page.locator("article .model-answer").count():
                failures.append(f"{folder}/{path.name}: no 'Model answer' block")
    page = reader.open("search.html?q=LSTM", wait_math=False)
    page.wait_for_selector("#search-results li", timeout=20_000)
    hits = page.locator("#search-results li a").all_inner_texts()[:3]
    if not any("LSTM" in h or "Long Short-Term Memory" in h for h in hits if "·" not in h):
        failures.append(f"search 'LSTM': the LSTM chapter is not among the first three hits {hits}")
    snippets = " ".join(page.locator("#search-results li").all_inner_texts())
    if MARKERS.search(snippets):
        failures.append("search snippets show BEGIN/END SOLUTION")
    reader.close()
    assert not failures, "\n".join(failures)


def test_one_search_box_and_snippets_without_tex(site, server, browser):
    """One search box at each width (the theme's top bar repeated the sidebar's),
    and search snippets show formulas as plain text, not as their TeX source."""
    failures = []
    for name, viewport in (("390 px", PHONE), ("1400 px", DESKTOP)):
        reader = Reader(browser, server, viewport=viewport)
        page = reader.open(CHAPTER_WITH_MATH)
        boxes = page.locator(".search-button-field:visible, .search-button:visible").count()
        if boxes != 1:
            failures.append(f"{name}: {boxes} search boxes or buttons visible, expected 1")
        reader.close()
    reader = Reader(browser, server)
    page = reader.open(f"search.html?q={SEARCH_WITH_MATH}", wait_math=False)
    page.wait_for_selector("#search-results li p.context", timeout=20_000)
    page.wait_for_timeout(1000)  # the other snippets arrive one by one
    snippets = page.locator("#search-results li p.context").all_inner_texts()
    tex = [s for s in snippets if re.search(r"\\[()\[\]]|\\math|\\frac", s)]
    if tex:
        failures.append(f"{len(tex)} of {len(snippets)} snippets show TeX: {tex[0][:200]!r}")
    if not any("H_t" in s for s in snippets):
        failures.append(f"no snippet shows a formula as text (H_t) for {SEARCH_WITH_MATH!r}")
    failures += reader.new_problems()
    reader.close()
    assert not failures, "\n".join(failures)


def test_phone_menu_and_contents_open(site, server, browser):
    """At 390 px the menu button opens the navigation and "On this page" opens the contents
    (pydata-sphinx-theme #2451, review defect 1); at 1400 px the button collapses the sidebar."""
    failures = []
    for scheme in ("light", "dark"):
        reader = Reader(browser, server, viewport=PHONE, scheme=scheme)
        page = reader.open(CHAPTER_WITH_PLOT)
        toggle = page.locator("button.primary-toggle:visible").first
        toggle.click()
        page.wait_for_timeout(300)
        if not page.evaluate("document.getElementById('pst-primary-sidebar-modal').open"):
            failures.append(f"{scheme}, 390 px: the menu button did not open the navigation")
        else:
            link = page.locator("#pst-primary-sidebar-modal a[href*='07_lstm']").first
            if not link.is_visible():
                failures.append(f"{scheme}, 390 px: the open menu does not show the chapters")
            page.screenshot(path=ARTIFACTS / f"phone-{scheme}-menu.png")
            page.keyboard.press("Escape")
            page.wait_for_timeout(200)
        page.locator("button.secondary-toggle:visible").first.click()
        page.wait_for_timeout(300)
        if not page.evaluate("document.getElementById('pst-secondary-sidebar-modal').open"):
            failures.append(f"{scheme}, 390 px: 'On this page' did not open the contents")
        else:
            if not page.locator("#pst-secondary-sidebar-modal nav a").first.is_visible():
                failures.append(f"{scheme}, 390 px: the contents dialog shows no section")
            page.screenshot(path=ARTIFACTS / f"phone-{scheme}-contents.png")
        failures += [f"{scheme} phone: {p}" for p in reader.new_problems()]
        reader.close()
    reader = Reader(browser, server, viewport=DESKTOP)
    page = reader.open(CHAPTER_WITH_PLOT)
    page.locator("button.primary-toggle:visible").first.click()
    page.wait_for_timeout(500)
    if not page.evaluate(
        "document.getElementById('pst-primary-sidebar').classList.contains('pst-sidebar-hidden')"
    ):
        failures.append("1400 px: the sidebar button did not collapse the sidebar")
    reader.close()
    assert not failures, "\n".join(failures)


CONTRAST = """() => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g) || ['0','0','0','0'];
                        return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let out = [255, 255, 255];
    for (const c of layers.reverse()) out = out.map((v, i) => v * (1 - c[3]) + c[i] * c[3]);
    return out;
  };
  const worst = [];
  const selector = 'div.cell_output :is(p, pre, code, span, small, b, li, td), .admonition p';
  for (const el of document.querySelectorAll(selector)) {
    if (!el.offsetParent || ![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
      continue;
    const bg = background(el), fg = rgba(getComputedStyle(el).color);
    const color = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(color), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    if (ratio < 4.5) worst.push([ratio.toFixed(2), el.tagName, el.textContent.trim().slice(0, 50)]);
  }
  return worst;
}"""


def test_outputs_readable_in_both_modes(crawl):
    """Text in every notebook output (widget snapshots included) and in admonitions has a WCAG
    contrast of at least 4.5:1, light and dark (review defect 4: 1.01:1 in dark mode)."""
    failures = [
        f"{page}: the page is not in dark mode" for page, theme in crawl["theme"].items() if theme != "dark"
    ]
    for scheme, pages in crawl["contrast"].items():
        for page, worst in pages.items():
            failures += [
                f"{scheme} {page}: contrast {ratio}:1 for <{tag}> {text!r}" for ratio, tag, text in worst
            ]
    assert len(crawl["contrast"]["dark"]) > 10
    assert not failures, "\n".join(failures[:40])


IMAGES = """() => [...document.querySelectorAll('article img')].map(img => {
  const figure = img.closest('figure');
  const caption = figure && figure.querySelector('figcaption');
  return {src: img.getAttribute('src').slice(0, 120), alt: img.getAttribute('alt') || '',
          output: !!img.closest('div.cell_output'), html: !!img.closest('.text_html'),
          snapshot: !!img.closest('.rnnlab-widget-snapshot'),
          caption: caption ? caption.innerText.trim() : '',
          number: caption ? (caption.querySelector('.caption-number') || {}).textContent || '' : '',
          width: img.clientWidth, natural: img.naturalWidth};
})"""
HASHED = re.compile(r"\.(png|svg|jpe?g|gif)\b|[0-9a-f]{16}|^_images/|^\.\./", re.I)


def meaningful(alt):
    return len(alt.split()) >= 3 and not HASHED.search(alt)


def test_images_have_alt_text_and_captions(crawl):
    """Every image on the site has alt text that says what it shows (not a file name or hash);
    every figure a notebook draws (plots, and the diagrams of rnnlab.diagrams) sits in a numbered,
    captioned figure. Widget snapshots are not figures. (Review defect 11.)"""
    failures, counted = [], 0
    for page, images in crawl["images"].items():
        for img in images:
            counted += 1
            where = f"{page}: image {img['src'][:60]!r}"
            if not meaningful(img["alt"]):
                failures.append(f"{where} has alt text {img['alt']!r}")
            if img["output"] and not img["snapshot"]:
                if not img["caption"]:
                    failures.append(f"{where} has no caption")
                elif not re.match(r"Fig\. ?\d+", img["number"].strip()):
                    failures.append(f"{where}: caption {img['caption'][:50]!r} is not numbered")
    assert counted > 30, f"only {counted} images on the site"
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)


def _svg_font_sizes(svg_text):
    """Font sizes (in the SVG's user units) of the text in a matplotlib SVG drawn with
    svg.fonttype 'none' (text kept as text)."""
    return [float(s) for s in re.findall(r"font(?:-size)?:\s*(?:[a-z]+\s+)*([\d.]+)px", svg_text)]


def test_plots_sharp_and_readable_on_a_phone(site, crawl):
    """Plots are SVG (sharp on any screen; raster plots would need twice their display width),
    and at 390 px their smallest text is still at least 8 CSS pixels high (review defect 11).
    The notebooks' stored outputs must come from a run with rnnlab's plot style."""
    failures, plots = [], 0
    for page, images in crawl["phone_images"].items():
        for img in images:
            if not img["output"] or img["html"]:
                continue
            plots += 1
            src = img["src"]
            if not src.endswith(".svg"):
                if img["natural"] < 2 * img["width"]:
                    failures.append(
                        f"{page}: {src[:50]} is a raster image at "
                        f"{img['natural']} px shown {img['width']} px wide (not sharp)"
                    )
                continue
            svg = (site / page).parent.joinpath(src).resolve().read_text()
            view = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) [\d.]+"', svg)
            sizes = _svg_font_sizes(svg)
            if not view or not sizes:
                failures.append(f"{page}: {src}: no viewBox or no text kept as text in the SVG")
                continue
            smallest = min(sizes) * img["width"] / float(view.group(1))
            if smallest < 8:
                failures.append(f"{page}: {src}: text {smallest:.1f} px high at 390 px")
    assert plots > 20, f"only {plots} plots found"
    assert not failures, f"{len(failures)} of {plots} plots:\n" + "\n".join(failures[:30])


def test_screenshots(site, server, browser):
    """Phone and desktop, light and dark: landing page, a chapter at its plot, a widget snapshot
    and a solution, saved to test-artifacts/ for a person to look at."""
    shots = [
        ("landing", "intro.html", None),
        ("chapter-plot", CHAPTER_WITH_PLOT, "div.cell_output img"),
        ("widget", CHAPTER_WITH_WIDGET, "div.rnnlab-widget-snapshot"),
        ("math", CHAPTER_WITH_MATH, ".katex"),
        ("solution", "solutions/01_sequence_models.html", ".model-answer"),
    ]
    for device, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        for scheme in ("light", "dark"):
            reader = Reader(browser, server, viewport=viewport, scheme=scheme)
            for name, page_name, selector in shots:
                page = reader.open(page_name)
                if selector:
                    element = page.locator(selector).first
                    assert element.count(), f"{page_name} has no {selector}"
                    element.scroll_into_view_if_needed()
                    page.wait_for_timeout(200)
                path = ARTIFACTS / f"{device}-{scheme}-{name}.png"
                page.screenshot(path=path)
                assert path.stat().st_size > 10_000, f"{path.name} looks empty"
            assert not reader.problems, reader.problems
            reader.close()


def test_diagrams_on_the_site(site, server, browser):
    """Each diagram of rnnlab.diagrams shows on its chapter's page, light and dark: the image
    decodes (an SVG file of _images/, written from the notebook's data: URI by
    _ext/book_html.py, so the page's HTML stays small), carries its alt text and sits in a numbered
    figure with its caption. tests/test_diagrams.py checks the notebooks' side."""
    index = json.loads((ROOT / "rnnlab" / "diagrams" / "index.json").read_text())["diagrams"]
    chapters = sorted({entry["chapter"] for entry in index.values()})
    failures = []
    for scheme in ("light", "dark"):
        reader = Reader(browser, server, scheme=scheme)
        for chapter in chapters:
            page = reader.open(f"chapters/{chapter}.html", wait_math=False)
            # diagrams below the first screen load lazily (_ext/book_speed.py): load them now
            page.evaluate("document.querySelectorAll('img.rnnlab-diagram').forEach(i => i.loading = 'eager')")
            page.wait_for_function(
                "() => [...document.querySelectorAll('img.rnnlab-diagram')].every(img => img.complete)"
            )
            shown = page.evaluate("""() => [...document.querySelectorAll('img.rnnlab-diagram')]
              .map(img => { const fig = img.closest('figure');
                            const cap = fig && fig.querySelector('figcaption');
                            return {alt: img.alt, natural: img.naturalWidth, width: img.clientWidth,
                                    src: img.getAttribute('src').slice(0, 60),
                                    number: cap ? (cap.querySelector('.caption-number') || {})
                                                  .textContent || '' : ''}; })""")
            # A diagram shown from a markdown cell (tests/test_diagrams.py) is a plain image.
            source = (ROOT / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8")
            in_markdown = {n for n in index if f"../rnnlab/diagrams/{n}.svg)" in source}
            for name in sorted(in_markdown):
                natural = page.evaluate(
                    "alt => [...document.images].filter(i => i.alt === alt).map(i => i.naturalWidth)",
                    index[name]["alt"],
                )
                if len(natural) != 1 or not natural[0]:
                    failures.append(f"{scheme} {chapter}: markdown diagram {name} missing or not decoded")
            expected = sorted(
                e["alt"] for n, e in index.items() if e["chapter"] == chapter and n not in in_markdown
            )
            if sorted(img["alt"] for img in shown) != expected:
                failures.append(
                    f"{scheme} {chapter}: diagrams with alt texts "
                    f"{[img['alt'][:40] for img in shown]}, expected {len(expected)}"
                )
            for img in shown:
                where = f"{scheme} {chapter}: diagram {img['alt'][:40]!r}"
                if not re.fullmatch(r"\.\./_images/inline-[0-9a-f]{16}\.svg", img["src"]):
                    failures.append(f"{where}: source {img['src']!r} is not an SVG file of _images/")
                if not img["natural"] or img["width"] < 300:
                    failures.append(f"{where}: not decoded, or shown {img['width']} px wide")
                if not re.match(r"Fig\. ?\d+", img["number"].strip()):
                    failures.append(f"{where}: not in a numbered figure")
        assert not reader.problems, reader.problems
        reader.close()
    assert not failures, "\n".join(failures)
