"""The "Common mistakes" boxes of the chapters and the site page that lists them.

Each box (a ```{admonition} Common mistakes``` block, class ``common-mistakes``) names its
mistakes in bold bullets, and the code cells after it show each mistake's symptom (a mistake
the chapter demonstrated earlier says "Shown above: ..."); they run with the rest of the
chapter (nbval in `make test`). common_mistakes.md is generated from the
boxes by _ext/book_mistakes.py and must list every one of them.
"""

import importlib.util
import json
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[1]
# every chapter's box is in the shared style (chapter 12's since 2026-12-07)
UNSTYLED = set()


def load_generator():
    spec = importlib.util.spec_from_file_location("book_mistakes", ROOT / "_ext" / "book_mistakes.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = load_generator()
BOXES = GEN.boxes()


def test_the_page_is_generated_from_the_boxes_now():
    page = (ROOT / "common_mistakes.md").read_text(encoding="utf-8")
    assert page == GEN.render(BOXES), "common_mistakes.md is stale: run `python _ext/book_mistakes.py`"


def test_the_page_lists_every_box_and_every_mistake():
    page = (ROOT / "common_mistakes.md").read_text(encoding="utf-8")
    owned = {
        "01_sequence_models",
        "02_language_models",
        "03_rnn_scratch",
        "04_rnn_concise",
        "06_gru",
        "07_lstm",
        "08_deep_rnn",
        "09_bidirectional_rnn",
        "10_rnn_practice",
        "11_rnn_applications",
        "12_seq2seq",
        "one_step_by_hand",
    }
    assert {b["notebook"].split("/")[1] for b in BOXES} >= owned, "a chapter lost its box"
    for box in BOXES:
        assert box["items"], f"{box['notebook']}: a box without bold-named mistakes"
        target = f"<{box['label']}>`" if box["label"] else f"<{box['notebook']}>`"
        assert target in page, f"{box['notebook']}: the page has no link to its box"
        for item in box["items"]:
            assert f"* **{item['name']}**" in page, f"{box['notebook']}: {item['name']} not listed"


def test_the_page_is_on_the_site():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    assert "common_mistakes" in files


def test_boxes_share_one_style():
    for box in BOXES:
        if box["notebook"] not in UNSTYLED:
            assert box["styled"], f"{box['notebook']}: the box lacks `:class: common-mistakes`"
            assert box["label"], f"{box['notebook']}: no (label)= above the box's heading"


def _cells_after_box(notebook):
    """The code cells between a chapter's styled box and the next section heading."""
    cells = json.loads((ROOT / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    start = next(i for i, c in enumerate(cells) if ":class: common-mistakes" in "".join(c["source"]))
    shown = []
    for cell in cells[start + 1 :]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and re.search(r"^#{1,2} ", source, re.M):
            break
        if cell["cell_type"] == "code":
            shown.append(cell)
    return shown


def test_each_mistake_has_a_cell_that_shows_its_symptom():
    for box in BOXES:
        if not box["styled"]:
            continue
        shown = _cells_after_box(box["notebook"])
        # A mistake the chapter already demonstrated earlier says so ("Shown above: ...").
        needed = [i for i in box["items"] if not i["text"].lower().startswith("shown above")]
        assert len(shown) >= len(needed), (
            f"{box['notebook']}: {len(needed)} mistakes to show, {len(shown)} cells showing them"
        )
        for cell in shown:
            kinds = {o["output_type"] for o in cell["outputs"]}
            assert kinds and "error" not in kinds, (
                f"{box['notebook']}: a mistake cell has no stored output or ends in an error "
                "(catch the error and print it; re-execute the chapter)"
            )


def test_a_new_box_is_found_and_listed(tmp_path):
    """The generator is not a fixed list: a box in a new notebook shows up on the page."""
    (tmp_path / "chapters").mkdir()
    box = (
        "(ch99-common-mistakes)=\n## Common mistakes\n\n```{admonition} Common mistakes\n"
        ":class: common-mistakes\n\n* **Forgetting the seed.** Runs differ. More text.\n"
        "* **Another one.** It shows.\n```"
    )
    nb = {
        "cells": [
            {"cell_type": "markdown", "metadata": {}, "source": ["# 99. Test\n"]},
            {"cell_type": "markdown", "metadata": {}, "source": [box]},
        ]
    }
    (tmp_path / "chapters" / "99_test.ipynb").write_text(json.dumps(nb))
    (found,) = GEN.boxes(tmp_path)
    assert found["label"] == "ch99-common-mistakes" and found["styled"]
    assert [i["name"] for i in found["items"]] == ["Forgetting the seed.", "Another one."]
    page = GEN.render([found])
    assert "## 99. Test" in page and "* **Forgetting the seed.** Runs differ." in page
    assert "<ch99-common-mistakes>`" in page
