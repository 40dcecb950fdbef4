"""The book's diagrams: drawn by figures/draw.py, stored in rnnlab/diagrams, shown by chapters 0-10 and 12.

A diagram cell is a code cell `diagram("NN-name")` (rnnlab.diagrams) whose stored output is an
<img> with the SVG as a data: URI, so that JupyterLab, Colab (opened from GitHub, where relative
image links do not resolve) and the website all show it from the notebook alone. The website's
side (numbered caption, alt text, the image decoding in light and dark mode) is checked in a
browser by tests/test_website.py::test_diagrams_on_the_site.
"""

import base64
import html
import importlib.util
import json
import pathlib
import re

import matplotlib
import nbformat
import pytest

from rnnlab.diagrams import Diagram, names

ROOT = pathlib.Path(__file__).resolve().parents[1]
DIAGRAMS = ROOT / "rnnlab" / "diagrams"
INDEX = json.loads((DIAGRAMS / "index.json").read_text(encoding="utf-8"))
CHAPTERS = [
    ROOT / "chapters" / f"{stem}.ipynb"
    for stem in (
        "00_getting_started",
        "01_sequence_models",
        "02_language_models",
        "03_rnn_scratch",
        "04_rnn_concise",
        "05_bptt",
        "06_gru",
        "07_lstm",
        "08_deep_rnn",
        "09_bidirectional_rnn",
        "10_rnn_practice",
        "12_seq2seq",
    )
]
CALL = re.compile(r'^diagram\("([^"]+)"\)\s*$', re.M)
# A chapter whose code cells stay as they are may show a diagram from a markdown cell instead:
# an image of the SVG beside the notebook, its alt text, and its caption in italics under it.
# (Colab, which opens a notebook without the files beside it, shows the alt text there.)
IMAGE = re.compile(r"!\[([^\]]*)\]\(\.\./rnnlab/diagrams/([\w-]+)\.svg\)")
# Architecture diagrams come before the equations they illustrate, after one sentence of intuition.
BEFORE_EQUATIONS = ["03-unrolled", "05-bptt", "06-gru", "07-lstm", "08-stacked", "09-bidirectional"]


def load_draw():
    spec = importlib.util.spec_from_file_location("figures_draw", ROOT / "figures" / "draw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def diagram_cells(path):
    """(index, cell, name) for every diagram cell of a notebook."""
    cells = nbformat.read(path, as_version=4).cells
    return [
        (i, c, m.group(1))
        for i, c in enumerate(cells)
        if c.cell_type == "code" and (m := CALL.search(c.source))
    ]


@pytest.fixture(scope="module")
def drawn():
    if matplotlib.__version__ != INDEX["matplotlib"]:
        pytest.skip(
            f"the diagrams were drawn with matplotlib {INDEX['matplotlib']}, this is "
            f"{matplotlib.__version__}: text layout may differ by a pixel, so the "
            "byte-for-byte comparison only runs under the recorded version"
        )
    return load_draw().render()


@pytest.mark.xdist_group("diagrams-drawn")  # one worker draws them
def test_stored_diagrams_are_what_the_code_draws_now(drawn):
    stale = load_draw().stale(drawn)
    assert not stale, (
        f"stale diagrams {stale}: the drawing code in figures/ changed; run "
        "`make figures` (python figures/draw.py) and commit rnnlab/diagrams"
    )


@pytest.mark.xdist_group("diagrams-drawn")  # one worker draws them
def test_a_changed_drawing_is_detected(drawn, tmp_path, monkeypatch):
    """The staleness check can fail: one changed byte, one missing and one orphaned file."""
    draw = load_draw()
    for name, data in drawn.items():
        (tmp_path / name).write_bytes(data)
    monkeypatch.setattr(draw, "OUT", tmp_path)
    assert draw.stale(drawn) == []
    first = sorted(n for n in drawn if n.endswith(".svg"))[0]
    (tmp_path / first).write_bytes(drawn[first].replace(b"#ffffff", b"#fffffe", 1))
    (tmp_path / "index.json").unlink()
    (tmp_path / "99-orphan.svg").write_bytes(b"<svg/>")
    assert sorted(draw.stale(drawn)) == sorted([first, "index.json", "99-orphan.svg"])


def test_every_diagram_has_an_svg_alt_text_and_caption():
    assert len(names()) >= 10
    for name in names():
        svg = (DIAGRAMS / f"{name}.svg").read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<?xml") and "<svg" in svg, f"{name}.svg is not an SVG"
        # An opaque white background: dark ink stays readable on a dark page or notebook theme.
        assert re.search(r'<g id="patch_1">\s*<path d="M 0 [^"]*"\s+style="fill: #ffffff"', svg), (
            f"{name}.svg has no opaque white background"
        )
        entry = INDEX["diagrams"][name]
        assert len(entry["alt"].split()) >= 25, f"{name}: the alt text should say what it shows"
        assert entry["caption"].strip() and (ROOT / "chapters" / f"{entry['chapter']}.ipynb").exists()
    assert sorted(p.stem for p in DIAGRAMS.glob("*.svg")) == sorted(names())


def markdown_diagrams(path):
    """(cell, name, alt) for every diagram a markdown cell shows as an image."""
    cells = nbformat.read(path, as_version=4).cells
    return [
        (c, m.group(2), m.group(1))
        for c in cells
        if c.cell_type == "markdown"
        for m in IMAGE.finditer(c.source)
    ]


def test_every_chapter_shows_its_diagrams():
    shown = {}
    for path in CHAPTERS:
        found = [name for _, _, name in diagram_cells(path)] + [n for _, n, _ in markdown_diagrams(path)]
        assert found, f"{path.name} shows no diagram"
        for name in found:
            assert INDEX["diagrams"][name]["chapter"] == path.stem, f"{name} shown in {path.name}"
            shown[name] = path.stem
    assert sorted(shown) == sorted(names()), "a diagram is drawn but no chapter shows it"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_diagram_cells_embed_the_current_figure(path):
    """The stored output is the current SVG, byte for byte, with the alt text and caption of
    index.json, and myst-nb metadata for a numbered figure on the website."""
    for _, cell, name in diagram_cells(path):
        where = f"{path.name}, diagram {name}"
        current = Diagram(name)
        htmls = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        assert len(htmls) == 1, f"{where}: expected one stored HTML output, found {len(htmls)}"
        stored = htmls[0]
        found = re.search(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', stored)
        assert found, f"{where}: the output is not an <img> with an SVG data: URI"
        assert base64.b64decode(found.group(1)) == current.svg, (
            f"{where}: the stored image is not the current rnnlab/diagrams/{name}.svg; refresh "
            "the cell's output (run it, or re-execute the chapter)"
        )
        assert stored == current._repr_html_(), f"{where}: stored output differs from diagram()"
        alt = re.search(r'alt="([^"]*)"', stored)
        assert alt and html.unescape(alt.group(1)) == current.alt, f"{where}: alt text"
        meta = cell.metadata.get("mystnb", {})
        assert meta.get("image", {}).get("alt") == current.alt, f"{where}: mystnb image.alt"
        figure = meta.get("figure", {})
        assert figure.get("caption") == current.caption, f"{where}: mystnb figure.caption"
        assert figure.get("name", "").startswith(f"fig-ch{path.stem[:2]}-"), f"{where}: name"
        assert "remove-input" in cell.metadata.get("tags", []), f"{where}: show only the figure"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_markdown_diagrams_carry_alt_text_and_caption(path):
    for cell, name, alt in markdown_diagrams(path):
        assert name in INDEX["diagrams"], f"{path.name}: no diagram {name}"
        assert alt == INDEX["diagrams"][name]["alt"], f"{path.name}, {name}: alt text differs from index.json"
        caption = f"*{INDEX['diagrams'][name]['caption']}*"
        assert caption in cell.source, f"{path.name}, {name}: the caption of index.json should follow"


@pytest.mark.parametrize("name", BEFORE_EQUATIONS)
def test_architecture_diagrams_come_before_their_equations(name):
    path = ROOT / "chapters" / f"{INDEX['diagrams'][name]['chapter']}.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    ((i, _, _),) = [d for d in diagram_cells(path) if d[2] == name]
    before, after = cells[i - 1], cells[i + 1]
    assert before.cell_type == "markdown" and before.source.strip(), (
        f"{name}: a sentence of intuition should come right before the diagram"
    )
    assert after.cell_type == "markdown" and "$$" in after.source, (
        f"{name}: the equations it illustrates should follow the diagram"
    )
    earlier = "".join(c.source for c in cells[:i] if c.cell_type == "markdown")
    section = earlier[earlier.rfind("\n#") :] if "\n#" in earlier else earlier
    assert "$$" not in section, f"{name}: its section shows equations before the diagram"


def test_the_package_ships_the_diagrams():
    """Colab installs rnnlab from the repository: the SVGs must be package data."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'packages = \[[^\]]*"rnnlab\.diagrams"', pyproject)
    assert re.search(r'"rnnlab\.diagrams" = \[[^\]]*"\*\.svg"[^\]]*"index\.json"', pyproject)


def test_unknown_diagram_names_say_what_exists():
    with pytest.raises(KeyError, match="03-unrolled"):
        Diagram("03-unroled")


def test_phone_width_diagrams_are_marked_narrow():
    """The column-of-panels diagrams (figures/steps.py) may shrink with the page; the site's
    CSS keeps every other diagram at a legible minimum width (_static/rnnlab.css)."""
    assert Diagram("06-gru-steps").narrow and Diagram("07-lstm-steps").narrow
    assert "rnnlab-diagram-narrow" in Diagram("06-gru-steps")._repr_html_()
    assert not Diagram("06-gru").narrow and "narrow" not in Diagram("06-gru")._repr_html_()
