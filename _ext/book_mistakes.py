"""The site's page of common mistakes, collected from the chapters' "Common mistakes" boxes.

    python _ext/book_mistakes.py          # rewrite common_mistakes.md from chapters/*.ipynb
    python _ext/book_mistakes.py --check  # exit 1 if common_mistakes.md is out of date

A box is a markdown cell holding a ```` ```{admonition} Common mistakes ```` block (class
``common-mistakes``); each of its bullets starts with the mistake's name in bold. The cells
after the box show each mistake's symptom. A MyST label just above the box's heading, such as
``(ch06-common-mistakes)=``, gives the page a link to the box itself; without one the page
links to the chapter. tests/test_common_mistakes.py keeps the page and the boxes in step.
"""

import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
PAGE = ROOT / "common_mistakes.md"
BOX = re.compile(r"```\{admonition\} Common mistakes\n(?P<body>.*?)\n```", re.S)
LABEL = re.compile(r"^\((?P<label>[\w-]+)\)=\s*$", re.M)
ITEM = re.compile(r"^\* \*\*(?P<name>.+?)\*\*(?P<text>.*?)(?=^\* |\Z)", re.S | re.M)


def _markdown_cells(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "markdown"]


def _first_sentence(text):
    text = " ".join(text.split())
    end = re.search(r"(?<=[.!?])\s", text)
    return text[: end.start()] if end else text


def _without_options(body):
    """The box's text without its directive options (``:class: ...``)."""
    return "\n".join(line for line in body.split("\n") if not line.startswith(":"))


def _in_book_order(root):
    """The chapter notebooks in the order of _toc.yml (those it does not list last, sorted)."""
    paths = sorted((root / "chapters").glob("*.ipynb"))
    toc = root / "_toc.yml"
    if not toc.exists():
        return paths
    import yaml  # the book's environment has it (Jupyter Book needs it)

    files = [c["file"] for part in yaml.safe_load(toc.read_text())["parts"] for c in part["chapters"]]
    rank = {name: i for i, name in enumerate(files)}
    return sorted(paths, key=lambda p: (rank.get(f"chapters/{p.stem}", len(rank)), p.stem))


def boxes(root=ROOT):
    """Every box of the chapters, in book order: dicts with notebook, title, label, items."""
    found = []
    for path in _in_book_order(root):
        cells = _markdown_cells(path)
        title = next((m.group(1) for s in cells if (m := re.search(r"^# (.+)$", s, re.M))), path.stem)
        for source in cells:
            for box in BOX.finditer(source):
                label = LABEL.search(source[: box.start()])
                items = [
                    {"name": m.group("name").strip(), "text": _first_sentence(m.group("text"))}
                    for m in ITEM.finditer(_without_options(box.group("body")) + "\n")
                ]
                found.append(
                    {
                        "notebook": f"chapters/{path.stem}",
                        "title": title,
                        "label": label.group("label") if label else None,
                        "items": items,
                        "styled": ":class: common-mistakes" in box.group("body"),
                    }
                )
    return found


def render(found):
    """The page's markdown."""
    lines = [
        "# Common mistakes",
        "",
        "Each chapter ends its teaching with a box of common mistakes, and each mistake has a",
        "cell beside the box that shows its symptom when you run the chapter. This page lists",
        "them all; the links lead to the boxes and their cells. (Generated from the chapters by",
        "`python _ext/book_mistakes.py`: edit the boxes, not this page.)",
        "",
    ]
    for box in found:
        if box["label"]:
            link = f"{{ref}}`Common mistakes <{box['label']}>`"
        else:
            link = f"{{doc}}`{box['title']} <{box['notebook']}>` (at the end)"
        lines += [f"## {box['title']}", "", f"The box in the chapter: {link}", ""]
        for item in box["items"]:
            rest = f" {item['text']}" if item["text"] else ""
            lines.append(f"* **{item['name']}**{rest}")
        lines.append("")
    return "\n".join(lines)


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    text = render(boxes())
    if "--check" in argv:
        if not PAGE.exists() or PAGE.read_text(encoding="utf-8") != text:
            print("common_mistakes.md is out of date: run `python _ext/book_mistakes.py`")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    print(f"wrote {PAGE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
