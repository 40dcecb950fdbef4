"""The judge: decides a check's verdict in a process that never ran learner code.

``python -m rnnlab.tools.judge`` is started by the runner (outside the sandbox, with the book's
package and nothing of the submission). It reads one JSON line per check on stdin
(``{"source": reference check cell, "imports": the reference's import lines}``) and answers with
``{"verdict": {...}}``. While a check runs, each request to the learner's kernel is a line
``{"kernel": text}`` on stdout, answered by ``{"reply": text}`` (or ``{"fail": why}``) on stdin.

The check cell runs here, with the book's ``rnnlab.checks`` imported fresh, the reference's own
imports, and every other name it reads fetched from the notebook as a value or a stand-in
(``judge_remote``). The verdict is "passed" only when the fresh ``checks.passed`` was called and
nothing raised; whatever the kernel sends is data, read without unpickling
(``judge_wire``), and compared with references computed here on inputs drawn here.
"""

import ast
import builtins
import contextlib
import io
import json
import os
import sys
import traceback

from . import harness
from .judge_remote import ACTIVE_SPIES, JudgeError, Link
from .judge_wire import WireError


def free_names(source):
    """Names a cell reads, in order of first use."""
    seen = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in seen:
            seen.append(node.id)
    return seen


def spy_in_judge(spy_class):
    """``recurrence_spy`` that also receives the fused kernels the learner's kernel reports."""

    class JudgeSpy(spy_class):
        def __enter__(self):
            entered = super().__enter__()
            ACTIVE_SPIES.append(self)
            return entered

        def __exit__(self, *exc):
            if self in ACTIVE_SPIES:
                ACTIVE_SPIES.remove(self)
            return super().__exit__(*exc)

    return JudgeSpy


def prepare_checks():
    """A fresh ``rnnlab.checks`` whose ``passed`` calls are counted and whose spy hears the kernel."""
    checks, core, calls = harness.fresh_checks()
    original = core.recurrence_spy
    spy = spy_in_judge(original)
    for name, module in list(sys.modules.items()):
        if name.startswith("rnnlab.checks") and getattr(module, "recurrence_spy", None) is original:
            module.recurrence_spy = spy
    return checks, core, calls


def verdict(status, message, output=""):
    return dict(status=status, message=str(message)[:4000], output=output[-4000:], where="judge")


def judge_check(source, imports, send):
    """The verdict of one reference check cell, the learner's objects reached through ``send``."""
    link = Link(send)
    out = io.StringIO()
    ACTIVE_SPIES.clear()
    try:
        checks, core, calls = prepare_checks()
        namespace = {"__name__": "__main__", "__builtins__": builtins}
        exec(compile(imports, "<reference imports>", "exec"), namespace)  # noqa: S102
        namespace["checks"] = checks
        link.request("begin")
        for name in free_names(source):
            if name in namespace or hasattr(builtins, name):
                continue
            try:
                namespace[name] = link.value("get", name=name)
            except NameError:
                pass  # the cell's own exec raises "name ... is not defined" if it reads it
    except Exception as err:  # noqa: BLE001  (a kernel that answers 'begin' with an error, a bad reply)
        return verdict("failed", f"the judge could not start this check: {type(err).__name__}: {err}")
    before = dict(namespace)
    status, message = "failed", ""
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            exec(compile(source, "<check>", "exec"), namespace)  # noqa: S102
            if calls:
                status, message = "passed", calls[-1]
            else:
                message = "the check did not report PASSED"
        except NotImplementedError as err:
            status, message = "not attempted", str(err)
        except core.CheckFailed as err:
            message = f"CheckFailed: {err}"
        except (JudgeError, WireError) as err:
            message = f"the judge refused the kernel's answer: {err}"
        except BaseException as err:  # noqa: BLE001
            message = f"{type(err).__name__}: {err}"
            traceback.print_exc(file=out)
    ACTIVE_SPIES.clear()
    for name, value in namespace.items():  # what the cell defines (embed_size = 32) goes to the notebook
        if name != "__builtins__" and (name not in before or before[name] is not value):
            with contextlib.suppress(Exception):
                link.request("assign", name=name, args=value)
    with contextlib.suppress(Exception):
        link.request("release")
    return verdict(status, message, out.getvalue())


def main():
    channel = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # stray prints (C level included) must not enter the protocol
    sys.stdout = sys.stderr

    def write(obj):
        channel.write(json.dumps(obj) + "\n")
        channel.flush()

    def send(text):
        write({"kernel": text})
        line = sys.stdin.readline()
        if not line:
            raise JudgeError("the runner closed the channel")
        msg = json.loads(line)
        if "reply" in msg and isinstance(msg["reply"], str):
            return msg["reply"]
        raise JudgeError(f"the kernel did not answer: {msg.get('fail', 'no reply')}")

    for line in sys.stdin:
        job = json.loads(line)
        if "warm" in job:  # the reference's imports, ahead of the first check (no answer)
            with contextlib.suppress(Exception):
                exec(compile(job["warm"], "<reference imports>", "exec"), {"__name__": "__warm__"})  # noqa: S102
                harness.fresh_checks()
            continue
        write({"verdict": judge_check(job["source"], job["imports"], send)})


if __name__ == "__main__":
    main()
