"""List every sentence of the book that compares measured results, and how it is kept true.

``python -m rnnlab comparisons`` reads the markdown of every chapter and solution notebook and
prints each *comparative sentence about a run* (lower, higher, faster, slower, better, worse,
N times, the same, a ranking, "clearly", "beats" ... next to a measurement) with its status:

* GENERATED: the sentence is in an output that code built from the numbers (a Markdown output
  of a code cell, ``display(Markdown(f"..."))``), so it cannot disagree with them;
* TESTED: a registered claim (``rnnlab/tools/claims_*.py``) matches the sentence, and
  ``tests/test_comparisons.py`` checks that claim against the notebook's stored outputs;
* NEITHER: anything else. The rule of CONTRIBUTING.md ("Numbers in prose, and comparisons")
  is that there are none; ``--check`` exits 1 when there are.

The detector is deliberately wide (a comparative word in a sentence that also names a measured
quantity); a sentence that compares nothing measured is reworded or registered, which is cheap.
"""

import json
import pathlib
import re
import sys
from dataclasses import dataclass

NOTEBOOK_DIRS = ("chapters", "solutions")

# A comparative word or phrase (why each: the review's list of misleading patterns).
COMPARATIVE = re.compile(
    r"\b(?:lower|higher|faster|slower|better|worse|beats?|beaten|outperform\w*|clearly"
    r"|twice|half as|\d+(?:\.\d+)?\s*(?:times|×)|(?:two|three|four|five|six|seven|eight|nine|ten)"
    r" times|(?:the )?same (?:perplexity|perplexities|accuracy|loss|speed|value)s?|at two decimals"
    r"|rank(?:s|ing|ed)?|wins?|won|best(?! (?:epoch|validation|rate|of|held-out epoch))|worst|fastest|slowest"
    r"|ties?|tied|level with|half the time"
    r"|(?:much|far) (?:more|less) than|(?:more|less|fewer|smaller|larger) than (?=\$?\d))\b(?!-)",
    re.I,
)
# Something measured in the same sentence: a decimal, a percentage, or a measured quantity.
MEASURED = re.compile(
    r"\d+\.\d+|\d\s*\\?%|\b(?:perplexit\w*|accuracy|accuracies|loss(?:es)?|error|speeds?"
    r"|tokens/s|tokens per second|seconds|ms|µs|time per|run time|faster|slower|norms?"
    r"|held-out|validation|training text|test set|the time of)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    notebook: str  # path relative to the book's root
    cell: int  # 0-based index in the notebook's cells
    text: str
    generated: bool  # found in a Markdown output of a code cell

    def where(self):
        kind = "output of cell" if self.generated else "markdown cell"
        return f"{self.notebook}, {kind} {self.cell}"


def strip_markdown(markdown):
    """Prose without code blocks, HTML comments, display math, code spans and link targets."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " . ", text, flags=re.S)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)  # MyST roles ({cite}`...`)
    text = re.sub(r"`[^`]*`", " `code` ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"^#+ .*$|### (?:BEGIN|END) SOLUTION", " ", text, flags=re.M)
    return text


def sentences(markdown):
    """The sentences of a markdown text, whitespace collapsed."""
    text = strip_markdown(markdown)
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*(\[$_])|\n\s*\n|\n\s*(?:[*-]|\d+\.)\s|\n\|", text)
    return [" ".join(p.split()) for p in parts if p and p.strip()]


def is_comparative(sentence):
    """A comparative word next to a measurement, in a statement (a question asserts nothing)."""
    if sentence.rstrip("*_ ").endswith("?"):
        return False
    return bool(COMPARATIVE.search(sentence)) and bool(MEASURED.search(sentence))


def _markdown_outputs(cell):
    for out in cell.get("outputs", []):
        value = out.get("data", {}).get("text/markdown")
        if value:
            yield "".join(value) if isinstance(value, list) else value


def comparative_sentences(path, root):
    """Every comparative sentence of one notebook, from its markdown cells and Markdown outputs."""
    cells = json.loads(pathlib.Path(path).read_text())["cells"]
    rel = str(pathlib.Path(path).resolve().relative_to(pathlib.Path(root).resolve()))
    found = []
    for index, cell in enumerate(cells):
        if cell["cell_type"] == "markdown":
            texts, generated = ["".join(cell["source"])], False
        elif cell["cell_type"] == "code":
            texts, generated = list(_markdown_outputs(cell)), True
        else:
            continue
        for text in texts:
            found += [Sentence(rel, index, s, generated) for s in sentences(text) if is_comparative(s)]
    return found


def notebooks(root):
    root = pathlib.Path(root)
    return [p for d in NOTEBOOK_DIRS for p in sorted((root / d).glob("*.ipynb"))]


def matching_claims(sentence, claims):
    """The registered claims whose notebook and key phrase match ``sentence``."""
    text = sentence.text.lower()
    return [c for c in claims if c.notebook == sentence.notebook and " ".join(c.key.split()).lower() in text]


def classify(root, claims, pending=()):
    """[(sentence, status, matched)] for the whole book; status GENERATED, TESTED or NEITHER.

    ``matched`` lists the claims that test the sentence, or for a NEITHER sentence the
    ``pending`` entries (known debts, each with its owner) that name it.
    """
    rows = []
    for path in notebooks(root):
        for s in comparative_sentences(path, root):
            if s.generated:
                rows.append((s, "GENERATED", []))
                continue
            matched = matching_claims(s, claims)
            rows.append((s, "TESTED", matched) if matched else (s, "NEITHER", matching_claims(s, pending)))
    return rows


def unused_claims(root, claims):
    """Registered claims (or pending entries) whose key is in no markdown sentence any more.

    A claim may also test a sentence the detector does not flag ("did not close the gap"):
    it only has to exist.
    """
    texts = {}
    for path in notebooks(root):
        cells = json.loads(path.read_text())["cells"]
        rel = str(path.resolve().relative_to(pathlib.Path(root).resolve()))
        prose = " ".join(
            s for c in cells if c["cell_type"] == "markdown" for s in sentences("".join(c["source"]))
        )
        texts[rel] = prose.lower()
    return [c for c in claims if " ".join(c.key.split()).lower() not in texts.get(c.notebook, "")]


def main(argv=None):
    import argparse

    from .comparison_registry import CLAIMS, PENDING

    parser = argparse.ArgumentParser(prog="python -m rnnlab comparisons", description=__doc__)
    parser.add_argument("--root", default=".", help="the book's root folder (default: here)")
    parser.add_argument("--check", action="store_true", help="exit 1 if any sentence is NEITHER")
    parser.add_argument("--neither", action="store_true", help="list only the NEITHER sentences")
    args = parser.parse_args(argv)
    rows = classify(args.root, CLAIMS, PENDING)
    for sentence, status, matched in rows:
        if status == "NEITHER" or not args.neither:
            note = f" [pending, owner: {matched[0].owner}]" if status == "NEITHER" and matched else ""
            print(f"{status:9} {sentence.where()}{note}: {sentence.text}")
    counts = {k: sum(status == k for _, status, _ in rows) for k in ("GENERATED", "TESTED", "NEITHER")}
    pending = sum(1 for _, status, matched in rows if status == "NEITHER" and matched)
    print(", ".join(f"{v} {k.lower()}" for k, v in counts.items()) + f" (of which {pending} pending)")
    stale = unused_claims(args.root, CLAIMS) + unused_claims(args.root, PENDING)
    for claim in stale:
        print(f"UNUSED entry {claim.notebook}: {claim.key!r} matches no sentence (reworded?)")
    if args.check and (counts["NEITHER"] - pending or stale):
        sys.exit(
            "comparative sentences must be generated from the outputs or tested against them "
            "(CONTRIBUTING.md, 'Numbers in prose, and comparisons')"
        )
