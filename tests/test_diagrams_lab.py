"""The diagrams in JupyterLab: a chapter opened as a learner opens it (not run, so not trusted)
shows every diagram of its stored output.

JupyterLab refuses an untrusted `image/svg+xml` output ("Cannot display an untrusted SVG"), which
is why a diagram is stored as an HTML <img> with a data: URI (sanitized HTML is shown untrusted,
and the sanitizer checks the scheme of href, not of src). This test starts JupyterLab on
127.0.0.1 and looks at two chapters in Chromium (tests/test_website.py explains the browser set-up).
"""

import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from test_website import CHROMIUM_FLAGS, INSTALL_HINT, find_chromium

ROOT = pathlib.Path(__file__).resolve().parents[1]
CHAPTERS = ["03_rnn_scratch", "07_lstm"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a copy of two chapters, with a fresh (empty) trust database."""
    root = tmp_path_factory.mktemp("lab")
    for name in CHAPTERS:
        shutil.copy(ROOT / "chapters" / f"{name}.ipynb", root / f"{name}.ipynb")
    # Render every cell at once (JupyterLab 4 otherwise attaches only the cells in view).
    settings = root / ".settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    port = free_port()
    env = {
        **os.environ,
        "JUPYTER_DATA_DIR": str(root / ".data"),
        "JUPYTER_CONFIG_DIR": str(root / ".config"),
        "JUPYTER_RUNTIME_DIR": str(root / ".rt"),
        "JUPYTERLAB_SETTINGS_DIR": str(root / ".settings"),
    }
    log = open(root / "lab.log", "wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--allow-root",
            f"--ServerApp.root_dir={root}",
        ],
        stdout=log,
        stderr=log,
        env=env,
        start_new_session=True,
    )  # its own process group, kernels included
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(180):
            try:
                urllib.request.urlopen(url + "lab", timeout=2)
                break
            except OSError:
                if proc.poll() is not None:
                    break
                time.sleep(0.5)
        else:
            pytest.fail(f"JupyterLab did not start; see {root / 'lab.log'}")
        assert proc.poll() is None, (root / "lab.log").read_text()[-2000:]
        yield url
    finally:
        stop(proc)
        log.close()


def stop(proc, grace=30):
    """Ask the server to stop (it shuts its kernels down); on a busy machine that can take
    longer than ``grace`` seconds, so whatever of its process group is left is then killed."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, None)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            pass  # killed next


def test_jupyterlab_shows_the_stored_diagrams(lab):
    from playwright.sync_api import sync_playwright

    (ROOT / "test-artifacts").mkdir(exist_ok=True)

    executable = find_chromium()
    if executable is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    visible = "[...document.querySelectorAll('img.rnnlab-diagram')].filter(i => i.offsetParent)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        failures = []
        for name in CHAPTERS:
            page = browser.new_page(viewport={"width": 1300, "height": 1000})
            page.goto(f"{lab}lab/tree/{name}.ipynb?reset", wait_until="load")
            page.wait_for_selector("img.rnnlab-diagram", timeout=120_000)
            page.wait_for_function(f"() => {visible}.every(i => i.complete)", timeout=60_000)
            shown = page.evaluate(f"() => {visible}.map(i => [i.naturalWidth, i.alt])")
            for k, (natural, alt) in enumerate(shown):
                if not natural or len(alt.split()) < 10:
                    failures.append(f"{name}: diagram {k} not decoded or without alt text")
            if page.locator("text=Cannot display an untrusted").count():
                failures.append(f"{name}: JupyterLab refused an untrusted output")
            expected = (ROOT / "chapters" / f"{name}.ipynb").read_text().count('class=\\"rnnlab-diagram\\"')
            if len(shown) != expected or not expected:
                failures.append(f"{name}: {len(shown)} diagrams shown, {expected} stored")
            page.screenshot(path=str(ROOT / "test-artifacts" / f"jupyterlab-{name}.png"))
            page.close()
        browser.close()
    assert not failures, "\n".join(failures)
