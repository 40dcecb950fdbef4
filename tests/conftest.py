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
