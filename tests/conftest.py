import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"

# Tests read the corpora from ../shared/data when it is there (as CI does), so they run offline.
if "RNNLAB_DATA" not in os.environ and SHARED_DATA.is_dir():
    os.environ["RNNLAB_DATA"] = str(SHARED_DATA)


@pytest.fixture
def empty_cache(tmp_path, monkeypatch):
    """An empty corpus cache and no data directory: every corpus must come from a download."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("RNNLAB_CACHE", str(cache))
    monkeypatch.delenv("RNNLAB_DATA", raising=False)
    return cache


# Modules whose every test starts a browser, JupyterLab, a sandboxed kernel, nbgrader or a site
# build: `make test-fast` leaves them out (`-m "not slow"`); `make test` runs everything.
# A single slow test elsewhere carries `@pytest.mark.slow` itself.
SLOW_MODULES = {
    "test_website",
    "test_diagrams_lab",
    "test_grade",
    "test_grade_environment",
    "test_grade_isolation",
    "test_grade_shards",
    "test_grade_nbgrader",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.module is not None and item.module.__name__.rsplit(".", 1)[-1] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
    if getattr(config.option, "loadgroup", False):  # an xdist worker under `--dist loadgroup`
        name_the_groups(items)


def name_the_groups(items):
    """Append ``@group`` to the id of every test marked ``xdist_group``, as pytest-xdist does.

    pytest-xdist (3.8) writes the suffix to ``item._nodeid``, which pytest 9 no longer reads (a
    node's id lives in ``item._id``): without this the scheduler sees no group at all, spreads a
    group's tests over both workers, and each worker builds the group's fixture (the graded
    classes, the website build), twice the work. Where xdist's own suffix took effect, nothing
    changes."""
    try:
        from _pytest.nodeid import NodeId
    except ImportError:  # pytest before 9: xdist's own hook works
        return
    for item in items:
        nodeid = item.nodeid
        if nodeid.rfind("@") > nodeid.rfind("]"):  # suffixed already (xdist's test)
            continue
        names = {
            str(m.args[0] if m.args else m.kwargs.get("name", "default"))
            for m in item.iter_markers("xdist_group")
        }
        if names:
            item._id = NodeId.parse(f"{nodeid}@{'_'.join(sorted(names))}")
