"""What the website shows of each notebook (loaded through _config.yml, sphinx.local_extensions).

The notebooks on disk stay as they are (the solution notebooks are nbgrader sources); only the
text Sphinx reads is changed, when it reads it (``source-read``):

* every notebook: the "Open in Colab" badge cell and the Colab-only install cell are dropped
  (the rocket menu launches Colab, the badge would be a third-party request on every page, and
  the install cell would show up in search results);
* solution notebooks: nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION`` lines are
  removed. In a markdown cell the text between them becomes a "Model answer" admonition; a code
  cell that holds a solution region is tagged ``model-answer`` (``_static/rnnlab.css`` labels it).
  A note at the top of the page sends the reader to the exercise first.

``make book SOLUTIONS=0`` (environment variable ``BOOK_SOLUTIONS=0``) builds the site without
the solution pages, for instructors who keep the answers private: the Solutions part of the
table of contents is left out, a chapter's pointer "(model answers in [Solutions N](...))" is
dropped (from the page and from the notebook offered for download), and ``{only} solutions`` /
``{only} not solutions`` blocks (intro.md) say what this build contains.
"""

import json
import os
import pathlib
import re
import tempfile

import yaml
from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*$")
SITE_ONLY_DROPPED_TAGS = {"colab-badge", "colab-install"}
SOLUTIONS_DIR = "solutions"
# A chapter's pointer to its solutions, e.g. " (model answers in [Solutions 1](../solutions/01_x.ipynb))".
SOLUTION_POINTER = re.compile(r"\s*\((?:model )?answers in \[Solutions \d+\]\(\.\./solutions/[^)]+\)\)")


def solutions_enabled():
    return os.environ.get("BOOK_SOLUTIONS", "1").strip().lower() not in ("0", "no", "false", "off")


def _lines(source):
    return source if isinstance(source, list) else source.splitlines(keepends=True)


def _text(source):
    return "".join(source) if isinstance(source, list) else source


def markdown_answer(source):
    """A markdown cell's text with each BEGIN/END SOLUTION region as a "Model answer" block."""
    text = _text(source)
    if not any(MARKER.match(line) for line in text.splitlines()):
        return text
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    out = []
    for line in text.splitlines():
        match = MARKER.match(line)
        if match and match.group(1) == "BEGIN":
            out += ["", f"{fence}{{admonition}} Model answer", ":class: tip model-answer", ""]
        elif match:
            out += ["", fence, ""]
        else:
            out.append(line)
    return "\n".join(out).strip("\n")


def code_answer(source):
    """A code cell's text without nbgrader's marker lines, and whether it had any."""
    lines = _text(source).splitlines()
    kept = [line for line in lines if not MARKER.match(line)]
    return "\n".join(kept).strip("\n"), len(kept) != len(lines)


def title_of(cells):
    for cell in cells:
        if cell.get("cell_type") == "markdown":
            for line in _text(cell.get("source", "")).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def solution_note(docname):
    stem = docname.split("/", 1)[1]
    return {
        "cell_type": "markdown",
        "metadata": {},
        "id": "site-solution-note",
        "source": (
            ":::{note}\n**Solutions** with model answers and the outputs of a full run. "
            f"Try [the exercises](../exercises/{stem}.ipynb) first: each one has a check "
            "that tells you whether your code is right.\n:::"
        ),
    }


def rewrite_notebook(docname, text):
    """The notebook JSON ``text`` as the site shows it (see the module docstring)."""
    nb = json.loads(text)
    cells = [
        c
        for c in nb.get("cells", [])
        if not SITE_ONLY_DROPPED_TAGS & set(c.get("metadata", {}).get("tags", []))
    ]
    if docname.startswith(SOLUTIONS_DIR + "/"):
        for cell in cells:
            if cell.get("cell_type") == "markdown":
                cell["source"] = markdown_answer(cell.get("source", ""))
            elif cell.get("cell_type") == "code":
                cell["source"], had_markers = code_answer(cell.get("source", ""))
                if had_markers:
                    tags = cell.setdefault("metadata", {}).setdefault("tags", [])
                    if "model-answer" not in tags:
                        tags.append("model-answer")
        # The note goes right after the cell with the title.
        for i, cell in enumerate(cells):
            if cell.get("cell_type") == "markdown" and title_of([cell]):
                cells.insert(i + 1, solution_note(docname))
                break
    elif not solutions_enabled():
        for cell in cells:
            if cell.get("cell_type") == "markdown":
                cell["source"] = SOLUTION_POINTER.sub("", _text(cell.get("source", "")))
    nb["cells"] = cells
    return json.dumps(nb)


def on_source_read(app, docname, source):
    path = pathlib.Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        source[0] = rewrite_notebook(docname, source[0])


def tag_build(app, config):
    """``{only} solutions`` / ``{only} not solutions`` choose text by the kind of build."""
    if solutions_enabled():
        app.tags.add("solutions")


def drop_pointers_from_downloads(app, exception):
    """With BOOK_SOLUTIONS=0: the chapter notebooks offered for download (``_sources/``) lose
    their pointers to the solution notebooks, as the pages did."""
    if exception is not None or solutions_enabled() or app.builder.format != "html":
        return
    for path in pathlib.Path(app.outdir, "_sources").rglob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        changed = False
        for cell in nb.get("cells", []):
            if cell.get("cell_type") == "markdown":
                text = _text(cell.get("source", ""))
                new = SOLUTION_POINTER.sub("", text)
                if new != text:
                    cell["source"], changed = new, True
        if changed:
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def drop_solutions_from_toc(app, config):
    """With BOOK_SOLUTIONS=0: read a copy of the table of contents without the Solutions part."""
    if solutions_enabled() or not config.external_toc_path:
        return
    toc_path = pathlib.Path(app.srcdir, config.external_toc_path)
    toc = yaml.safe_load(toc_path.read_text())

    def keep(entry):
        return not str(entry.get("file", "")).startswith(SOLUTIONS_DIR + "/")

    parts = []
    for part in toc.get("parts", []):
        part = dict(part, chapters=[c for c in part.get("chapters", []) if keep(c)])
        if part["chapters"]:
            parts.append(part)
    toc["parts"] = parts
    out = pathlib.Path(tempfile.mkdtemp(prefix="book-toc-")) / "_toc.yml"
    out.write_text(yaml.safe_dump(toc, sort_keys=False))
    config.external_toc_path = str(out)
    config.exclude_patterns = list(config.exclude_patterns) + [f"{SOLUTIONS_DIR}/**"]


class UnlinkSolutions(SphinxPostTransform):
    """With BOOK_SOLUTIONS=0: a link to a solution page becomes its text (runs before MyST's)."""

    default_priority = 8

    def run(self):
        if solutions_enabled():
            return
        for node in list(self.document.findall(nodes.Element)):
            if node.tagname == "pending_xref" and str(node.get("reftarget", "")).startswith(
                SOLUTIONS_DIR + "/"
            ):
                node.replace_self(nodes.inline("", "", *node.children))


def setup(app):
    app.connect("config-inited", drop_solutions_from_toc, priority=400)  # before sphinx-external-toc
    app.connect("config-inited", tag_build)
    app.connect("source-read", on_source_read)
    app.connect("build-finished", drop_pointers_from_downloads)
    app.add_post_transform(UnlinkSolutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
