"""One repository setting (_config.yml's repository.url) drives every Colab badge and install cell.

`python -m rnnlab headers` rewrites cells 0 and 1 of each notebook from it; these tests fail when
a notebook disagrees, and check on a copy that a changed URL is caught and then fixed.
"""

import pathlib
import re
import shutil

import nbformat
import pytest
import yaml

from rnnlab.tools import headers

ROOT = pathlib.Path(__file__).resolve().parents[1]
NOTEBOOKS = headers.notebooks(ROOT)


def test_every_notebook_agrees_with_the_repository_setting():
    stale = headers.sync_headers(ROOT, check=True)
    assert not stale, (
        f"{len(stale)} notebook(s) disagree with _config.yml's repository setting: "
        f"{stale}. Run `make headers` (python -m rnnlab headers) and commit."
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_badge_opens_this_notebook_and_install_runs_in_colab_only(path):
    repo, branch = headers.read_repository(ROOT / "_config.yml")
    nb = nbformat.read(path, as_version=4)
    badge, install = nb.cells[0], nb.cells[1]
    rel = headers.badge_path(path.relative_to(ROOT).as_posix())  # solutions/X opens exercises/X
    assert badge.cell_type == "markdown" and f"/github/{repo}/blob/{branch}/{rel})" in badge.source
    assert "/solutions/" not in badge.source
    assert install.cell_type == "code" and 'if "google.colab" in sys.modules:' in install.source
    assert f"git+https://github.com/{repo}@{branch}" in install.source


def test_the_repository_is_named_in_one_place_only():
    """Buttons come from repository.url; a page that shows a clone command uses that same URL."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    url = config["repository"]["url"].rstrip("/")
    config_text = (ROOT / "_config.yml").read_text()
    assert config_text.count("github.com") == 1, "_config.yml names a GitHub URL besides repository.url"
    for page in ["intro.md", "from_d2l.md"]:
        text = (ROOT / page).read_text()
        for found in re.findall(r"https://github\.com/[\w.-]+/[\w.-]+", text):
            assert found.removesuffix(".git") == url, (
                f"{page} names {found}, but repository.url in _config.yml is {url}"
            )


def _copy_book(tmp_path, notebooks=2):
    """_config.yml and a few notebooks in a temporary folder with the same layout."""
    (tmp_path / "_config.yml").write_text((ROOT / "_config.yml").read_text())
    copied = []
    for path in NOTEBOOKS[:notebooks]:
        target = tmp_path / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, target)
        copied.append(target)
    return copied


def test_a_changed_repository_url_is_caught_then_fixed(tmp_path):
    copied = _copy_book(tmp_path)
    assert copied, "no notebook to test with"
    assert headers.sync_headers(tmp_path, check=True) == []

    config_path = tmp_path / "_config.yml"
    old_repo, _ = headers.read_repository(config_path)
    text = config_path.read_text()
    config_path.write_text(
        re.sub(r"(url:\s*)https://github\.com/\S+", r"\1https://github.com/someone-else/fork", text, count=1)
    )
    before = [p.read_bytes() for p in copied]
    stale = headers.sync_headers(tmp_path, check=True)
    assert sorted(stale) == sorted(p.relative_to(tmp_path).as_posix() for p in copied)
    assert [p.read_bytes() for p in copied] == before, "--check must not modify notebooks"

    rewritten = headers.sync_headers(tmp_path)
    assert sorted(rewritten) == sorted(stale)
    assert headers.sync_headers(tmp_path, check=True) == []
    for path in copied:
        nb = nbformat.read(path, as_version=4)
        assert "someone-else/fork" in nb.cells[0].source and "someone-else/fork" in nb.cells[1].source
        assert old_repo not in nb.cells[0].source + nb.cells[1].source
        # Only the two header cells changed: the rest of the notebook is as it was.
        original = nbformat.read(ROOT / path.relative_to(tmp_path), as_version=4)
        assert [c.source for c in nb.cells[2:]] == [c.source for c in original.cells[2:]]


def test_a_notebook_without_headers_gets_them(tmp_path):
    _copy_book(tmp_path, notebooks=0)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# 99. A new chapter")])
    (tmp_path / "chapters").mkdir()
    nbformat.write(nb, tmp_path / "chapters" / "99_new.ipynb")
    assert headers.sync_headers(tmp_path, check=True) == ["chapters/99_new.ipynb"]
    headers.sync_headers(tmp_path)
    cells = nbformat.read(tmp_path / "chapters" / "99_new.ipynb", as_version=4).cells
    assert [c.metadata.get("tags") for c in cells[:2]] == [[headers.BADGE_TAG], [headers.INSTALL_TAG]]
    assert cells[2].source == "# 99. A new chapter"


def test_a_bad_repository_url_is_refused_with_a_clear_message(tmp_path):
    (tmp_path / "_config.yml").write_text("repository:\n  url: https://gitlab.com/a/b\n")
    with pytest.raises(ValueError, match="repository.url must be https://github.com/OWNER/NAME"):
        headers.sync_headers(tmp_path, check=True)
