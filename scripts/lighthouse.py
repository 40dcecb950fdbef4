"""Lighthouse's mobile performance of the website, this checkout against a baseline, side by side.

    python scripts/lighthouse.py                       # this checkout against main, 3 runs per page
    python scripts/lighthouse.py --baseline HEAD~3 --runs 5
    python scripts/lighthouse.py --site _build/html --baseline-site /tmp/old/_build/html

Builds the book from this checkout and from the baseline commit (``git archive``, so the working
tree is not touched) with the same jupyter-book, serves both builds gzip-compressed as GitHub Pages
does (``--no-gzip`` serves them raw, as ``python -m http.server``), and runs Lighthouse (npm,
pinned in scripts/lighthouse/package-lock.json; ``make lighthouse`` installs it) with its default
mobile preset and simulated throttling in Debian's Chromium (``CHROME_PATH``), alternating the two
builds run by run (A B A B ...) so that load on the machine falls on both alike. Prints the median
of the runs per page and build: performance score, FCP, LCP, TBT, CLS, speed index, bytes
transferred, requests, and Lighthouse's benchmark index of the machine during the runs (a loaded
machine scores lower: its slow main thread inflates the simulated blocking time); writes every
report and a summary (with date and load average) to --out.
"""

import argparse
import datetime
import functools
import gzip
import http.server
import io
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading

ROOT = pathlib.Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "scripts" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
PAGES = ("intro.html", "chapters/03_rnn_scratch.html", "solutions/07_lstm.html")
COMPRESSED = ("text/", "application/javascript", "application/json", "image/svg+xml")
METRICS = {
    "FCP s": ("first-contentful-paint", 1e-3),
    "LCP s": ("largest-contentful-paint", 1e-3),
    "TBT ms": ("total-blocking-time", 1),
    "CLS": ("cumulative-layout-shift", 1),
    "SI s": ("speed-index", 1e-3),
}


class Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; text gzip-compressed when the browser accepts it (as GitHub Pages sends it)."""

    compress = True

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and os.path.isfile(path) and kind.startswith(COMPRESSED)):
            return super().send_head()
        data = gzip.compress(pathlib.Path(path).read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        return io.BytesIO(data)


def serve(directory, compress):
    handler = type("SiteHandler", (Handler,), {"compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=directory)
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def build(source, out):
    """The site as `make book` builds it (full build, solutions included)."""
    jupyter_book = pathlib.Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book) if jupyter_book.exists() else "jupyter-book", "build", str(source)]
    command += ["--path-output", str(out), "-q"]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "BOOK_SOLUTIONS": "1"}
    )
    html = out / "_build" / "html"
    if result.returncode != 0 or not (html / "intro.html").exists():
        sys.exit(f"building {source} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return html


def checkout(ref, target):
    target.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target


def lighthouse(url, report, chrome):
    command = ["node", str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance"]
    command += ["--output=json", f"--output-path={report}"]
    command += ["--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chrome}
    )
    if result.returncode != 0:
        sys.exit(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    data = json.loads(report.read_text())
    audits = data["audits"]
    row = {"score": round(100 * data["categories"]["performance"]["score"])}
    for name, (audit, scale) in METRICS.items():
        row[name] = audits[audit]["numericValue"] * scale
    row["KB"] = audits["total-byte-weight"]["numericValue"] / 1024
    row["requests"] = len(audits["network-requests"]["details"]["items"])
    row["LCP element"] = (
        audits["largest-contentful-paint-element"]["details"]["items"][0]["items"][0]["node"]["nodeLabel"][
            :40
        ]
        if audits["largest-contentful-paint-element"].get("details")
        else "-"
    )
    row["bench"] = data["environment"]["benchmarkIndex"]  # Lighthouse's CPU speed (mid phone ~1000)
    row["version"] = data["lighthouseVersion"]
    row["chrome"] = data["environment"]["hostUserAgent"].split("Chrome/")[-1].split()[0]
    return row


def median_row(rows):
    keys = ["score", *METRICS, "KB", "requests", "bench"]
    return {k: statistics.median(r[k] for r in rows) for k in keys}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--baseline", default="main", help="git ref built as the baseline (default main)")
    parser.add_argument("--site", help="an existing build of this checkout (default: build it)")
    parser.add_argument("--baseline-site", help="an existing build of the baseline (default: build it)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and build (median reported)")
    parser.add_argument("--pages", nargs="+", default=list(PAGES))
    parser.add_argument("--no-gzip", action="store_true", help="serve raw files, as python -m http.server")
    parser.add_argument("--out", type=pathlib.Path, help="folder for the reports (default: a temporary one)")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"expected Lighthouse at {LIGHTHOUSE}; install it: npm ci --prefix scripts/lighthouse")
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("google-chrome")
    if not chrome:
        sys.exit("expected Chromium (set CHROME_PATH or install Debian's chromium); found none")
    out = args.out or pathlib.Path(tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)
    sites = {}
    sites["new"] = pathlib.Path(args.site) if args.site else build(ROOT, out / "new")
    if args.baseline_site:
        sites["base"] = pathlib.Path(args.baseline_site)
    else:
        sites["base"] = build(checkout(args.baseline, out / "base-src"), out / "base")
    servers = {name: serve(str(path), not args.no_gzip) for name, path in sites.items()}
    load_before = os.getloadavg()
    rows = {(name, page): [] for name in ("base", "new") for page in args.pages}
    for run in range(args.runs):
        for page in args.pages:
            for name in ("base", "new"):  # A B A B: both builds see the same load
                report = out / f"{name}-{page.replace('/', '_')}-{run}.json"
                row = lighthouse(servers[name][1] + page, report, chrome)
                rows[name, page].append(row)
                print(
                    f"run {run + 1} {name:4} {page:32} score {row['score']:3}  LCP {row['LCP s']:.2f} s",
                    flush=True,
                )
    load_after = os.getloadavg()
    first = rows["new", args.pages[0]][0]
    lines = [
        f"Lighthouse {first['version']} (mobile preset, simulated throttling), Chromium {first['chrome']}, "
        f"{datetime.datetime.now().isoformat(timespec='minutes')}, {platform.node()}, "
        f"{os.cpu_count()} cores, load average {load_before[0]:.1f} before / {load_after[0]:.1f} after, "
        f"{'gzip' if not args.no_gzip else 'uncompressed'} server; median of {args.runs} runs, "
        f"baseline {args.baseline_site or args.baseline}.",
        "",
        "| page | build | score | FCP s | LCP s | TBT ms | CLS | SI s | KB transferred | requests | "
        "benchmark index | scores |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in args.pages:
        for name in ("base", "new"):
            m = median_row(rows[name, page])
            scores = " ".join(str(r["score"]) for r in rows[name, page])
            lines.append(
                f"| {page} | {name} | {m['score']:.0f} | {m['FCP s']:.2f} | {m['LCP s']:.2f} | "
                f"{m['TBT ms']:.0f} | {m['CLS']:.3f} | {m['SI s']:.2f} | {m['KB']:.0f} | "
                f"{m['requests']:.0f} | {m['bench']:.0f} | {scores} |"
            )
    summary = "\n".join(lines)
    (out / "summary.md").write_text(summary + "\n")
    (out / "runs.json").write_text(json.dumps({f"{k[0]} {k[1]}": v for k, v in rows.items()}, indent=1))
    print("\n" + summary + f"\n\nreports in {out}")
    for server, _ in servers.values():
        server.shutdown()


if __name__ == "__main__":
    main()
