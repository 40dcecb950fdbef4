"""The two cells every notebook starts with, derived from the one repository setting in _config.yml.

Cell 0 is an "Open in Colab" badge (in a solution notebook it opens the exercise version, so
a release made from the solutions never sends students to ``solutions/``); cell 1 installs this
package, in Colab only.
``python -m rnnlab headers`` rewrites them; ``--check`` lists notebooks that disagree.
"""

import pathlib
import re

import nbformat

NOTEBOOK_DIRS = ("chapters", "solutions", "exercises")
BADGE_TAG = "colab-badge"
INSTALL_TAG = "colab-install"


def read_repository(config_path="_config.yml"):
    """(owner/name, branch) from ``repository.url`` and ``repository.branch`` in _config.yml."""
    import yaml

    config = yaml.safe_load(pathlib.Path(config_path).read_text())
    repo = config.get("repository", {})
    match = re.match(r"https://github\.com/([^/]+/[^/]+?)/?$", repo.get("url", ""))
    if not match:
        raise ValueError(f"{config_path}: repository.url must be https://github.com/OWNER/NAME")
    return match.group(1), repo.get("branch", "main")


def badge_path(nb_path):
    """The notebook a badge opens: a solution's badge opens its exercise, never the solution."""
    parts = nb_path.split("/")
    if len(parts) == 2 and parts[0] == "solutions":
        return f"exercises/{parts[1]}"
    return nb_path


def badge_source(repo, branch, nb_path):
    nb_path = badge_path(nb_path)
    url = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{nb_path}"
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"


def install_source(repo, branch):
    return (
        "# In Colab, install the book's helper package; elsewhere `make lab` has installed it.\n"
        "import sys\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install -q "rnnlab @ git+https://github.com/{repo}@{branch}"'
    )


def _has_tag(cell, tag):
    return tag in cell.get("metadata", {}).get("tags", [])


def apply_headers(nb, repo, branch, nb_path):
    """Make cells 0 and 1 the badge and the install cell; return True if ``nb`` changed."""
    badge, install = badge_source(repo, branch, nb_path), install_source(repo, branch)
    cells = nb.cells
    changed = False
    if not (cells and _has_tag(cells[0], BADGE_TAG)):
        cells.insert(0, nbformat.v4.new_markdown_cell(badge, metadata={"tags": [BADGE_TAG]}))
        changed = True
    if not (len(cells) > 1 and _has_tag(cells[1], INSTALL_TAG)):
        cells.insert(1, nbformat.v4.new_code_cell(install, metadata={"tags": [INSTALL_TAG]}))
        changed = True
    for cell, source in ((cells[0], badge), (cells[1], install)):
        if cell.source != source:
            cell.source = source
            changed = True
    return changed


def notebooks(root="."):
    root = pathlib.Path(root)
    return sorted(p for d in NOTEBOOK_DIRS for p in (root / d).glob("*.ipynb"))


def sync_headers(root=".", check=False):
    """Rewrite (or with ``check``, only list) notebooks whose header cells disagree with _config.yml."""
    root = pathlib.Path(root)
    repo, branch = read_repository(root / "_config.yml")
    stale = []
    for path in notebooks(root):
        nb = nbformat.read(path, as_version=4)
        if apply_headers(nb, repo, branch, path.relative_to(root).as_posix()):
            stale.append(path.relative_to(root).as_posix())
            if not check:
                nbformat.write(nb, path)
    return stale
