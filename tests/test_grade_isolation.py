"""The sandbox holds whoever starts the grader: hostile submissions graded by root and by an
unprivileged user this test creates, next to honest students in the same run.

Each attack ends its cell with ``raise RuntimeError("REPORT ...")`` saying what it achieved; the
runner records that error (cleaned) in the row's ``errors``, and the tests read it from there.
"""

import contextlib
import csv
import hashlib
import json
import os
import pathlib
import pwd
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

import nbformat
import pytest

from grading_fixtures import copy_package, make_book, submission
from rnnlab.tools import confine, sandbox
from rnnlab.tools.runner import clean

pytestmark = [
    pytest.mark.skipif(
        sandbox.bwrap_path() is None, reason="needs a bubblewrap (bwrap) with --disable-userns"
    ),
    pytest.mark.skipif(os.geteuid() != 0, reason="creates a throwaway user and grades as root: needs root"),
    pytest.mark.xdist_group("grade-isolation"),
]
V4 = nbformat.v4
MARKER = "424242"  # argv of the processes the fork bomb leaves sleeping
MEMORY_GB, MAX_MINUTES = 2, 2


def attacks(pkg, book, canary):
    core = pkg / "rnnlab" / "checks" / "core.py"
    checks = book / "exercises" / "00_tiny.ipynb"
    return {
        "remount": "import ctypes, subprocess\nlibc = ctypes.CDLL(None, use_errno=True)\n"
        f"targets = [{str(pkg)!r}, '/usr', '/']\n"
        "sys_rc = [libc.mount(None, t.encode(), None, 0x20 | 0x1000, None) for t in targets]\n"
        "cli = [subprocess.run(['mount', '-o', 'remount,rw', t], capture_output=True).returncode\n"
        "       for t in targets]\n"
        "nested = subprocess.run(['unshare', '-r', 'true'], capture_output=True).returncode\n"
        "wrote = 0\n"
        f"for p in [{str(core)!r}, {str(checks)!r}]:\n"
        "    try:\n        open(p, 'a').write('\\nchecks_ok = True\\n')\n        wrote += 1\n"
        "    except OSError:\n        pass\n"
        "raise RuntimeError(f'REPORT sys={sys_rc} cli={cli} nested={nested} wrote={wrote}')",
        "forger": "import glob, json, os\n"
        "forged = json.dumps(dict(status='ok', verdicts={str(i): dict(status='passed', message='x',\n"
        "    output='') for i in range(40)}, errors=[], stopped=None, stopped_at=None, capped=False))\n"
        "tried, wrote = 0, []\n"
        "for fd in glob.glob('/proc/[0-9]*/fd/*'):\n"
        "    pid = fd.split('/')[2]\n"
        "    if pid == str(os.getpid()):\n        continue\n"
        "    tried += 1\n"
        "    try:\n        with open(fd, 'w') as f:\n            f.write(forged)\n"
        "        wrote.append(os.readlink(fd))\n"
        "    except OSError:\n        pass\n"
        "raise RuntimeError(f'REPORT tried={tried} wrote={sorted(set(wrote))}')",
        "killer": "import glob, os, signal\n"
        "seen = []\nfor c in glob.glob('/proc/[0-9]*/cmdline'):\n"
        "    try:\n        seen.append(open(c, 'rb').read().replace(b'\\0', b' ').decode()[:60])\n"
        "    except OSError:\n        pass\n"
        "for target in (os.getppid(), 1, -1):\n"
        "    try:\n        os.kill(target, signal.SIGKILL)\n    except OSError:\n        pass\n"
        "raise RuntimeError(f'REPORT seen={seen}')",
        "forkbomb": "import glob, subprocess, sys, time\n"
        "bomb = 'import os, time\\nwhile True:\\n    try:\\n        os.fork()\\n'\n"
        f"bomb += '    except OSError:\\n        time.sleep(1)  # {MARKER}'\n"
        "subprocess.Popen([sys.executable, '-c', bomb])\n"
        "time.sleep(6)\n"
        "raise RuntimeError(f'REPORT procs={len(glob.glob(\"/proc/[0-9]*\"))}')",
        "disk": "import os\ndef fill(path, chunk=b'x' * 2**26):\n    n = 0\n"
        "    try:\n        with open(path, 'wb') as f:\n"
        "            while n < 5 * 2**30:\n                f.write(chunk)\n                f.flush()\n"
        "                n += len(chunk)\n    except OSError:\n        pass\n    return n >> 20\n"
        "cwd, tmp, shm = fill('big'), fill('/tmp/big'), fill('/dev/shm/big')\n"
        "raise RuntimeError(f'REPORT cwd_mb={cwd} tmp_mb={tmp} shm_mb={shm} where={os.getcwd()}')",
        "memhog": "import subprocess, sys, time\n"  # 6 x 450 MB, each alone within the limit
        "code = \"b = b'x' * (450 * 2**20)\\nprint('held', flush=True)\\nimport time\\ntime.sleep(90)\"\n"
        "hogs = [subprocess.Popen([sys.executable, '-c', code], stdout=subprocess.PIPE) for _ in range(6)]\n"
        "held = sum(h.stdout.readline() == b'held\\n' for h in hogs)  # each allocated, or was killed\n"
        "time.sleep(2)\n"
        "raise RuntimeError(f'REPORT held={held} codes={[h.poll() for h in hogs]}')",
        "hijack": "import glob, os\n"  # the kernel's socket files become links to a host socket
        f"for f in glob.glob('{confine.SOCKETS}/k-*'):\n"
        f"    os.unlink(f)\n    os.symlink({str(canary)!r}, f)\n"
        "os.execv('/bin/sleep', ['sleep', '25'])  # drop the runner's connections: it reconnects",
        "corpus": "from rnnlab import CorpusError\n"
        "raise CorpusError('grader error: corpus missing\\n=HYPERLINK(\"http://x\"),forged,3\\r\\x1b[31m')",
    }


def sleepy(exercise):
    nb = submission(exercise, "return 0")
    at = next(i for i, c in enumerate(nb.cells) if c.source.startswith("from rnnlab import checks"))
    nb.cells[at + 1 : at + 1] = [
        V4.new_code_cell("import time\ntime.sleep(1)", id=f"s{i}") for i in range(500)
    ]
    return nb


class Canary:
    """A Unix socket of the host that counts who connects to it (no one should)."""

    def __init__(self, path):
        self.path, self.calls = path, []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(str(path))
        os.chmod(path, 0o777)
        self.server.listen(8)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        with contextlib.suppress(OSError):
            while True:
                self.calls.append(self.server.accept()[0].recv(64))

    def close(self):
        with contextlib.suppress(OSError):
            self.server.shutdown(socket.SHUT_RDWR)
        self.server.close()


def reachable_python(user):
    """A command prefix that runs this Python as ``user``; a private mount namespace makes the
    interpreter's folder traversable where one of its parents is not (pyenv under a 0700 /root)."""
    ids = pwd.getpwnam(user)
    setpriv = ["setpriv", f"--reuid={ids.pw_uid}", f"--regid={ids.pw_gid}", "--clear-groups", "--"]
    probe = [*setpriv, sys.executable, "-c", "import sys, rnnlab; print(sys.base_prefix)"]
    if subprocess.run(probe, capture_output=True, text=True).stdout.strip() == sys.base_prefix:
        return setpriv, None  # (a failed exec can fall back to another Python: compare the prefix)
    prefix = pathlib.Path(sys.base_prefix).resolve()
    closed = next(p for p in reversed(prefix.parents) if not os.stat(p).st_mode & 0o001)
    child = closed / prefix.relative_to(closed).parts[0]
    hold = tempfile.mkdtemp(prefix="rnnlab-hold-")
    script = (
        f"mount --bind {closed} {hold} && mount -t tmpfs -o mode=755 tmpfs {closed} && "
        f'mkdir -p {child} && mount --bind {hold}/{child.name} {child} && exec "$@"'
    )
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", script, "sh", *setpriv], hold


def grade_as(who, tmp, user):
    book, subs, out = tmp / "book", tmp / "subs", tmp / "work" / "out"
    env = dict(
        os.environ,
        PYTHONPATH=str(tmp / "pkg"),
        OMP_NUM_THREADS="1",
        HOME=str(tmp / "work"),
        RNNLAB_DATA=os.environ.get("RNNLAB_DATA", ""),
    )
    cmd = [sys.executable, "-m", "rnnlab", "grade", str(subs), "--out", str(out), "--book", str(book)]
    # three at once: "sleepy" sleeps through its whole budget in one of them (and the sandboxes
    # must hold each other apart as well as the host)
    cmd += ["--jobs", "3", "--timeout", "60", "--memory-gb", str(MEMORY_GB)]
    cmd += ["--max-minutes", str(MAX_MINUTES), "--quick", "--no-self-test"]
    prefix, hold = reachable_python(user) if who == "user" else ([], None)
    start = time.monotonic()
    try:
        done = subprocess.run(
            prefix + cmd, cwd=tmp / "work", env=env, capture_output=True, text=True, timeout=1500
        )
    finally:
        if hold:
            os.rmdir(hold)
    return done, time.monotonic() - start


@pytest.fixture(scope="module")
def account():
    name = "rnnlab-g" + secrets.token_hex(3)
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True
    )
    yield name
    subprocess.run(["userdel", name], check=False)


@pytest.fixture(scope="module", params=["root", "user"])
def graded(request, account):
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="rnnlab-iso-"))
    tmp.chmod(0o755)
    try:
        book, subs, pkg = tmp / "book", tmp / "subs", copy_package(tmp / "pkg")
        exercise = make_book(book)
        students = {
            "honest": submission(exercise),
            "honest2": submission(exercise),
            "sleepy": sleepy(exercise),
        }
        canary = Canary(tmp / "canary.sock")
        for name, attack in attacks(pkg, book, canary.path).items():
            students[name] = submission(exercise, "return 0", before_checks=attack)
        for name, nb in students.items():
            (subs / name).mkdir(parents=True)
            nbformat.write(nb, subs / name / "00_tiny.ipynb")
        (tmp / "work").mkdir()
        ids = pwd.getpwnam(account)
        if request.param == "user":
            os.chown(tmp / "work", ids.pw_uid, ids.pw_gid)
        for p in tmp.rglob("*"):
            p.chmod(p.stat().st_mode | 0o044 | (0o011 if p.is_dir() else 0))
        guarded = [pkg / "rnnlab" / "checks" / "core.py", book / "exercises" / "00_tiny.ipynb"]
        before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in guarded}
        try:
            done, seconds = grade_as(request.param, tmp, account)
        finally:
            canary.close()
        out = tmp / "work" / "out"
        assert (out / "results.jsonl").exists(), done.stdout + done.stderr
        records = {r["student"]: r for r in map(json.loads, open(out / "results.jsonl"))}
        yield dict(
            who=request.param,
            done=done,
            seconds=seconds,
            records=records,
            rows=list(csv.DictReader(open(out / "grades.csv"))),
            before=before,
            canary=canary.calls,
            after={p: hashlib.sha256(p.read_bytes()).hexdigest() for p in guarded},
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(graded, student):
    record = graded["records"][student]
    found = [msg for _, msg in record["errors"] if "REPORT" in msg]
    assert found, record
    return found[0]


def test_the_run_succeeds_and_honest_students_get_full_marks(graded):
    done = graded["done"]
    assert done.returncode == 0, done.stdout + done.stderr  # no grader error, whatever the attacks did
    assert "with bwrap" in done.stdout
    for name in ("honest", "honest2"):
        record = graded["records"][name]
        assert (record["points"], record["status"]) == (3, "ok"), record
    assert not [r for r in graded["records"].values() if r["status"].startswith("grader error")]


def test_read_only_binds_cannot_be_remounted_or_written(graded):
    text = report(graded, "remount")
    assert "sys=[-1, -1, -1]" in text and "wrote=0" in text, text
    cli, nested = re.search(r"cli=\[([^\]]*)\] nested=(\d+)", text).groups()
    assert "0" not in cli.replace(" ", "").split(",") and nested != "0", text  # no nested user namespace
    assert graded["before"] == graded["after"]  # the host files are unchanged
    assert graded["records"]["remount"]["points"] == 1


def test_no_descriptor_reaches_the_runner_and_no_verdict_is_forged(graded):
    text = report(graded, "forger")
    assert "pipe:" not in text and "socket:" not in text, text  # only /dev/null and its own files
    assert graded["records"]["forger"]["points"] == 1


def test_the_runner_is_invisible_and_cannot_be_killed(graded):
    text = report(graded, "killer")
    assert "rnnlab.tools.runner" not in text and "rnnlab grade" not in text, text
    record = graded["records"]["killer"]
    assert record["points"] == 1 and record["status"] == "ok", record


def test_replaced_socket_files_lead_the_runner_nowhere(graded):
    record = graded["records"]["hijack"]
    assert graded["canary"] == [], graded["canary"]  # the runner never connected to the host's socket
    assert record["status"] in ("timeout", "kernel died") and record["points"] == 0, record


def test_processes_are_capped(graded):
    procs = int(re.search(r"procs=(\d+)", report(graded, "forkbomb")).group(1))
    assert 20 < procs <= sandbox.LIMITS["max_procs"], procs  # it forked, and no further than the cap
    assert graded["records"]["forkbomb"]["points"] == 1
    ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    assert MARKER not in ps  # the whole sandbox is gone after the submission


def test_disk_and_temporary_folder_are_capped(graded):
    text = report(graded, "disk")
    sizes = {k: int(v) for k, v in re.findall(r"(\w+)_mb=(\d+)", text)}
    assert sizes["cwd"] + sizes["tmp"] <= sandbox.LIMITS["disk_mb"], text
    assert sizes["shm"] <= sandbox.LIMITS["shm_mb"] and sizes["cwd"] > 0, text
    assert graded["records"]["disk"]["points"] == 1


def test_memory_of_all_processes_together_is_capped(graded):
    record = graded["records"]["memhog"]
    if record["status"] == "kernel died":  # the watchdog (or the cgroup's OOM killer) stopped it all
        assert any("memory" in c["message"] for c in record["checks"]), record
    else:  # a memory cgroup's OOM killer ended some of the hogs: together they never passed the cap
        codes = re.search(r"codes=\[([^\]]*)\]", report(graded, "memhog")).group(1)
        assert "-9" in codes, (codes, record)
    assert record["points"] <= 1


def test_one_wall_clock_budget_per_notebook(graded):
    record = graded["records"]["sleepy"]
    assert record["status"] == "timeout", record
    assert any(f"{MAX_MINUTES:g}-minute budget" in c["message"] for c in record["checks"]), record
    assert record["seconds"] < MAX_MINUTES * 60 + 90, record  # 500 cells of 1 s: not 500 s, not 500 * 20 s


def test_an_exception_of_the_book_raised_by_a_submission_is_the_students(graded):
    record = graded["records"]["corpus"]
    assert record["status"] == "ok" and record["points"] == 1, record
    error = record["errors"][0][1]
    assert error.startswith("CorpusError: grader error") and "\n" not in error and "\x1b" not in error
    for row in graded["rows"]:
        assert not any(re.search(r"[\x00-\x1f]", v) for v in row.values()), row
        assert len(row["status"]) <= 400


def test_clean_status_text():
    assert clean("=1+1\nx\r\x1b[31mred") == "'=1+1 x red"
    assert clean("a" * 1000, 50) == "a" * 47 + "..."
    assert clean("@SUM(A1)") == "'@SUM(A1)" and clean("ok") == "ok"


def test_sandbox_properties_directly():
    """bwrap started as root with the grader's arguments: uid 1000, no capabilities, no new
    privileges, no user namespaces, read-only / and /dev, the tmpfs sizes."""
    fd = os.dup2(low := os.open("/dev/null", os.O_RDONLY), 57)  # a number no shell would use
    os.close(low)
    try:
        cmd = confine.bwrap_args(sandbox.bwrap_path(), [], None, {"PATH": "/usr/bin:/bin"}, 8, 1, fd)
        probe = (
            "id -u; id -g; grep -E '^(CapEff|CapPrm|CapBnd|NoNewPrivs)' /proc/self/status; "
            "unshare -U true 2>/dev/null && echo userns-ok; touch /x 2>/dev/null && echo root-writable; "
            "touch /dev/x 2>/dev/null && echo dev-writable; ls /proc/self/fd | tr '\\n' ' '; echo; "
            "head -c 20000000 /dev/zero > /tmp/f 2>/dev/null; du -m /tmp/f | cut -f1"
        )
        done = subprocess.run(cmd + ["sh", "-c", probe], capture_output=True, text=True, pass_fds=(fd,))
    finally:
        os.close(fd)
    lines = done.stdout.split("\n")
    assert lines[:2] == ["1000", "1000"], done
    for cap in ("CapEff", "CapPrm", "CapBnd"):
        assert re.search(rf"{cap}:\s+0+\n", done.stdout), done.stdout
    assert re.search(r"NoNewPrivs:\s+1", done.stdout)
    assert "writable" not in done.stdout and "userns-ok" not in done.stdout, done.stdout
    assert set(lines[-3].split()) <= {"0", "1", "2", "3"}, lines  # standard streams (+ ls's own), no 57
    assert int(lines[-2]) <= 8, done.stdout
