"""The rule "numbers in prose are numbers in the outputs" (CONTRIBUTING.md, "Numbers in prose,
and comparisons").

In every markdown cell of chapters/ and solutions/, a *measured-looking* number must appear,
written the same way (same rounding), in a stored output of the same notebook. What counts:

* a decimal with a fractional part: ``1.04``, ``0.0590``, ``17.41``;
* scientific notation: ``7.64e-05``, or in LaTeX ``$7.64 \\cdot 10^{-5}$`` / ``\\times``
  (matched against ``7.64e-05`` in an output: same mantissa, same exponent);
* a percentage: ``79.6 %``, ``26.6%``, ``$3.7\\%$``;
* an integer with a unit of measurement: ``50,488 tokens/s``, ``826,396 parameters``.

Not counted: bare integers (sizes, epochs, counts), bare powers of ten (``$10^{-16}$``, an order
of magnitude), numbers in code spans, display math (``$$ ... $$``), links and MyST roles, and
inline math that shows a computation from numbers (``$\\log 28 \\approx 3.3$``,
``$2 \\cdot 0.04 = 0.08$``: a digit left of the ``=`` or ``\\approx``), which a reader can check.

Exempt, because they are not measurements of this book:

* a number that also appears in the notebook's *code* (a constant: ``sigma = 0.01``);
* a number in a sentence that cites a source: a ``{cite...}`` role, a web link, "et al." or a
  year in parentheses;
* a number in a sentence that names another chapter ("chapter 5 measured 1.5"): it may be found
  in that chapter's outputs or code instead.

Timings are never quoted in prose: a number with a unit of time or speed (``ms``, ``s``,
``seconds``, ``minutes``, ``tokens/s``) fails even when it matches, unless it is a constant of
the code or cited. Timings change with every run; print them and refer to the output in words.
"""

import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb"))

SPEED_OR_TIME = r"(?:tokens?/s(?:ec)?|tokens per second|chars?/s|characters per second|ms|s|seconds|minutes)"
OTHER_UNITS = r"(?:parameters|MB|GB|KB)"
NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
PROSE_NUMBER = re.compile(
    rf"(?<![\w.^{{_\\-])(?P<num>{NUM})"
    rf"(?:(?P<sci>\s*(?:\\cdot|\\times|×|·)\s*10\^\{{?(?P<exp>[-−]?\d+)\}}?)"
    rf"|e(?P<eexp>[+-]?\d+)"
    rf"|(?P<pct>\s*\\?%)"
    rf"|(?P<unit>\s+(?:{SPEED_OR_TIME}|{OTHER_UNITS})(?![\w/])))?"
    rf"(?![\w.]*\d)"
)
OUTPUT_NUMBER = re.compile(rf"(?<![\w.])(?P<num>{NUM})(?:e(?P<exp>[+-]?\d+))?(?P<pct>\s?%)?")
CODE_NUMBER = re.compile(r"(?<![\w.])(?P<num>\d[\d_]*(?:\.\d+)?)(?:e(?P<exp>[+-]?\d+))?")
CITATION = re.compile(r"\{cite|\]\(https?:|https?://|et al\.|\(\D{0,40}\b(1[89]|20)\d\d[a-z]?\)")
CHAPTER_REF = re.compile(r"\b(?:[Cc]hapter|[Ss]olutions?|[Ee]xercises?)\s+(\d{1,2})\b")


def _key(num, exp=None, pct=False):
    """Normal form of a written number: digits without separators, exponent as an int."""
    num = num.replace(",", "").replace("_", "")
    return (num, int(exp.replace("−", "-")) if exp else None, bool(pct))


def _computed(match):
    """Inline math that shows a computation from numbers, ``$\\log 28 \\approx 3.3$`` or
    ``$2 \\cdot 0.04 = 0.08$``: the result is checkable arithmetic, not a measurement."""
    math = match.group(0)
    parts = re.split(r"\\approx|=|≈", math, maxsplit=1)
    return " " if len(parts) == 2 and re.search(r"\d", parts[0]) else math


def _strip(markdown):
    """Markdown without the parts whose numbers do not count."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    text = re.sub(r"\$\$.*?\$\$", " . ", text, flags=re.S)
    text = re.sub(r"(?<!\$)\$[^$]+\$(?!\$)", _computed, text)
    text = re.sub(r"\{cite[a-z:]*\}`[^`]*`", " {cite} ", text)  # keeps the citation visible
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", " ", text)  # other MyST roles ({numref}`...`)
    text = re.sub(r"`[^`]*`", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    return text


def _sentences(text):
    return re.split(r"(?<=[.!?:;])\s+(?=[A-Z*(\[$_])|\n\s*\n|\n\s*[*-]\s", text)


def prose_numbers(markdown):
    """[(sentence, key, has_time_unit, shown)] for every number that counts in a markdown cell."""
    found = []
    raw = _strip(markdown)
    for sentence in _sentences(raw):
        for m in PROSE_NUMBER.finditer(sentence):
            num, unit = m.group("num"), m.group("unit")
            decimal = "." in num
            exp = m.group("exp") or m.group("eexp")
            if not (decimal or exp or m.group("pct") or unit):
                continue
            if m.group("sci") and num == "10":
                continue  # 10^{k} alone: an order of magnitude
            is_time = bool(unit) and re.fullmatch(rf"\s+{SPEED_OR_TIME}", unit) is not None
            found.append((sentence, _key(num, exp, m.group("pct")), is_time, m.group(0)))
    return found


def _cells(path):
    return json.loads(pathlib.Path(path).read_text())["cells"]


def output_numbers(path):
    keys = set()
    for cell in _cells(path):
        for out in cell.get("outputs", []):
            texts = [out.get("text", "")]
            for mime in ("text/plain", "text/markdown", "text/html"):
                texts.append(out.get("data", {}).get(mime, ""))
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                for m in OUTPUT_NUMBER.finditer(text):
                    keys.add(_key(m.group("num"), m.group("exp"), m.group("pct")))
                    keys.add(_key(m.group("num"), m.group("exp")))
    return keys


def code_numbers(path):
    keys = set()
    for cell in _cells(path):
        if cell["cell_type"] == "code":
            for m in CODE_NUMBER.finditer("".join(cell["source"])):
                keys.add(_key(m.group("num"), m.group("exp")))
    return keys


def _chapter(number):
    hits = sorted((ROOT / "chapters").glob(f"{int(number):02d}_*.ipynb"))
    return hits[0] if hits else None


def problems(path, outputs_of=None):
    """Sentences of a notebook whose numbers break the rule, as readable strings.

    ``outputs_of``: another copy of the notebook whose outputs the prose is held against (a
    fresh run of it, ``python -m rnnlab reproduce``); by default its own stored outputs.
    """
    path = pathlib.Path(path)
    held_against = "output of the fresh run" if outputs_of else "stored output"
    outputs, code = output_numbers(outputs_of or path), code_numbers(path)
    cache = {}
    bad = []
    for cell_index, cell in enumerate(_cells(path)):
        if cell["cell_type"] != "markdown":
            continue
        for sentence, key, is_time, shown in prose_numbers("".join(cell["source"])):
            plain = (key[0], key[1], False)
            if plain in code or CITATION.search(sentence):
                continue
            where = f"{path.parent.name}/{path.name}, markdown cell {cell_index}"
            if is_time:
                bad.append(
                    f"{where}: timing {shown!r} quoted in prose (print it; refer to the "
                    f"output in words): {sentence.strip()[:160]!r}"
                )
                continue
            allowed = outputs
            for ref in CHAPTER_REF.findall(sentence):
                other = _chapter(ref)
                if other is not None:
                    if other not in cache:
                        cache[other] = output_numbers(other) | code_numbers(other)
                    allowed = allowed | cache[other]
            if key not in allowed and not (not key[2] and plain in allowed):
                bad.append(
                    f"{where}: {shown!r} is not in any {held_against} of this notebook: "
                    f"{sentence.strip()[:160]!r}"
                )
    return bad
