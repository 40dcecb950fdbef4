"""Run one prepared submission: ``python -m rnnlab.tools.runner`` (inside the sandbox).

Reads a JSON job on stdin (the notebook with the reference check cells marked, the reference's
import lines, limits), runs the notebook in a fresh kernel in the current folder, evaluates each
check through ``rnnlab.tools.harness`` and writes one JSON result to the descriptor
``RNNLAB_RESULT_FD``, which the kernel does not inherit. Verdicts never come from what a cell prints.
"""

import ast
import json
import os
import re
import resource
import secrets
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ENV_FAULTS = ("CorpusError",)  # errors of the grading machine, not of the student
MISSING_MODULE = re.compile(r"No module named '(rnnlab|torch|numpy|matplotlib)[.']")


class Client(NotebookClient):
    """Runs code cells as usual and check cells through the harness; caps kept output."""

    def __init__(self, nb, checks, imports, max_output, **kw):
        super().__init__(nb, **kw)
        self.checks, self.imports, self.verdicts = checks, imports, {}
        self.max_output, self.output_chars, self.capped = max_output, 0, False
        self.current_index, self.key = None, "_rnnlab_" + secrets.token_hex(8)

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
            self.phase, self.timeout = "cells", saved
        if cell_index not in self.checks:
            return await super().async_execute_cell(cell, cell_index, *args, **kw)
        expression = (
            f"getattr(__import__('builtins'), {self.key!r})({self.checks[cell_index]!r}, {self.imports!r})"
        )
        verdict = json.loads(await self._expression(expression, cell))
        self.verdicts[cell_index] = verdict
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=verdict["output"])]
        cell.execution_count = 1
        return cell

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
            return f"{out.get('ename')}: {ANSI.sub('', str(out.get('evalue')))}"[:300]
    return None


def run(job):
    nb = nbformat.from_dict(job["notebook"])
    checks = {int(k): v for k, v in job["checks"].items()}
    client = Client(
        nb,
        checks,
        job["imports"],
        job["max_output"],
        timeout=job["timeout"],
        kernel_name="python3",
        allow_errors=True,
        interrupt_on_timeout=False,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": os.getcwd()}},
    )
    client.phase = "start"  # start -> boot (the harness) -> cells (the submission)
    result = dict(status="ok", stopped=None, stopped_at=None, verdicts={}, errors=[], capped=False)
    try:
        client.execute(preexec_fn=memory_limiter(job["memory_gb"]), cwd=os.getcwd())
    except Exception as err:  # noqa: BLE001
        if client.phase != "cells":  # nothing of the submission has run yet: the machine's fault
            where = (
                "the kernel could not start"
                if client.phase == "start"
                else "the grading harness did not start in the kernel"
            )
            result["status"] = f"grader error: {where}: {type(err).__name__}: {err}"[:400]
        elif isinstance(err, CellTimeoutError):
            result["status"] = "timeout"
            result["stopped"] = f"cell {client.current_index} ran past the {job['timeout']} s time limit"
        elif isinstance(err, DeadKernelError):
            result["status"] = "kernel died"
            result["stopped"] = (
                f"the kernel died in cell {client.current_index} (os._exit, a crash, or "
                f"the {job['memory_gb']:g} GB memory limit)"
            )
        elif isinstance(err, RuntimeError):  # the harness's answer to a check could not be read
            result["status"] = f"grader error: {err}"[:400]
        else:
            result["status"] = f"error while running: {type(err).__name__}: {str(err)[:200]}"
    if result["stopped"]:
        result["stopped_at"] = client.current_index
    result["capped"] = client.capped
    result["verdicts"] = {str(i): v for i, v in client.verdicts.items()}
    for index, cell in enumerate(nb.cells):
        err = error_of(cell) if cell.cell_type == "code" and index not in checks else None
        if err and not err.startswith("NotImplementedError"):
            result["errors"].append((index, err))
            if err.split(":")[0] in ENV_FAULTS or MISSING_MODULE.search(err):
                result["status"] = f"grader error: {err}"[:400]
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
            status=f"grader error: {type(err).__name__}: {err}"[:400],
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
