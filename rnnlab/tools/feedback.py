"""What a student gets back: Markdown and HTML feedback, and Gradescope's ``results.json``.

Exercises are named by their titles in the notebook ("Exercise 2. How far back does the gradient
reach?"), never by cell ids. The HTML shows the student's own cells in order, with each check's
verdict right under the check cell; everything a submission wrote is escaped. ``results.json``
follows the format of Gradescope's autograder specification (gradescope-autograders.readthedocs.io,
"Autograder Specifications": ``score``, ``execution_time``, ``output``, ``tests`` with ``name``,
``score``, ``max_score``, ``status``, ``output``, ``visibility``), so the book's checks can report
to Gradescope.
"""

import html

from .scoring import total


def _check_names(record, ref):
    numbers, names = {}, []
    for c in record["checks"]:
        numbers[c["exercise"]] = numbers.get(c["exercise"], 0) + 1
        title = ref.title(c["exercise"]) if ref else c["exercise"]
        names.append(f"{title}, check {numbers[c['exercise']]}")
    return names


def _earned(c):
    return c["points"] if c["status"] == "passed" else 0


def markdown(r, ref=None, scores=None):
    t = total(r, ref, scores or {})
    lines = [
        f"# Feedback: {r['student']}, {r['set']}",
        "",
        f"**Checks: {t['auto']:g} of {r['max_points']:g} points.** Written answers: "
        + (f"{t['written']:g} of {t['written_max']:g}" if not t["pending"] else "being graded by hand")
        + f". Status: {r['status']}.",
        "",
    ]
    for name, c in zip(_check_names(r, ref), r["checks"]):
        lines += [f"## {name}: {c['status']} ({_earned(c):g}/{c['points']:g})", ""]
        if c.get("message"):
            lines += ["```", c["message"].strip().replace("```", "'''"), "```", ""]
    for a in r["answers"]:
        title = ref.title(a["exercise"]) if ref else a["exercise"]
        lines += [f"- {title}, written answer: {'answered' if a['answered'] else 'unchanged'}"]
    if r.get("errors"):
        lines += ["", "## Other cells that raised an error", ""]
        lines += [
            f"- cell {n + 1}: {(msg.splitlines()[0] if msg else '').replace('`', chr(39))}"
            for n, msg in r["errors"][:10]
        ]
    return "\n".join(lines) + "\n"


STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:auto}pre{background:#f6f6f6;padding:.5em;"
    "white-space:pre-wrap}.passed{border-left:4px solid #2a2}.failed,.not-run{border-left:4px solid #c22}"
    ".not-attempted{border-left:4px solid #aaa}.verdict{padding:.3em .6em;margin:.3em 0 1em}"
)


def page(r, nb, ref):
    """An HTML page: the submission's cells, each check's verdict under its cell."""
    esc = html.escape
    t = total(r, ref, {})
    out = [
        f"<!doctype html><meta charset='utf-8'><title>{esc(r['student'])}: {esc(r['set'])}</title>",
        f"<style>{STYLE}</style><h1>{esc(r['set'])}: feedback for {esc(r['student'])}</h1>",
        f"<p><b>Checks: {t['auto']:g} of {r['max_points']:g} points.</b> Written answers are graded by "
        f"hand ({t['written_max']:g} point{'' if t['written_max'] == 1 else 's'}). "
        f"Status: {esc(r['status'])}.</p>",
    ]
    verdicts = dict(zip((c["id"] for c in r["checks"]), zip(_check_names(r, ref), r["checks"])))
    titles = set(ref.titles) if ref else set()
    for cell in nb.cells if nb is not None else []:
        source = cell.get("source", "")
        if cell.get("cell_type") == "markdown" and source.lstrip().startswith("#"):
            heading = source.strip().splitlines()[0].lstrip("#").strip()
            level = "h2" if any(heading.startswith(t_) for t_ in titles) else "h3"
            out.append(f"<{level}>{esc(heading)}</{level}>")
            source = "\n".join(source.strip().splitlines()[1:])
        if source.strip():
            out.append(f"<pre>{esc(source)}</pre>")
        if cell.get("id") in verdicts:
            name, c = verdicts.pop(cell.get("id"))
            out.append(
                f"<div class='verdict {c['status'].replace(' ', '-')}'><b>{esc(name)}: {esc(c['status'])} "
                f"({_earned(c):g}/{c['points']:g})</b><pre>{esc(c.get('message', ''))}</pre></div>"
            )
    for name, c in verdicts.values():  # checks whose cell is not in the notebook
        out.append(f"<div class='verdict not-run'><b>{esc(name)}: {esc(c['status'])}</b></div>")
    return "\n".join(out) + "\n"


def gradescope(r, ref, scores):
    """Gradescope's results.json for one submission (checks, then written answers)."""
    tests = [
        dict(
            name=name,
            score=_earned(c),
            max_score=c["points"],
            status="passed" if c["status"] == "passed" else "failed",
            output=f"{c['status']}: {c.get('message', '')}".strip(),
            visibility="visible",
        )
        for name, c in zip(_check_names(r, ref), r["checks"])
    ]
    for a in r["answers"]:
        score = scores.get((r["student"], r["set"], a["id"]))
        title = ref.title(a["exercise"]) if ref else a["exercise"]
        tests.append(
            dict(
                name=f"{title}, written answer",
                score=score if score is not None else 0,
                max_score=a["points"],
                output="graded by hand" if score is not None else "not graded yet",
                visibility="visible",
            )
        )
    t = total(r, ref, scores)
    return dict(
        score=t["total"],
        execution_time=round(r["seconds"]),
        output=f"{r['set']}: {r['status']}",
        tests=tests,
    )
