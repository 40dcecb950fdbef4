"""The defects of the website review of December 2026 (reviews/website-2026-12b.md, D-01 ... D-16),
each guarded in headless Chromium, plus the whole-book PDF.

Reads the build of tests/test_website.py (one build per session) through its helpers. axe-core
(npm package, vendored in tests/vendor/axe-core with its licence: the test runs offline) is
injected into every page at 390 and 1400 px, light and dark: no serious or critical violation.
"""

import concurrent.futures
import functools
import gzip
import json
import pathlib
import re
import sys
import threading
import time
import urllib.parse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright
from test_website import (
    ARTIFACTS,
    BOOK_PDF,
    CHROMIUM_FLAGS,
    DESKTOP,
    INSTALL_HINT,
    PHONE,
    QuietHandler,
    SCROLL_BOXES_READY,
    QuietServer,
    Reader,
    build_site,
    find_chromium,
    html_pages,
    notebook_pages,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("website")]

ROOT = pathlib.Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
CHAPTER_3 = "chapters/03_rnn_scratch.html"
sys.path.insert(0, str(ROOT / "_ext"))


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


def phone_reader(browser, server, scheme="light"):
    """A phone: 390 px, touch, no hover."""
    reader = Reader.__new__(Reader)
    reader.server = server
    reader.context = browser.new_context(
        viewport=PHONE, color_scheme=scheme, device_scale_factor=1, is_mobile=True, has_touch=True
    )
    reader.problems = []
    reader.context.route("**/*", reader._route)
    reader.page = reader.context.new_page()
    reader.page.set_default_timeout(30_000)
    reader.page.on("pageerror", lambda err: reader.problems.append(f"JavaScript exception: {err}"))
    reader.page.on("console", reader._console)
    return reader


AXE_RUN = """async (rules) => {
  // KaTeX's visual half is aria-hidden and takes the colour of the text around it; its MathML
  // half (what assistive technology reads) is checked.
  const options = {resultTypes: ['violations']};
  if (rules) options.runOnly = {type: 'rule', values: rules};
  const result = await axe.run({exclude: [['.katex-html']]}, options);
  return result.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
                                      target: v.nodes[0] && v.nodes[0].target.join(' ')}));
}"""
# Rules whose outcome depends on the colour theme; every other rule reads structure, names and
# roles, the same in both themes, so the dark runs check these only (half the time: axe takes
# seconds on a 7,000-element chapter).
THEME_RULES = ["color-contrast", "link-in-text-block"]
AXE_WIDTHS = (("390px", PHONE), ("1400px", DESKTOP))
# The dark run reuses the light page (one load per page and width, not two): the reader's system
# turns dark, the theme follows it (pydata-sphinx-theme's listener on prefers-color-scheme sets
# <html data-theme>), its dropdown menus get the class a dark load gives them, and axe waits until
# no colour is still in a CSS transition.
TO_DARK = """() => {
  if (document.documentElement.dataset.theme !== 'dark') return false;
  document.querySelectorAll('.dropdown-menu').forEach(e => e.classList.add('dropdown-menu-dark'));
  return !document.getAnimations().some(a => a instanceof CSSTransition && a.playState === 'running');
}"""


def test_axe_no_serious_or_critical_violation(site, server, browser):
    """D-01, D-05, D-06 (and every other rule): axe-core on every page at 390 and 1400 px, light
    and dark (all rules in light; in dark the rules that depend on colours), finds no serious or
    critical violation. Counts of every impact are printed and saved to test-artifacts/axe.json
    (the review found 1 critical and 55-66 serious violations per combination)."""
    assert AXE.exists(), f"axe-core is missing: {AXE} (vendored from the npm package axe-core)"
    axe_source = AXE.read_text(encoding="utf-8")
    pages = [p for p in html_pages(site) if p != "index.html"]
    failures, counts, seconds, switched = [], {}, {}, {}
    for width, viewport in AXE_WIDTHS:
        combos = (f"{width}-light", None), (f"{width}-dark", THEME_RULES)
        for combo, _ in combos:
            counts[combo] = {"critical": 0, "serious": 0, "moderate": 0, "minor": 0}
            seconds[combo] = 0.0
        reader = Reader(browser, server, viewport=viewport, scheme="light")
        for page_name in pages:
            start = time.perf_counter()
            page = reader.open(page_name)  # (waits until book-nav.js has named the scroll boxes)
            page.add_script_tag(content=axe_source)
            for (combo, rules), scheme in zip(combos, ("light", "dark")):
                if scheme == "dark":
                    page.emulate_media(color_scheme="dark")
                    try:
                        page.wait_for_function(TO_DARK, timeout=10_000)
                    except PlaywrightTimeout:
                        failures.append(
                            f"{combo} {page_name}: expected <html data-theme='dark'> once the system "
                            "turned dark, got "
                            + repr(page.evaluate("document.documentElement.dataset.theme"))
                        )
                        continue
                found = page.evaluate(AXE_RUN, rules)
                if scheme == "dark":
                    switched[(width, page_name)] = sorted((v["id"], v["impact"], v["nodes"]) for v in found)
                seconds[combo] += time.perf_counter() - start
                start = time.perf_counter()
                for v in found:
                    counts[combo][v["impact"]] += v["nodes"]
                    if v["impact"] in ("serious", "critical"):
                        failures.append(
                            f"{combo} {page_name}: {v['impact']} {v['id']} x{v['nodes']} ({v['target']})"
                        )
            page.emulate_media(color_scheme="light")  # the next page loads light
        failures += [f"{width}: {p}" for p in reader.problems]
        reader.close()
    seconds = {combo: round(s) for combo, s in seconds.items()}
    # The control: chapter 3 loaded dark from the start gives axe what the switched page gave.
    reader = Reader(browser, server, viewport=PHONE, scheme="dark")
    page = reader.open(CHAPTER_3)
    page.add_script_tag(content=axe_source)
    fresh = sorted((v["id"], v["impact"], v["nodes"]) for v in page.evaluate(AXE_RUN, THEME_RULES))
    reader.close()
    assert fresh == switched[("390px", CHAPTER_3)], (fresh, switched[("390px", CHAPTER_3)])
    (ARTIFACTS / "axe.json").write_text(json.dumps({"violations": counts, "seconds": seconds}, indent=1))
    print(f"axe on {len(pages)} pages: {counts}, seconds {seconds}")
    assert len(pages) > 30
    assert not failures, f"{len(failures)} serious/critical axe violations:\n" + "\n".join(failures[:40])


def test_wide_boxes_keyboard_scrollable_on_a_phone(site, server, browser):
    """D-01: at 390 px every box that scrolls sideways is a focusable, named region, and the
    arrow keys scroll the chapter 3 diagram."""
    reader = phone_reader(browser, server)
    page = reader.open(CHAPTER_3)
    page.wait_for_function(SCROLL_BOXES_READY)
    boxes = page.evaluate("""() => [...document.querySelectorAll('article *')].filter(e => {
        const s = getComputedStyle(e);
        return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth + 1
               && e.tagName !== 'PRE';
      }).map(e => ({tab: e.getAttribute('tabindex'), label: e.getAttribute('aria-label') || '',
                    cls: e.className}))""")
    assert boxes, "no sideways-scrolling box on chapter 3 at 390 px (the diagram should be one)"
    bad = [b for b in boxes if b["tab"] != "0"]
    assert not bad, f"boxes not reachable by keyboard: {bad[:5]}"
    # A formula wider than the phone starts at its box's left edge (reachable by scrolling).
    cut = page.evaluate("""() => [...document.querySelectorAll('div.math')].filter(m => {
        const k = m.querySelector('.katex');
        return k && k.getBoundingClientRect().x < m.getBoundingClientRect().x - 1;
      }).length""")
    assert cut == 0, f"{cut} display formulas start left of their box (out of scroll reach)"
    box = page.locator("[data-book-scroll-box]:has(img.rnnlab-diagram)").first
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_timeout(200)
    assert box.evaluate("e => e.scrollLeft") > 0, "ArrowRight did not scroll the diagram box"
    reader.close()


def test_contents_drawer_closes_on_a_tap(site, server, browser):
    """D-02: on a phone, a tap on a section in the "Contents" drawer closes the drawer."""
    reader = phone_reader(browser, server)
    page = reader.open("chapters/07_lstm.html")
    page.locator("button.secondary-toggle:visible").first.click()
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('pst-secondary-sidebar-modal').open")
    page.locator("#pst-secondary-sidebar-modal nav a:visible").nth(1).click()
    page.wait_for_timeout(400)
    assert not page.evaluate("document.getElementById('pst-secondary-sidebar-modal').open"), (
        "the Contents drawer stayed open over the section"
    )
    reader.close()


def test_search_ranks_and_quotes_the_text(site, server, browser):
    """D-03: "LSTM" finds the LSTM chapter first; snippets quote the page's text, not its table of
    contents (the print-only "Contents" list)."""
    reader = Reader(browser, server)
    failures = []
    for query, expected in (("LSTM", "Long Short-Term Memory"), ("packed", None), ("hidden state", None)):
        page = reader.open(f"search.html?q={urllib.parse.quote(query)}")
        page.wait_for_selector("#search-results li p.context", timeout=30_000)
        page.wait_for_timeout(1500)
        titles = page.locator("#search-results li > a").all_inner_texts()
        snippets = page.locator("#search-results li p.context").all_inner_texts()
        if expected and not (titles and expected in titles[0]):
            failures.append(f"{query!r}: first hit {titles[:1]}, expected the page titled {expected!r}")
        toc = [s for s in snippets if re.search(r"\bContents\b", s)]
        if toc:
            failures.append(f"{query!r}: {len(toc)} snippets quote a table of contents: {toc[0][:120]!r}")
    reader.close()
    assert not failures, "\n".join(failures)


def test_output_lines_fit_on_a_desktop(site, server, browser):
    """D-04: at 1400 px no output line runs past its box (outputs wrap)."""
    reader = Reader(browser, server)
    failures = []
    for page_name in ("solutions/07_lstm.html", CHAPTER_3, "chapters/10_rnn_practice.html"):
        page = reader.open(page_name)
        wide = page.evaluate("""() => [...document.querySelectorAll('div.cell_output pre')]
            .filter(p => p.scrollWidth > p.clientWidth + 1).map(p => p.innerText.slice(0, 60))""")
        failures += [f"{page_name}: output cut at the box edge: {w!r}" for w in wide]
    reader.close()
    assert not failures, "\n".join(failures[:20])


def test_colour_mode_button_says_the_mode(site, server, browser):
    """D-05: the colour-mode button's name says which mode is on, and follows a click; its icons
    carry no titles (which made its name differ from its content)."""
    reader = Reader(browser, server)
    page = reader.open("intro.html")
    button = page.locator(".theme-switch-button:visible").first
    names = [button.get_attribute("aria-label")]
    for _ in range(2):
        button.click()
        page.wait_for_timeout(150)
        names.append(button.get_attribute("aria-label"))
    mode = page.evaluate("document.documentElement.dataset.mode")
    reader.close()
    assert all(n and n.startswith("Colour mode: ") for n in names), names
    assert len(set(names)) == 3, f"the name does not follow the mode: {names}"
    assert {"light": "light", "dark": "dark", "auto": "as the system"}[mode] in names[-1], (mode, names)
    switch = re.search(
        r'<button class="[^"]*theme-switch-button.*?</button>', (site / "intro.html").read_text(), re.S
    )
    assert switch and "title=" not in switch.group(0).split(">", 1)[1], "icons inside the button carry titles"


def test_references_labelled_as_cited(site):
    """D-06: the references page has no invalid list roles, and each entry's label is the
    author-year text the chapters link from."""
    references = (site / "references.html").read_text()
    assert 'role="list"' not in references and "doc-biblioentry" not in references
    labels = dict(
        re.findall(
            r'<div class="citation" id="([^"]+)"[^>]*>\s*<span class="label">'
            r'<span class="fn-bracket">\[</span>([^<]+)<',
            references,
        )
    )
    assert len(labels) > 20, f"only {len(labels)} labelled entries"
    assert all(re.fullmatch(r".+, (19|20)\d\d[a-z]?", label) for label in labels.values()), list(
        labels.values()
    )[:5]
    chapter = (site / "chapters" / "07_lstm.html").read_text()
    links = re.findall(r'href="\.\./references\.html#([^"]+)"[^>]*>([^<]+)</a>', chapter)
    assert links, "chapter 7 cites nothing"
    for anchor, text in links:
        assert anchor in labels and text in labels[anchor], (
            f"link {text!r} lands on the label {labels.get(anchor)!r}"
        )


def test_landmarks_headers_and_tab_stops(site, server, browser, tmp_path):
    """D-07: every table header has text; D-08: the sidebar's title is inside a landmark (axe
    'region', moderate); D-09: no formula is a Tab stop, and no maths script is loaded."""
    reader = Reader(browser, server)
    page = reader.open("intro.html")
    empty = page.evaluate("[...document.querySelectorAll('th')].filter(th => !th.innerText.trim()).length")
    page.add_script_tag(path=str(AXE))
    region = page.evaluate("async () => (await axe.run(document, {runOnly: ['region']})).violations.length")
    page = reader.open(CHAPTER_3)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.reload(wait_until="load")
    math_stops = page.evaluate(
        "document.querySelectorAll('.katex [tabindex], .katex[tabindex], .katex a, mjx-container').length"
    )
    formulas = page.evaluate("document.querySelectorAll('.katex').length")
    reader.close()
    assert empty == 0, f"{empty} empty table headers on the landing page"
    assert region == 0, "content outside landmarks (axe 'region')"
    assert formulas > 50 and math_stops == 0, f"{math_stops} Tab stops in {formulas} formulas"
    assert not [
        u for u in requests if re.search(r"mathjax|katex\.min\.js|fontawesome\.js|searchindex\.js", u)
    ]


def test_copy_button_visible_on_touch(site, server, browser):
    """D-10: on a touch screen the copy button shows without a tap."""
    reader = phone_reader(browser, server)
    page = reader.open(CHAPTER_3)
    page.wait_for_selector("button.copybtn", state="attached")
    opacity = float(page.evaluate("getComputedStyle(document.querySelector('button.copybtn')).opacity"))
    reader.close()
    assert opacity >= 0.5, f"copy button opacity {opacity} on a touch screen"


def test_first_visit_is_light(site, server, browser):
    """D-13: a first visit to chapter 3 on a phone transfers at most 1 MB compressed (gzip -6 of
    every file it fetched, as a compressing host sends it); no page loads Font Awesome's script,
    a maths script or the search index (only the search page does), and no script in <head>
    holds up the first paint except documentation_options.js (0.4 KB)."""
    reader = phone_reader(browser, server)
    fetched = []
    reader.page.on("requestfinished", lambda r: fetched.append(r.url))
    reader.open(CHAPTER_3)
    reader.page.wait_for_timeout(1000)
    reader.close()
    total = 0
    for url in set(fetched):
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        data = (site / path).read_bytes()
        total += (
            len(gzip.compress(data, 6))
            if path.endswith((".html", ".js", ".css", ".svg", ".json"))
            else len(data)
        )
    print(f"first visit to {CHAPTER_3}: {len(set(fetched))} files, {total / 1024:.0f} KB compressed")
    assert total <= 1024 * 1024, f"{total / 1024:.0f} KB on a first visit to chapter 3"
    failures = []
    for page_name in html_pages(site):
        if page_name == "index.html":  # a redirect to the landing page
            continue
        head = (site / page_name).read_text().split("</head>")[0]
        if "fontawesome.js" in head or "mathjax" in head.lower():
            failures.append(f"{page_name}: loads Font Awesome's script or MathJax")
        if page_name != "search.html" and "searchindex.js" in head:
            failures.append(f"{page_name}: loads the search index")
        blocking = [
            s
            for s in re.findall(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"", head)
            if not re.search(r"\b(defer|async)\b", s[0]) and "documentation_options" not in s[1]
        ]
        if blocking and page_name != "search.html":
            failures.append(f"{page_name}: render-blocking scripts {[b[1] for b in blocking]}")
        if len(re.findall(r'<meta name="viewport"', head)) != 1:  # D-15
            failures.append(f"{page_name}: not exactly one viewport tag")
    assert not failures, "\n".join(failures[:20])


def test_first_paint_on_a_phone(site, server, browser):
    """What Lighthouse's mobile score rests on (_ext/book_speed.py, docs/website-performance.md):
    each page links one stylesheet and preloads no script; every image of an article carries its
    width and height, and those below the first screen load lazily; the colour theme is resolved
    before any script of the theme runs, so a solution page loaded on a slow phone (CPU 4x
    slower) does not shift (it shifted by 0.2 when inline code got its border late)."""
    failures = []
    for page_name in html_pages(site):
        if page_name == "index.html":
            continue
        text = (site / page_name).read_text()
        head = text.split("</head>")[0]
        sheets = re.findall(r'<link [^>]*rel="stylesheet"[^>]*href="(?![a-z]+:|/)([^"]+)"', head)
        sheets += re.findall(r'<link [^>]*href="(?![a-z]+:|/)([^"]+)"[^>]*rel="stylesheet"', head)
        if len(set(sheets)) != 1:
            failures.append(f"{page_name}: {len(set(sheets))} stylesheets before the first paint {sheets}")
        if 'rel="preload" as="script"' in head:
            failures.append(f"{page_name}: preloads a script")
        article = text[text.find("<article") :]
        for tag in re.findall(r"<img\b[^>]*>", article):
            if not (re.search(r'\swidth="\d+"', tag) and re.search(r'\sheight="\d+"', tag)):
                failures.append(f"{page_name}: image without width/height: {tag[:120]}")
    chapter = (site / CHAPTER_3).read_text()
    images = re.findall(r"<img\b[^>]*>", chapter[chapter.find("<article") :])
    lazy = [i for i in images if 'loading="lazy"' in i]
    if not (images and lazy):
        failures.append(f"chapter 3: {len(lazy)} of {len(images)} images load lazily")
    assert not failures, "\n".join(failures[:20])

    for scheme in ("light", "dark"):  # the theme's script blocked: the inline script resolves it
        reader = phone_reader(browser, server, scheme)
        reader.context.route("**/pydata-sphinx-theme.js*", lambda route: route.abort())
        reader.page.goto(urllib.parse.urljoin(server, "solutions/07_lstm.html"), wait_until="load")
        theme = reader.page.evaluate("document.documentElement.dataset.theme")
        reader.close()
        assert theme == scheme, f"data-theme={theme!r} before the theme's script ran ({scheme} system)"

    reader = phone_reader(browser, server)
    cdp = reader.context.new_cdp_session(reader.page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    reader.page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(l => l.getEntries().forEach(e => "
        "{ if (!e.hadRecentInput) window.__shift += e.value; }))"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    reader.page.goto(urllib.parse.urljoin(server, "solutions/07_lstm.html"), wait_until="load")
    reader.page.wait_for_function(SCROLL_BOXES_READY, timeout=60_000)
    shift = reader.page.evaluate("window.__shift")
    reader.close()
    assert shift < 0.05, f"layout shift {shift:.3f} while a solution page loads on a slow phone"


def test_chapter_exercise_and_solution_titles_agree(site):
    """D-14: "Exercises N · Topic" and "Solutions N · Topic" name chapter N as its title does
    (the topic is part of the chapter's title, same capitals)."""
    failures = []
    for folder in ("exercises", "solutions"):
        for path in sorted((site / folder).glob("*.html")):
            chapter = next((site / "chapters").glob(path.name), None)
            h1 = re.search(r"<h1>([^<]+)", path.read_text()).group(1)
            topic = h1.split("·", 1)[1].strip()
            title = re.search(r"<h1>([^<]+)", chapter.read_text()).group(1) if chapter else ""
            if topic not in title:
                failures.append(
                    f"{folder}/{path.name}: {topic!r} is not part of the chapter's title {title!r}"
                )
    assert not failures, "\n".join(failures)


def test_sitemap_404_and_link_previews(site):
    """D-15: sitemap.xml lists every page under the site's address, a 404 page exists and works at
    any depth (a <base> tag), every page has Open Graph tags."""
    sitemap = (site / "sitemap.xml").read_text()
    pages = [p for p in html_pages(site) if p not in ("404.html", "genindex.html", "search.html")]
    missing = [p for p in pages if f"/{p}</loc>" not in sitemap]
    assert not missing and "https://" in sitemap, f"pages missing from sitemap.xml: {missing[:5]}"
    not_found = (site / "404.html").read_text()
    assert re.search(r'<base href="/[^"]*/">', not_found) and 'href="intro.html"' in not_found
    for page in pages:
        if page == "index.html":
            continue
        head = (site / page).read_text().split("</head>")[0]
        assert 'property="og:title"' in head and 'property="og:url"' in head, f"{page}: no Open Graph tags"


def test_phone_header_has_the_title(site, server, browser):
    """D-16: the phone header shows the book's title and at most six icon buttons."""
    reader = phone_reader(browser, server)
    page = reader.open(CHAPTER_3)
    title = page.locator(".book-phone-title a")
    shown = title.is_visible() and title.inner_text().strip()
    buttons = page.evaluate("""() => [...document.querySelectorAll('.bd-header-article button')]
        .filter(b => b.offsetParent && b.getBoundingClientRect().width > 0).length""")
    page.screenshot(path=ARTIFACTS / "phone-header.png", clip={"x": 0, "y": 0, "width": 390, "height": 120})
    reader.close()
    assert shown == "Sequence Models with PyTorch", f"phone header title: {shown!r}"
    assert buttons <= 6, f"{buttons} icon buttons in the phone header"


def test_notebook_pages_link_download_edit_and_pdf(site):
    """Every notebook page links its notebook (a file of the build), its source in the repository
    (a file of this checkout, at the repository's edit URL) and the whole-book PDF."""
    import yaml

    repository = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"].rstrip("/")
    failures = []
    for page_name in notebook_pages(site):
        text = (site / page_name).read_text()
        links = re.search(r'<p class="book-notebook-links[^"]*">(.*?)</p>', text, re.S)
        if not links:
            failures.append(f"{page_name}: no download/edit links")
            continue
        hrefs = re.findall(r'href="([^"]+)"', links.group(1))
        notebook = page_name[: -len(".html")] + ".ipynb"
        download = (site / page_name).parent.joinpath(hrefs[0]).resolve()
        if not download.is_file() or not download.as_posix().endswith("_sources/" + notebook):
            failures.append(f"{page_name}: download link {hrefs[0]} is not the notebook")
        if hrefs[1] != f"{repository}/edit/main/{notebook}" or not (ROOT / notebook).is_file():
            failures.append(f"{page_name}: edit link {hrefs[1]}")
        if not hrefs[2].endswith(BOOK_PDF):
            failures.append(f"{page_name}: PDF link {hrefs[2]}")
    assert len(notebook_pages(site)) > 30 and not failures, "\n".join(failures[:20])


def test_book_pdf(tmp_path):
    """`make pdf`: the book as one PDF, offline, with its formulas, diagrams and plots (every
    image loaded before printing), at the file name the site links to."""
    import book_pdf

    start = time.perf_counter()
    pdf = tmp_path / BOOK_PDF
    page = book_pdf.build_single_page(tmp_path / "single")
    # In its own thread: the browser fixtures of this module keep Playwright's event loop running
    # in the test's thread, and Playwright's sync API refuses to start inside a running loop.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        held = pool.submit(book_pdf.print_to_pdf, page, pdf).result()
    print(f"PDF: {held} in {time.perf_counter() - start:.0f} s, {pdf.stat().st_size / 1e6:.1f} MB")
    assert book_pdf.PDF_NAME == BOOK_PDF
    assert held["broken_images"] == 0 and held["images"] > 40, held
    assert held["formulas"] > 500, held
    assert held["pages"] > 100 and pdf.read_bytes().startswith(b"%PDF"), held
