"""Flag submissions whose answers equal the published model answers or another student's.

The model solutions are public (they are in the book's repository), so a copy of them would
get full marks. Each cell a student fills in (code and written answers) is reduced to a
fingerprint that ignores comments, whitespace and the names chosen for variables (code) or case
and punctuation (text). A submission is flagged when at least half of its substantial cells
(code of at least ``MIN_TOKENS`` tokens, text of at least ``MIN_CHARS`` characters) equal the
model's, or another student's. A flag asks the instructor to look; it changes no points.
"""

import builtins
import hashlib
import io
import keyword
import re
import tokenize
from functools import lru_cache

import nbformat

MIN_TOKENS = 25
MIN_CHARS = 60
MARKER = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*$", re.M)
KEEP = set(dir(builtins)) | {"self"}


def normal_code(source):
    """Tokens of ``source`` without comments and layout, local names numbered by first use."""
    names, tokens = {}, []
    lines = "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!")))
    try:
        stream = list(tokenize.generate_tokens(io.StringIO(lines).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return " ".join(source.split()).split(" ")
    previous = ""
    for tok in stream:
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
            continue
        text = tok.string
        if tok.type == tokenize.NAME and not keyword.iskeyword(text) and text not in KEEP and previous != ".":
            text = names.setdefault(text, f"v{len(names)}")
        if tok.type != tokenize.ENDMARKER:
            tokens.append(text)
        previous = tok.string
    return tokens


def normal_text(source):
    return " ".join(re.sub(r"[^\w]+", " ", source.lower()).split())


def fingerprint(cell_type, source, stub=""):
    """(fingerprint, substantial) of one cell; a written answer without the lines of its prompt."""
    if cell_type != "code":
        given = {line.strip() for line in stub.splitlines() if line.strip()}
        source = "\n".join(line for line in source.splitlines() if line.strip() not in given)
    if cell_type == "code":
        tokens = normal_code(source)
        text, big = " ".join(tokens), len(tokens) >= MIN_TOKENS
    else:
        text = normal_text(source)
        big = len(text) >= MIN_CHARS
    return hashlib.sha256(text.encode()).hexdigest()[:16], big


def fingerprints(nb, ref):
    """{cell id: fingerprint} of the substantial cells a student filled in (changed from the stub)."""
    stubs = _reference_prints(ref)[1]
    texts = {c.get("id"): c.source for c in ref.exercise_nb.cells}
    cells = {c.get("id"): c for c in nb.cells}
    out = {}
    for cid in ref.solution_cells:
        cell = cells.get(cid)
        if cell is None:
            continue
        fp, big = fingerprint(cell.cell_type, cell.source, texts.get(cid, ""))
        if big and fp != stubs.get(cid):
            out[cid] = fp
    return out


def model_prints(ref):
    return _reference_prints(ref)[0]


@lru_cache(maxsize=64)
def _prints_of(solution_path, stub_cells):
    solution = nbformat.read(solution_path, as_version=4)
    stubs = {cid: text for cid, _, text in stub_cells}
    return {
        c.id: fingerprint(c.cell_type, MARKER.sub("", c.source), stubs[c.id])[0]
        for c in solution.cells
        if c.id in stubs
    }


def _reference_prints(ref):
    ids = set(ref.solution_cells)
    cells = tuple((c.id, c.cell_type, c.source) for c in ref.exercise_nb.cells if c.get("id") in ids)
    stubs = {cid: fingerprint(kind, text, text if kind != "code" else "")[0] for cid, kind, text in cells}
    return _prints_of(str(ref.solution_path), cells), stubs


def flags(records, references):
    """{(student, set): 'model answers 3/4; bob 4/4'} for the counted records worth a look."""
    by_set, out = {}, {}
    for r in records:
        if r.get("counts", True) and r.get("fingerprints"):
            by_set.setdefault(r["set"], []).append(r)
    for s, group in by_set.items():
        model = model_prints(references[s]) if s in references else {}
        holders = {}  # (cell, fingerprint) -> students: one pass, not every pair of students
        for r in group:
            for cell in r["fingerprints"].items():
                holders.setdefault(cell, []).append(r["student"])
        for r in group:
            prints, notes = r["fingerprints"], []
            need = max(1, (len(prints) + 1) // 2)
            same = sum(model.get(cid) == fp for cid, fp in prints.items())
            if same >= need:
                notes.append(f"model answers {same}/{len(prints)}")
            shared = {}
            for cell in prints.items():
                for other in holders[cell]:
                    if other != r["student"]:
                        shared[other] = shared.get(other, 0) + 1
            notes += [f"{o} {n}/{len(prints)}" for o, n in sorted(shared.items()) if n >= need]
            if notes:
                out[(r["student"], s)] = "; ".join(notes)
    return out
