"""Run one prepared submission: ``python -m rnnlab.tools.runner`` (outside the sandbox).

Reads a JSON job on stdin (the notebook with the reference check cells marked, the reference's
import lines, limits and, when sandboxed, the sandbox's settings), runs the notebook in a fresh
kernel, which ``confine.py`` starts inside bubblewrap, has each check decided by the judge process
(``judge.py``, started here on the first check; its requests to the kernel's oracle are relayed
as user expressions) or, for the checks of ``judge_routes.IN_KERNEL``, by ``rnnlab.tools.harness``
in the kernel, and writes one JSON result to the descriptor ``RNNLAB_RESULT_FD``. The
runner itself is never inside the sandbox, so the kernel can neither signal it nor reach that
descriptor. Verdicts never come from what a cell prints.

Status rules: "grader error" only when the kernel or the harness could not start, before any line
of the submission ran; everything that happens once the submission runs (an exception of any
kind, the book's own ``CorpusError`` included, a dead kernel, a limit) is the submission's result,
with its reason. Text that came from the submission is cleaned (``clean``) before it enters a status.
"""

import ast
import asyncio
import contextlib
import json
import os
import re
import resource
import secrets
import signal
import sys
import threading
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

from .judge_routes import route

JUDGE_LINE = 512 * 2**20  # bytes: the longest line between the judge and the runner (tensors in base64)
JUDGE_ENV = (
    "RNNLAB_DATA",
    "RNNLAB_QUICK",
    "RNNLAB_CACHE",
    *(f"{n}_NUM_THREADS" for n in ("OMP", "MKL", "OPENBLAS")),
)
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def clean(text, limit=300):
    """One line of at most ``limit`` characters, no control characters, never a spreadsheet formula."""
    text = CONTROL.sub(" ", ANSI.sub("", str(text))).strip()
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


class Client(NotebookClient):
    """Runs code cells as usual and check cells through the harness; caps kept output."""

    def __init__(self, nb, checks, imports, max_output, **kw):
        super().__init__(nb, **kw)
        self.checks, self.imports, self.verdicts = checks, imports, {}
        self.max_output, self.output_chars, self.capped = max_output, 0, False
        self.current_index, self.key = None, "_rnnlab_" + secrets.token_hex(8)
        self.judge_env, self.judge_proc = dict(os.environ), None

    async def _expression(self, expression, cell):
        msg_id = self.kc.execute(
            "pass",
            silent=False,
            store_history=False,
            allow_stdin=False,
            stop_on_error=False,
            user_expressions={"v": expression},
        )
        reply = await self.async_wait_for_reply(msg_id, cell)
        value = reply["content"].get("user_expressions", {}).get("v", {})
        if value.get("status") != "ok":
            raise RuntimeError(f"{value.get('ename', 'error')}: {value.get('evalue', reply['content'])}")
        return ast.literal_eval(value["data"]["text/plain"])

    async def boot(self):
        expression = f"__import__('rnnlab.tools.harness', fromlist=['boot']).boot({self.key!r})"
        return await self._expression(expression, None)

    async def async_execute_cell(self, cell, cell_index, *args, **kw):
        self.current_index = cell_index  # so a timeout or a dead kernel can be pinned to its cell
        if self.phase == "start":  # before the first cell: the harness, with time to import torch
            self.phase, saved, self.timeout = "boot", self.timeout, max(self.timeout, 600)
            await self.boot()
            if any(route(source) == "judge" for source in self.checks.values()):
                await self.start_judge()
            self.phase, self.timeout = "cells", saved
        if cell_index not in self.checks:
            return await super().async_execute_cell(cell, cell_index, *args, **kw)
        source = self.checks[cell_index]
        if route(source) == "judge":
            verdict = await self.judged(source, cell)
        else:
            expression = f"getattr(__import__('builtins'), {self.key!r})({source!r}, {self.imports!r})"
            verdict = dict(json.loads(await self._expression(expression, cell)), where="kernel")
        self.verdicts[cell_index] = verdict
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=verdict["output"])]
        cell.execution_count = 1
        return cell

    async def judged(self, source, cell):
        """The verdict of the judge process (``judge.py``), whose requests go to the kernel's oracle."""
        await self.start_judge()
        proc = self.judge_proc
        proc.stdin.write((json.dumps(dict(source=source, imports=self.imports)) + "\n").encode())
        while True:
            await proc.stdin.drain()
            line = await proc.stdout.readline()
            if not line:
                self.judge_proc = None
                return dict(status="failed", message="the judge process stopped", output="", where="judge")
            msg = json.loads(line)
            if "verdict" in msg:
                return msg["verdict"]
            expression = f"getattr(__import__('builtins'), {self.key + '_oracle'!r})({msg['kernel']!r})"
            try:
                answer = dict(reply=await self._expression(expression, cell))
            except RuntimeError as err:  # the oracle could not be reached: the judge fails the check
                answer = dict(fail=clean(err, 300))
            proc.stdin.write((json.dumps(answer) + "\n").encode())

    async def start_judge(self):
        """The judge process, started once; it imports torch and the checks while the notebook runs."""
        if self.judge_proc is None:
            self.judge_proc = await asyncio.create_subprocess_exec(  # -P, cwd /: no folder a kernel wrote to
                sys.executable,
                "-P",
                "-m",
                "rnnlab.tools.judge",
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                env=self.judge_env,
                cwd="/",
                limit=JUDGE_LINE,
            )
            self.judge_proc.stdin.write((json.dumps(dict(warm=self.imports)) + "\n").encode())

    def stop_judge(self):
        if self.judge_proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.judge_proc.pid, signal.SIGKILL)

    def output(self, outs, msg, display_id, cell_index):
        content = msg.get("content", {})
        self.output_chars += len(str(content.get("text", ""))) + sum(
            len(str(v)) for v in content.get("data", {}).values()
        )
        if msg.get("msg_type") != "error" and self.output_chars > self.max_output:
            if not self.capped:
                self.capped = True
                outs.append(
                    nbformat.v4.new_output(
                        "stream",
                        name="stderr",
                        text=f"\n[grader: output capped at {self.max_output:,} characters]\n",
                    )
                )
            return None
        return super().output(outs, msg, display_id, cell_index)


def memory_limiter(memory_gb):
    def limit():  # runs in the kernel process before it starts
        if memory_gb:
            size = int(memory_gb * 2**30)
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

    return limit


def error_of(cell):
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            return clean(f"{out.get('ename')}: {out.get('evalue')}")
    return None


def kernel_manager(job):
    """A manager that starts the kernel in the sandbox (None: the usual local kernel)."""
    if not job.get("sandbox"):
        return None
    from .confine import SOCKETS, SandboxedKernelManager

    km = SandboxedKernelManager(kernel_name="python3", transport="ipc", ip=f"{SOCKETS}/k")
    km.limits = dict(job["sandbox"], memory_gb=job["memory_gb"], max_minutes=job["max_seconds"] / 60)
    return km


def watch_deadline(client, deadline, fired):
    """Without a sandbox: kill the kernel's process group once the notebook's budget is spent."""
    while time.monotonic() < deadline:
        time.sleep(0.5)
        if fired.get("done"):
            return
    fired["why"] = f"the notebook ran past its {(deadline - fired['start']) / 60:g}-minute budget"
    try:
        os.killpg(client.km.provisioner.pid, signal.SIGKILL)
    except (AttributeError, ProcessLookupError, PermissionError, TypeError):
        pass


def run(job):
    nb = nbformat.from_dict(job["notebook"])
    checks = {int(k): v for k, v in job["checks"].items()}
    start = time.monotonic()
    km = kernel_manager(job)
    if km is not None:
        km.limits["deadline"] = start + job["max_seconds"]
    client = Client(
        nb,
        checks,
        job["imports"],
        job["max_output"],
        km=km,
        timeout=job["timeout"],
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": os.getcwd()}},
    )
    client.phase = "start"  # start -> boot (the harness) -> cells (the submission)
    client.judge_env.pop("RNNLAB_RESULT_FD", None)
    if job.get("sandbox"):  # the judge reads the corpora and quick mode the way the kernel does
        kernel = job["sandbox"]["env"]
        for name in JUDGE_ENV:
            client.judge_env.pop(name, None)
            if name in kernel and name != "RNNLAB_CACHE":
                client.judge_env[name] = kernel[name]
    result = dict(status="ok", stopped=None, stopped_at=None, verdicts={}, errors=[], capped=False)
    fired = {"start": start}
    if km is None:
        threading.Thread(
            target=watch_deadline, args=(client, start + job["max_seconds"], fired), daemon=True
        ).start()
        launch = dict(preexec_fn=memory_limiter(job["memory_gb"]), cwd=os.getcwd(), cleanup_kc=True)
    else:
        launch = dict(cwd=os.getcwd(), cleanup_kc=True)
    try:
        client.execute(**launch)
    except Exception as err:  # noqa: BLE001
        limit = fired.get("why") or (km.why_dead() if km is not None else None)
        where = client.current_index
        if client.phase != "cells" and not limit:  # nothing of the submission has run: the machine's fault
            what = "the kernel could not start" if client.phase == "start" else "the harness did not start"
            result["status"] = f"grader error: {what}: {clean(f'{type(err).__name__}: {err}', 300)}"
        elif limit and "budget" in limit:
            result["status"], result["stopped"] = "timeout", f"stopped in cell {where}: {limit}"
        elif limit:
            result["status"], result["stopped"] = "kernel died", f"stopped in cell {where}: {limit}"
        elif isinstance(err, CellTimeoutError):
            result["status"] = "timeout"
            result["stopped"] = f"cell {where} ran past the {job['timeout']} s time limit"
        elif isinstance(err, DeadKernelError):
            result["status"] = "kernel died"
            result["stopped"] = (
                f"the kernel died in cell {where} (os._exit, a crash, a killed process, or "
                f"the {job['memory_gb']:g} GB memory limit)"
            )
        elif isinstance(err, RuntimeError):  # the harness's answer could not be read: the kernel was altered
            result["status"] = "error while running"
            result["stopped"] = (
                f"cell {where}: the check's verdict could not be read from the kernel: " + clean(err, 200)
            )
        else:
            result["status"] = f"error while running: {clean(f'{type(err).__name__}: {err}', 200)}"
    finally:
        fired["done"] = True
        client.stop_judge()
    if result["stopped"]:
        result["stopped_at"] = client.current_index
    result["capped"] = client.capped
    result["verdicts"] = {str(i): v for i, v in client.verdicts.items()}
    for index, cell in enumerate(nb.cells):
        err = error_of(cell) if cell.cell_type == "code" and index not in checks else None
        if err and not err.startswith("NotImplementedError"):
            result["errors"].append((index, err))
    return result


def main():
    try:  # other processes of the sandbox may not open this one's /proc/PID/fd (the result channel)
        import ctypes

        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 0
    except (OSError, AttributeError):
        pass
    job = json.load(sys.stdin)
    try:
        result = run(job)
    except Exception as err:  # noqa: BLE001
        result = dict(
            status=f"grader error: {clean(f'{type(err).__name__}: {err}', 300)}",
            verdicts={},
            errors=[],
            stopped=None,
            stopped_at=None,
            capped=False,
        )
    with os.fdopen(int(os.environ.get("RNNLAB_RESULT_FD", "3")), "w") as channel:
        json.dump(result, channel)


if __name__ == "__main__":
    main()
