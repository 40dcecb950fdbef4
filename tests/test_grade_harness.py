"""The in-kernel harness without a kernel: verdicts, a fresh rnnlab.checks, names a check assigns."""

import json
import sys

import pytest

import rnnlab
import rnnlab.checks  # noqa: F401  (the attribute the fixture restores)
from rnnlab.tools import harness


@pytest.fixture(autouse=True)
def keep_checks():
    """Put this process's rnnlab.checks back afterwards: other tests hold its classes."""
    saved = {k: v for k, v in sys.modules.items() if k.startswith("rnnlab.checks")}
    attribute = rnnlab.checks
    yield
    for name in [k for k in sys.modules if k.startswith("rnnlab.checks")]:
        del sys.modules[name]
    sys.modules.update(saved)
    rnnlab.checks = attribute


class FakeShell:
    def __init__(self, user_ns):
        self.user_ns = user_ns


def run(monkeypatch, source, user_ns):
    monkeypatch.setattr(harness, "_ip", lambda: None)
    harness.snapshot()
    monkeypatch.setattr(harness, "_ip", lambda: FakeShell(user_ns))
    return json.loads(harness.run(source, "from rnnlab import checks"))


def test_verdict_comes_from_a_fresh_checks_module(monkeypatch):
    original = sys.modules["rnnlab.checks"]
    user = {"double": lambda x: 0, "checks": None}
    monkeypatch.setattr(rnnlab.checks, "fail", lambda *a, **k: None)  # a submission's patch
    source = "if double(3) != 6:\n    checks.fail('double(3)', 6, double(3))\nchecks.passed('ok')"
    verdict = run(monkeypatch, source, user)
    assert verdict["status"] == "failed" and "expected: 6" in verdict["message"]
    assert sys.modules["rnnlab.checks"] is not original  # imported again from its files


def test_printing_passed_is_not_passing(monkeypatch):
    verdict = run(monkeypatch, "print('PASSED: trust me')", {})
    assert verdict["status"] == "failed" and "PASSED: trust me" in verdict["output"]


def test_names_a_check_assigns_stay_for_later_cells(monkeypatch):
    user = {}
    verdict = run(monkeypatch, "embed_size = 32\nchecks.passed('ok')", user)
    assert verdict["status"] == "passed" and user["embed_size"] == 32 and "checks" not in user
