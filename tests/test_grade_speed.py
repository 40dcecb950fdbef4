"""What keeps grading fast, checked without a sandbox: the cleanup of a cgroup already removed
does not wait, the runner starts without torch, and xdist's groups reach its scheduler."""

import subprocess
import sys
import time

import pytest

from rnnlab.tools import confine, sandbox


def test_a_cgroup_removed_twice_does_not_wait(tmp_path):
    group = confine.Cgroup.__new__(confine.Cgroup)
    group.path = tmp_path / "rnnlab-test"
    group.path.mkdir()
    start = time.monotonic()
    group.remove()
    group.remove()  # the kernel's cleanup runs twice: the second finds nothing to remove
    assert not group.path.exists() and time.monotonic() - start < 1


def test_the_runner_starts_without_the_learner_package():
    probe = sandbox.RUNNER_START.replace('"rnnlab.tools.runner"', '"rnnlab.tools.judge_routes"')
    assert probe != sandbox.RUNNER_START
    probe += "print(sorted(m for m in ('torch', 'matplotlib', 'rfc3987_syntax') if sys.modules.get(m)))\n"
    probe += "import nbformat, nbclient, rnnlab.tools.confine\n"  # what the runner itself imports
    probe += "print(sorted(m for m in ('torch', 'matplotlib', 'rfc3987_syntax') if sys.modules.get(m)))\n"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[:2] == ["[]", "[]"], done.stdout


@pytest.mark.xdist_group("group-check")
def test_xdist_groups_reach_the_scheduler(request):
    if not getattr(request.config.option, "loadgroup", False):
        pytest.skip("only under pytest-xdist's --dist loadgroup (make test, make test-fast)")
    assert request.node.nodeid.endswith("@group-check"), request.node.nodeid
