"""The kernel's confinement: a bubblewrap sandbox started by the runner, limits, and their watchdog.

Only the Jupyter kernel runs inside the sandbox; the runner that drives it and writes the result
stays outside, in the grader's PID namespace, where nothing inside can see, open or signal it.
The kernel's sockets are Unix sockets in the sandbox's own size-limited /tmp; the runner opens
them through ``/proc/<sandbox init>/root`` once, before the submission runs, and connects through
those descriptors, so no descriptor and no writable host path crosses into the sandbox.

Inside: a new user, PID, mount, network, IPC and UTS namespace; uid/gid 1000, every capability
dropped, no new privileges, no further user namespaces (``--disable-userns``); the system, Python,
the package and the corpora bound read-only (a bind that came from the host cannot be remounted
read-write in a user namespace); a tmpfs of ``disk_mb`` for /tmp (the working folder and the
kernel's sockets included) and one of ``shm_mb`` for /dev/shm; /dev and / remounted read-only.

Limits for the submission as a whole:
- processes/threads: RLIMIT_NPROC (hard) set inside the new user namespace, where the kernel counts
  tasks per (namespace, uid); a grader running as root is exempt from RLIMIT_NPROC (its uid maps to
  root outside), so there a ``pids`` cgroup caps them when one can be created, else the watchdog;
- memory: a ``memory`` cgroup for all processes when the grader can create one (root, or a
  delegated cgroup v2); otherwise the watchdog sums the resident memory of every process of the
  sandbox four times a second and kills it past the cap (each process also has RLIMIT_AS = cap);
- disk: the two tmpfs sizes; wall clock: one deadline for the whole notebook;
- CPU: where a ``cpu`` cgroup can be created, as many CPUs as the kernel has threads (so a fork bomb
  spinning at the process cap slows only itself); elsewhere none (the wall clock still ends it).
"""

import asyncio
import contextlib
import os
import pathlib
import re
import secrets
import signal
import stat
import subprocess
import sys
import threading
import time

import zmq
from jupyter_client import AsyncKernelManager

SOCKETS = "/tmp/.kernel"  # inside the sandbox: the kernel's Unix sockets and connection file
WORKDIR = "/tmp/submission"
MAX_MESSAGE = 64 * 2**20  # bytes: a larger message from the kernel drops its connection, not the runner
INNER = (  # runs first inside the sandbox: limits that only hold when set in its user namespace
    "import os, resource, sys\n"
    "nproc, mem = int(sys.argv[1]), int(sys.argv[2])\n"
    "resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))\n"
    "resource.setrlimit(resource.RLIMIT_AS, (mem, mem))\n"
    "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
    "os.closerange(3, 65536)\n"
    "os.execv(sys.executable, [sys.executable] + sys.argv[3:])\n"
)


def bwrap_args(bwrap, roots, data_dir, env, disk_mb, shm_mb, connection_fd):
    """bwrap's arguments up to the command (the kernel's connection file is read from ``connection_fd``)."""
    cmd = [bwrap, "--die-with-parent", "--new-session", "--unshare-all", "--unshare-user"]
    cmd += ["--disable-userns", "--uid", "1000", "--gid", "1000", "--cap-drop", "ALL", "--clearenv"]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--size", str(shm_mb * 2**20), "--tmpfs", "/dev/shm"]
    cmd += ["--remount-ro", "/dev", "--size", str(disk_mb * 2**20), "--tmpfs", "/tmp"]
    cmd += [
        "--dir",
        WORKDIR,
        "--dir",
        SOCKETS,
        "--ro-bind-data",
        str(connection_fd),
        f"{SOCKETS}/connection.json",
    ]
    for system in ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/etc"):
        cmd += ["--ro-bind-try", system, system]
    for root in roots:
        cmd += ["--ro-bind", str(root), str(root)]
    if data_dir:
        cmd += ["--ro-bind", str(data_dir), str(data_dir)]
    cmd += ["--remount-ro", "/", "--chdir", WORKDIR]
    return cmd + [a for name, value in env.items() for a in ("--setenv", name, value)]


def children(pid):
    """Host pids of every descendant of ``pid`` (reparented orphans stay under the sandbox's init)."""
    parents = {}
    for entry in pathlib.Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            parents.setdefault(int(entry.read_text().rsplit(")", 1)[1].split()[1]), []).append(
                int(entry.parent.name)
            )
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def resident_bytes(pids):
    """Resident memory summed over ``pids`` (cheap; counts pages shared after a fork once per process)."""
    page, total = os.sysconf("SC_PAGE_SIZE"), 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += int(pathlib.Path(f"/proc/{pid}/statm").read_text().split()[1]) * page
    return total


def proportional_bytes(pids):
    """Proportional set size summed over ``pids``: shared pages split between their users (slower)."""
    total = 0
    for pid in pids:
        try:
            text = pathlib.Path(f"/proc/{pid}/smaps_rollup").read_text()
            total += int(re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE).group(1)) * 1024
        except (OSError, AttributeError, ValueError):
            total += resident_bytes([pid])
    return total


class Cgroup:
    """A fresh cgroup (v1 controller or v2) for one sandbox, or None where we may not create one."""

    def __init__(self, controller, settings):
        self.path = None
        base = self._own(controller)
        if base is None or not os.access(base, os.W_OK):
            return
        path = base / f"rnnlab-{secrets.token_hex(6)}"
        try:
            path.mkdir()
            written = [name for name in settings if (path / name).exists()]
            for name in written:
                (path / name).write_text(str(settings[name]))
            if not written:  # the controller is not enabled below us: no limit, so no cgroup
                raise OSError(f"no {controller} limit in {path}")
            self.path = path
        except OSError:
            with contextlib.suppress(OSError):
                path.rmdir()

    @staticmethod
    def _own(controller):
        mine = {}
        for line in pathlib.Path("/proc/self/cgroup").read_text().splitlines():
            _, names, where = line.split(":", 2)
            for name in names.split(",") if names else ["<v2>"]:
                mine[name] = where
        for line in pathlib.Path("/proc/self/mountinfo").read_text().splitlines():
            left, right = line.split(" - ", 1)
            kind, _, options = right.split()[:3]
            mount_root, point = left.split()[3], left.split()[4]
            if kind == "cgroup" and controller in options.split(","):
                where = mine.get(controller)
            elif kind == "cgroup2":
                where = mine.get("<v2>")
                controllers = (
                    pathlib.Path(point) / where.lstrip("/") / "cgroup.controllers" if where else None
                )
                if not controllers or not controllers.exists() or controller not in controllers.read_text():
                    continue
            else:
                continue
            if where is not None:
                return pathlib.Path(point) / os.path.relpath(where, mount_root)
        return None

    def join(self):  # in the sandbox's first process, before bwrap runs
        if self.path:
            (self.path / "cgroup.procs").write_text("0")

    def read(self, name):
        if self.path is not None:
            with contextlib.suppress(OSError):
                return (self.path / name).read_text()
        return ""

    def remove(self):
        """Remove the cgroup once its processes are gone (it may take a moment after the kill)."""
        if self.path:
            for _ in range(50):
                try:
                    self.path.rmdir()
                    return
                except FileNotFoundError:  # removed already (the kernel's cleanup runs twice)
                    return
                except OSError:  # still busy
                    time.sleep(0.1)


class SandboxedKernelManager(AsyncKernelManager):
    """Starts the kernel in the sandbox, over Unix sockets; kills it at the first limit it passes."""

    limits = {}  # set by the runner: see ``runner.run``
    stop_reason, sandbox_pid, bwrap_pid, cgroups = None, None, None, ()

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        lim = self.limits
        memory = int(lim["memory_gb"] * 2**30)
        quota = max(1, int(lim["env"].get("OMP_NUM_THREADS", 1))) * 100000  # CPUs' worth per 0.1 s
        self.cgroups = [
            Cgroup("pids", {"pids.max": lim["max_procs"]}),
            Cgroup("memory", {"memory.limit_in_bytes": memory, "memory.max": memory, "memory.swap.max": 0}),
            Cgroup("cpu", {"cpu.cfs_quota_us": quota, "cpu.max": f"{quota} 100000"}),
        ]
        self.stop_reason, self.sandbox_pid = None, None
        inner = [sys.executable, "-I", "-c", INNER, str(lim["max_procs"]), str(memory)]
        inner += ["-m", "ipykernel_launcher", "-f", f"{SOCKETS}/connection.json"]
        fd = os.open(self.connection_file, os.O_RDONLY | os.O_CLOEXEC)
        args = (lim["bwrap"], lim["roots"], lim["data_dir"], lim["env"], lim["disk_mb"], lim["shm_mb"], fd)
        groups = self.cgroups

        def enter():  # in bwrap's process before exec: all of the sandbox is in the cgroups
            for group in groups:
                group.join()

        kw.update(
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=enter,
            pass_fds=(fd,),
        )
        try:
            await super()._async_launch_kernel(bwrap_args(*args) + inner, **kw)
        finally:
            os.close(fd)
        self.bwrap_pid = self.provisioner.pid
        for _ in range(200):
            kids = children(self.bwrap_pid)
            if kids:
                self.sandbox_pid = min(kids)
                break
            time.sleep(0.05)
        threading.Thread(target=self._watch, daemon=True).start()
        await self._pin_sockets()

    async def _pin_sockets(self):
        """Hold the kernel's five sockets by descriptor as soon as it has made them, before any line of
        the submission runs, and connect only through those descriptors (``/proc/<runner>/fd/N``): a
        socket file the submission later replaces, by a link to a socket of the host say, is never
        followed, not even when ZeroMQ reconnects."""
        ports = [self.shell_port, self.iopub_port, self.stdin_port, self.control_port, self.hb_port]
        inside = pathlib.Path(f"/proc/{self.sandbox_pid}/root{SOCKETS}")
        deadline, self.pinned = time.monotonic() + 300, {}
        while len(self.pinned) < len(ports):
            for port in set(ports) - set(self.pinned):
                with contextlib.suppress(OSError):
                    fd = os.open(inside / f"k-{port}", os.O_PATH | os.O_NOFOLLOW | os.O_CLOEXEC)
                    if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                        os.close(fd)
                        raise RuntimeError(f"the kernel's k-{port} is not a socket")
                    self.pinned[port] = fd
            if len(self.pinned) == len(ports):
                break
            if time.monotonic() > deadline or self.provisioner.process.poll() is not None:
                raise RuntimeError("the kernel did not open its sockets in the sandbox")
            await asyncio.sleep(0.1)
        links = pathlib.Path.cwd() / f"sockets-{secrets.token_hex(4)}"
        links.mkdir(mode=0o700)
        for port, fd in self.pinned.items():
            os.symlink(f"/proc/{os.getpid()}/fd/{fd}", links / f"k-{port}")
        self.ip = str(links / "k")

    def client(self, **kw):
        """A client whose sockets refuse messages over ``MAX_MESSAGE``: the runner keeps its memory."""
        kc = super().client(**kw)
        kc.context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE)
        return kc

    def _watch(self):
        lim, deadline = self.limits, self.limits["deadline"]
        memory = lim["memory_gb"] * 2**30
        count_procs = self.cgroups[0].path is None and os.geteuid() == 0
        while self.stop_reason is None:
            if self.provisioner is None or self.provisioner.process.poll() is not None:
                return
            pids = children(self.bwrap_pid)
            if time.monotonic() > deadline:
                self.stop(f"the notebook ran past its {lim['max_minutes']:g}-minute budget")
            elif (
                self.cgroups[1].path is None and min(resident_bytes(pids), proportional_bytes(pids)) > memory
            ):
                self.stop(f"its processes together used more than the {lim['memory_gb']:g} GB memory limit")
            elif count_procs and len(pids) > lim["max_procs"]:
                self.stop(f"it started more than {lim['max_procs']} processes")
            time.sleep(0.25)

    def stop(self, reason):
        self.stop_reason = reason
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.bwrap_pid, signal.SIGKILL)

    def why_dead(self):
        """The limit that stopped the kernel, if one did."""
        if self.stop_reason:
            return self.stop_reason
        if not self.cgroups:
            return None
        memory = self.cgroups[1].read("memory.failcnt").strip() or "0"
        events = self.cgroups[1].read("memory.events")
        if memory != "0" or re.search(r"oom_kill [1-9]", events):
            return f"its processes together passed the {self.limits['memory_gb']:g} GB memory limit"
        return None

    async def _async_cleanup_resources(self, restart=False):
        with contextlib.suppress(ProcessLookupError, PermissionError, AttributeError):
            os.killpg(self.bwrap_pid, signal.SIGKILL)
        await super()._async_cleanup_resources(restart)
        for group in self.cgroups:
            group.remove()
        pinned, self.pinned = getattr(self, "pinned", {}), {}  # cleanup may run twice: close once
        for fd in pinned.values():
            with contextlib.suppress(OSError):
                os.close(fd)

    cleanup_resources = _async_cleanup_resources
