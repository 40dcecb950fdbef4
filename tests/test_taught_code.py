"""One source for taught code: what a chapter writes and rnnlab ships must be the same code.

The chapter's cell is read from the notebook JSON (not from a hand-typed copy), parsed, and the
named class or function is compared with the library's source by AST. Docstrings, comments,
type annotations and line breaks may differ (a notebook cell keeps to 88 columns and explains
more); names, statements and expressions may not.
"""

import ast
import inspect
import json
import math
import pathlib
import types

import pytest
import torch

import rnnlab
import rnnlab.data
import rnnlab.layers

ROOT = pathlib.Path(__file__).resolve().parents[1]

# (notebook, cell id, name defined there, the library object that must equal it)
TAUGHT = [
    (
        "chapters/02_language_models.ipynb",
        "iterators-on-page",
        "seq_data_iter_random",
        rnnlab.data.seq_data_iter_random,
    ),
    (
        "chapters/02_language_models.ipynb",
        "iterators-on-page",
        "seq_data_iter_sequential",
        rnnlab.data.seq_data_iter_sequential,
    ),
    ("chapters/06_gru.ipynb", "58fea282", "uniform_parameter", rnnlab.layers.uniform_parameter),
    ("chapters/06_gru.ipynb", "58fea282", "gru_step", rnnlab.layers.gru_step),
    ("chapters/06_gru.ipynb", "58fea282", "GRUScratch", rnnlab.layers.GRUScratch),
    ("chapters/07_lstm.ipynb", "b95ee906", "uniform_parameter", rnnlab.layers.uniform_parameter),
    ("chapters/07_lstm.ipynb", "b95ee906", "lstm_step", rnnlab.layers.lstm_step),
    ("chapters/07_lstm.ipynb", "b95ee906", "LSTMScratch", rnnlab.layers.LSTMScratch),
]


class _Normalise(ast.NodeTransformer):
    """Drop what may differ between a chapter's cell and a module: docstrings, annotations."""

    def _strip_docstring(self, node):
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            if isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
        return node

    def visit_FunctionDef(self, node):
        node.returns = None
        for arg in node.args.args + node.args.kwonlyargs + node.args.posonlyargs:
            arg.annotation = None
        self.generic_visit(node)
        return self._strip_docstring(node)

    def visit_ClassDef(self, node):
        self.generic_visit(node)
        return self._strip_docstring(node)


def definition(source, name):
    """The normalised AST dump of the top-level class or function ``name`` in ``source``."""
    # IPython magics (%pip) are not Python; a taught cell has none, but be safe.
    source = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    for node in ast.parse(source).body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == name:
            return ast.dump(_Normalise().visit(node), include_attributes=False)
    raise LookupError(f"no top-level definition of {name!r}")


def chapter_cell(notebook, cell_id):
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    found = [c for c in cells if c.get("id") == cell_id]
    assert len(found) == 1, f"{notebook}: expected one cell with id {cell_id!r}, found {len(found)}"
    assert found[0]["cell_type"] == "code"
    return "".join(found[0]["source"])


@pytest.mark.parametrize(
    "notebook, cell_id, name, library", TAUGHT, ids=[f"{t[0][9:11]}-{t[2]}" for t in TAUGHT]
)
def test_the_chapter_cell_is_the_library_code(notebook, cell_id, name, library):
    taught = definition(chapter_cell(notebook, cell_id), name)
    shipped = definition(inspect.getsource(inspect.getmodule(library)), library.__name__)
    assert taught == shipped, (
        f"{notebook} (cell {cell_id}) defines {name} differently from "
        f"{library.__module__}.{library.__name__}: change both, then re-execute the chapter"
    )


def test_a_changed_statement_is_caught_and_a_comment_is_not():
    base = "class A:\n    '''Doc.'''\n    def f(self, x: int) -> int:\n        return x + 1\n"
    reworded = (
        "class A:\n    # other words\n    def f(self, x):\n        '''Other doc.'''\n        return x + 1\n"
    )
    changed = "class A:\n    def f(self, x):\n        return x + 2\n"
    assert definition(base, "A") == definition(reworded, "A")
    assert definition(base, "A") != definition(changed, "A")


@pytest.mark.parametrize("ours, twin", [("GRUScratch", "GRU"), ("LSTMScratch", "LSTM")])
def test_the_library_layers_match_their_torch_twins(ours, twin):
    import torch

    torch.manual_seed(0)
    reference = getattr(torch.nn, twin)(5, 7)
    layer = getattr(rnnlab.layers, ours)(5, 7)
    layer.load_state_dict(reference.state_dict())  # same names and shapes
    inputs = torch.randn(4, 3, 5)  # (num_steps, batch_size, input_size)
    out_ref, state_ref = reference(inputs)
    out, state = layer(inputs)
    assert (out - out_ref).abs().max() <= 1e-5
    for a, b in zip(
        state if isinstance(state, tuple) else [state],
        state_ref if isinstance(state_ref, tuple) else [state_ref],
    ):
        assert (a - b).abs().max() <= 1e-5


def _top_level_definitions(notebook):
    """{name: cell id} of the classes and functions a notebook's code cells define."""
    cells = json.loads((ROOT / notebook).read_text(encoding="utf-8"))["cells"]
    found = {}
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        # an IPython magic (%pip in the install cell) becomes `pass`, keeping its indentation
        lines = "".join(cell["source"]).splitlines()
        source = "\n".join(
            line[: len(line) - len(line.lstrip())] + "pass" if line.lstrip().startswith(("%", "!")) else line
            for line in lines
        )
        for node in ast.parse(source).body:
            if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
                found[node.name] = cell.get("id")
    return found


def test_later_chapters_import_the_layers_instead_of_pasting_them():
    """A chapter that reuses chapter 6's or 7's layer imports it from rnnlab.layers.

    Only the chapter that teaches a definition (listed in TAUGHT, where the test above keeps it
    equal to the library) may write it out; a pasted copy elsewhere would drift unchecked.
    """
    shipped = {
        name
        for name, obj in vars(rnnlab.layers).items()
        if inspect.isfunction(obj) or inspect.isclass(obj)
        if getattr(obj, "__module__", None) == rnnlab.layers.__name__
    }
    taught = {(notebook, name) for notebook, _, name, _ in TAUGHT}
    pasted = [
        f"{path.relative_to(ROOT)}: {name} (cell {cell_id})"
        for path in sorted((ROOT / "chapters").glob("*.ipynb"))
        for name, cell_id in _top_level_definitions(path.relative_to(ROOT)).items()
        if name in shipped and (str(path.relative_to(ROOT)), name) not in taught
    ]
    assert shipped >= {"GRUScratch", "LSTMScratch", "gru_step", "lstm_step"}
    assert not pasted, f"import these from rnnlab.layers instead: {pasted}"


# Chapter 2's cell that derives the uniform, unigram and bigram baselines.
BASELINES_CELL = ("chapters/02_language_models.ipynb", "520aad3a")


def _run_baselines_cell(ids, vocab_size):
    """Chapter 2's baselines cell, run on ``ids`` instead of the Time Machine's characters."""
    fake = types.SimpleNamespace(load_corpus_time_machine=lambda max_tokens: (list(ids), [None] * vocab_size))
    namespace = {"math": math, "torch": torch, "rnnlab": fake}
    exec(compile(chapter_cell(*BASELINES_CELL), "chapter 2, baselines cell", "exec"), namespace)
    return namespace["baselines"]


@pytest.mark.parametrize("seed", [0, 1])
def test_chapter_2_unigram_equals_the_library_on_the_same_ids(seed):
    """The unigram perplexity chapter 2 derives is rnnlab.unigram_perplexity on its training text."""
    generator = torch.Generator().manual_seed(seed)
    vocab_size = 28
    # skewed like letters, and a few ids of the vocabulary never drawn (their count is 0)
    weights = 1.0 / torch.arange(1, vocab_size + 1) ** 1.2
    weights[-3:] = 0
    ids = torch.multinomial(weights, 5000, replacement=True, generator=generator)
    chapter = _run_baselines_cell(ids, vocab_size)["unigram"]
    library = rnnlab.unigram_perplexity(ids)
    assert chapter == pytest.approx(library, rel=1e-9), (chapter, library)
    # and not a formula that would agree with anything: a different text scores differently
    assert rnnlab.unigram_perplexity(ids[ids > 0]) != pytest.approx(chapter, rel=1e-3)


def test_chapter_2_unigram_equals_the_library_on_the_book_text():
    corpus, vocab = rnnlab.load_corpus_time_machine(max_tokens=10000)
    chapter = _run_baselines_cell(corpus, len(vocab))["unigram"]
    assert chapter == pytest.approx(rnnlab.unigram_perplexity(corpus), rel=1e-9)
