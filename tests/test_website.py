"""The website in a real browser: build it, serve it on 127.0.0.1, load every page in headless Chromium.

Every page must answer 200, have a title and a main article with content, raise no JavaScript
error, and link only to pages, files and anchors that exist. Requests to a few public CDNs
(MathJax, the Colab badge, thebe) are expected to fail on an offline machine and are the only
failures ignored. Screenshots of the landing page, a chapter and a solution go to test-artifacts/.

Chromium is driven through its DevTools protocol over a pipe (``--remote-debugging-pipe``),
so the test needs no Python package beyond the standard library; it needs Debian's
``chromium`` (``apt-get install chromium``) and fails, not skips, without it.
"""
import base64
import fcntl
import functools
import http.server
import json
import os
import pathlib
import queue
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"

# Hosts the site loads from at view time. The test blocks them (they are unreachable offline
# anyway), so their failures are expected; a request to any other outside host is a problem.
EXTERNAL_OK = {
    "cdn.jsdelivr.net",             # MathJax (sphinx.config.mathjax_path)
    "colab.research.google.com",    # the "Open in Colab" badge image in each notebook's first cell
    "unpkg.com",                    # thebe, loaded only if someone presses "live code"
    "cdnjs.cloudflare.com",         # require.js for ipywidgets (not loaded by this book's config)
}
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--hide-scrollbars", "--mute-audio",
                  "--remote-debugging-pipe"]
INSTALL_HINT = ("headless Chromium is needed for the website test and was not found. Install Debian's "
                "package: `apt-get update && apt-get install -y chromium` (or set CHROMIUM=/path/to/chrome). "
                "CI (.ci/run) installs it; this test does not skip without it.")


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser", "google-chrome",
                      "google-chrome-stable"):
        if candidate and shutil.which(candidate):
            return shutil.which(candidate)
    return None


class Chromium:
    """A headless Chromium and one page, spoken to over the DevTools protocol on fds 3 and 4."""

    def __init__(self, executable, profile_dir, log_path):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4. A small Python launcher moves
        # the pipe ends there and execs Chromium (no preexec_fn: the test process has threads).
        # Copies at fds >= 10 first, so that moving them onto 3 and 4 never overwrites one another.
        child_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
        child_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
        launcher = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
                    "os.execv(sys.argv[3], sys.argv[3:])")
        self._log = open(log_path, "wb")
        self.proc = subprocess.Popen([sys.executable, "-c", launcher, str(child_r), str(child_w), executable,
                                      *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "about:blank"],
                                     stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log,
                                     pass_fds=(child_r, child_w))
        for fd in (to_chrome_r, from_chrome_w, child_r, child_w):
            os.close(fd)
        self._next_id = 0
        self._replies = {}
        self._events = queue.Queue()
        self._cond = threading.Condition()
        threading.Thread(target=self._read_loop, daemon=True).start()
        try:
            targets = self.send("Target.getTargets")["targetInfos"]
        except (RuntimeError, TimeoutError) as err:
            self._log.flush()
            tail = pathlib.Path(log_path).read_text(errors="replace")[-2000:]
            raise RuntimeError(f"{executable} did not start ({err}); its log ({log_path}) ends:\n{tail}") from err
        page = next((t for t in targets if t["type"] == "page"), None)
        target_id = page["targetId"] if page else self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target_id, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)
        # The CDN hosts fail at once, online or not, so a network that drops packets cannot stall a load.
        self.send("Network.setBlockedURLs", session=True, urls=[f"*://{host}/*" for host in EXTERNAL_OK])
        self.send("Emulation.setDeviceMetricsOverride", session=True, width=1280, height=1000,
                  deviceScaleFactor=1, mobile=False)

    def _read_loop(self):
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_chrome, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._replies[None] = "closed"
                    self._cond.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                if "id" in message:
                    with self._cond:
                        self._replies[message["id"]] = message
                        self._cond.notify_all()
                else:
                    self._events.put(message)

    def send(self, method, session=False, timeout=30, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._next_id not in self._replies:
                if None in self._replies:
                    raise RuntimeError(f"Chromium exited while answering {method}")
                if not self._cond.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise TimeoutError(f"Chromium did not answer {method} in {timeout} s")
            reply = self._replies.pop(self._next_id)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def drain(self):
        events = []
        while True:
            try:
                events.append(self._events.get_nowait())
            except queue.Empty:
                return events

    def load(self, url, timeout=30, settle=0.3):
        """Navigate to ``url``; return the events seen until load (plus ``settle`` seconds)."""
        self.drain()
        self.send("Page.navigate", session=True, url=url)
        events, deadline, loaded = [], time.monotonic() + timeout, None
        while True:
            now = time.monotonic()
            if loaded is not None and now >= loaded + settle:
                return events
            if now >= deadline:
                raise TimeoutError(f"{url} did not finish loading in {timeout} s")
            try:
                event = self._events.get(timeout=0.05)
            except queue.Empty:
                continue
            events.append(event)
            if event.get("method") == "Page.loadEventFired" and loaded is None:
                loaded = time.monotonic()

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", session=True, expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", session=True, format="png")["data"]
        pathlib.Path(path).write_bytes(base64.b64decode(data))

    def close(self):
        try:
            self.send("Browser.close", timeout=5)
        except (RuntimeError, TimeoutError, OSError):
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_chrome)
        self._log.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # the browser dropping a connection is fine


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The book built from this checkout into a temporary folder (as `make book` builds it)."""
    out = tmp_path_factory.mktemp("book")
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book",
               "build", str(ROOT), "--path-output", str(out)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    html = out / "_build" / "html"
    assert result.returncode == 0 and (html / "intro.html").exists(), (
        f"jupyter-book build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    print(f"site built in {time.perf_counter() - start:.1f} s")
    return html


@pytest.fixture(scope="module")
def server(site):
    httpd = QuietServer(("127.0.0.1", 0),
                                            functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    profile = tmp_path_factory.mktemp("chromium-profile")
    ARTIFACTS.mkdir(exist_ok=True)
    chrome = Chromium(executable, profile, ARTIFACTS / "chromium.log")
    yield chrome
    chrome.close()


def is_external(url):
    return urllib.parse.urlsplit(url).hostname not in ("127.0.0.1", None)


def page_problems(events):
    """JavaScript errors and failed requests among ``events``, except offline CDN failures."""
    # Chromium probes /favicon.ico by itself on a page without an icon link (JB's index.html redirect).
    probe = lambda url: urllib.parse.urlsplit(url).path == "/favicon.ico"
    problems, failed_requests = [], {}
    requests = {}
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            requests[params["requestId"]] = params["request"]["url"]
        elif method == "Network.loadingFailed":
            url = requests.get(params["requestId"], "?")
            failed_requests[url] = params.get("errorText", "")
        elif method == "Network.responseReceived":
            response = params["response"]
            if response["status"] >= 400 and not is_external(response["url"]) and not probe(response["url"]):
                problems.append(f"HTTP {response['status']} for {response['url']}")
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"JavaScript exception: {text} ({details.get('url', '')}:{details.get('lineNumber')})")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            args = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            problems.append(f"console.error: {args}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            url = entry.get("url", "")
            if entry.get("source") == "network" and probe(url):
                continue
            if entry.get("source") == "network" and is_external(url) and \
                    urllib.parse.urlsplit(url).hostname in EXTERNAL_OK:
                continue
            problems.append(f"console ({entry.get('source')}): {entry.get('text')} {url}")
    for url, error in failed_requests.items():
        host = urllib.parse.urlsplit(url).hostname
        if is_external(url) and host in EXTERNAL_OK:
            continue
        if error == "net::ERR_ABORTED" and not is_external(url):
            continue  # a request the page itself cancelled (e.g. a redirect), not a missing file
        problems.append(f"request failed: {url} ({error})")
    return problems


PAGE_INFO = """(() => {
  const article = document.querySelector('main article') || document.querySelector('article');
  return {
    title: document.title,
    h1: (document.querySelector('article h1') || {}).textContent || '',
    content: article ? article.innerText.trim().length : 0,
    links: [...document.querySelectorAll('a[href]')].map(a => a.href),
    ids: [...document.querySelectorAll('[id]')].map(e => e.id)
         .concat([...document.querySelectorAll('a[name]')].map(a => a.name)),
    mathjax: typeof window.MathJax,
  };
})()"""


def status_of(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code


def html_pages(site):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).parts[0].startswith("_"))


def take_screenshots(site, server, browser):
    """Landing page, a chapter (at its training plot and at its widget), a solution: test-artifacts/."""
    pages = html_pages(site)
    chapter = "chapters/00_getting_started.html"
    solutions = [p for p in pages if p.startswith("solutions/")]
    assert chapter in pages, f"{chapter} is missing from the site"
    assert solutions, "the site has no solution page (see _toc.yml's Solutions part)"
    ARTIFACTS.mkdir(exist_ok=True)
    shots = {"landing.png": ("intro.html", None),
             "chapter.png": (chapter, "div.cell_output img"),           # the live training plot
             "chapter-widget.png": (chapter, "div.rnnlab-widget-snapshot"),  # a widget's snapshot
             "solution.png": (solutions[0], None)}
    for name, (page, scroll_to) in shots.items():
        browser.load(urllib.parse.urljoin(server, page))
        if scroll_to:
            found = browser.evaluate(f"""(() => {{
                const element = document.querySelector({json.dumps(scroll_to)});
                if (!element) return false;
                element.scrollIntoView({{block: "center"}});
                return true;
            }})()""")
            assert found, f"{page} has no {scroll_to} to show"
            time.sleep(0.3)
        browser.screenshot(ARTIFACTS / name)
        assert (ARTIFACTS / name).stat().st_size > 10_000, f"{name} looks empty"


def test_website_in_chromium(site, server, browser):
    """Every page: HTTP 200, a title, main content, no JavaScript error, no broken internal link."""
    take_screenshots(site, server, browser)
    pages = html_pages(site)
    assert "intro.html" in pages and any(p.startswith("chapters/") for p in pages), pages
    info, failures = {}, []
    for page in pages:
        url = urllib.parse.urljoin(server, page)
        status = status_of(url)
        if status != 200:
            failures.append(f"{page}: HTTP {status}")
            continue
        events = browser.load(url)
        for problem in page_problems(events):
            failures.append(f"{page}: {problem}")
        if page == "index.html":  # a redirect to the landing page
            continue
        data = browser.evaluate(PAGE_INFO)
        info[page] = data
        if not data["title"].strip():
            failures.append(f"{page}: empty <title>")
        if page not in ("genindex.html", "search.html") and data["content"] < 200:
            failures.append(f"{page}: the main article has only {data['content']} characters")
        if page.startswith(("chapters/", "solutions/", "exercises/")):
            if not data["h1"].strip() or data["h1"].strip().rstrip("#").strip() not in data["title"]:
                failures.append(f"{page}: title {data['title']!r} does not carry its H1 {data['h1']!r}")

    # Internal links: the target exists, and an anchor exists on the target page.
    checked = {}
    for page, data in info.items():
        for link in data["links"]:
            if is_external(link) or not link.startswith(server):
                continue
            target, _, fragment = link.partition("#")
            rel = target[len(server):] or "index.html"
            if rel.endswith("/"):
                rel += "index.html"
            if rel not in checked:
                checked[rel] = status_of(target)
            if checked[rel] != 200:
                failures.append(f"{page}: broken link to {rel} (HTTP {checked[rel]})")
            elif fragment and rel in info and urllib.parse.unquote(fragment) not in info[rel]["ids"]:
                if fragment.endswith((".ipynb", ".md")):  # MyST leaves a link to a missing file as '#path'
                    failures.append(f"{page}: link to {fragment}, which is not a page of the site")
                else:
                    failures.append(f"{page}: link to a missing anchor {rel}#{fragment}")

    # Search runs in the browser from searchindex.js; code cells have copy buttons.
    browser.load(urllib.parse.urljoin(server, "search.html?q=perplexity"))
    hits = 0
    for _ in range(50):
        hits = browser.evaluate("document.querySelectorAll('#search-results li').length")
        if hits:
            break
        time.sleep(0.1)
    if not hits:
        failures.append("search.html?q=perplexity found nothing")
    browser.load(urllib.parse.urljoin(server, "chapters/00_getting_started.html"))
    if not browser.evaluate("document.querySelectorAll('div.cell_input button.copybtn').length"):
        failures.append("chapters/00_getting_started.html: code cells have no copy button")
    assert not failures, f"{len(failures)} problems on {len(pages)} pages:\n" + "\n".join(failures)
