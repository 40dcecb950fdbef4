"""Written answers graded by hand, and the total of each submission.

``answers/SET__EXERCISE.md`` lists every counted submission's written answer to one exercise::

    ## alice · cell e1-ch05-a1 · 2 points
    score: 1.5
    > the student's text, every line quoted

The instructor fills in the ``score:`` lines (or gives a CSV ``student,set,cell,score`` with
``--scores``; ``OUT/scores.csv`` is read when present). Only unquoted lines are read back, and the
grader writes every line of a student's text behind ``> ``, so nothing a student writes can add an
entry or a score. Scores already entered are kept when the file is rewritten. An unanswered prompt
scores 0 without anyone grading it.

The total of a submission = check points + written scores, less the late penalty (a fraction of
it, ``--late-penalty``) when the submission is late; its maximum = check points + written points.
A total stays ``pending`` while an answered written answer has no score.
"""

import csv
import pathlib
import re

from .submissions import IdentityError, safe_name

ENTRY = re.compile(r"^## (?P<student>[A-Za-z0-9._-]+) · cell (?P<cell>\S+) · ")
SCORE = re.compile(r"^score:(?P<value>.*)$")


def answers_path(out, set_name, exercise):
    return pathlib.Path(out) / "answers" / f"{safe_name(set_name)}__{safe_name(exercise)}.md"


def quote(text):
    """Every line of ``text`` behind '> ' (str.splitlines, the reader's own line rule)."""
    return "\n".join("> " + line for line in (text.splitlines() or [""]))


def read_answer_scores(path):
    """{(student, cell): score text} from one answers file; only unquoted lines count."""
    scores, current = {}, None
    if not path.exists():
        return scores
    for line in path.read_text(encoding="utf-8").splitlines():
        entry = ENTRY.match(line)
        if entry:
            current = (entry.group("student"), entry.group("cell"))
            continue
        score = SCORE.match(line)
        if score and current is not None:
            scores[current] = score.group("value").strip()
            current = None
    return scores


def read_scores_csv(path):
    """{(student, set, cell): score text} from a CSV with columns student, set, cell, score."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        missing = {"student", "set", "cell", "score"} - set(reader.fieldnames or [])
        if missing:
            raise IdentityError(
                f"{path}: expected columns student, set, cell, score; missing {sorted(missing)}"
            )
        return {
            (r["student"].strip(), r["set"].strip(), r["cell"].strip()): r["score"].strip() for r in reader
        }


def collect(out, records, references, scores_csv=None):
    """{(student, set, cell): float} of every score entered; raise IdentityError listing entries
    that are not numbers, out of range, or name no counted written answer."""
    answers = {
        (r["student"], r["set"], a["id"]): a
        for r in records
        if r.get("counts", True) and r["set"] in references
        for a in r["answers"]
    }
    entered, problems = {}, []
    for s, exercise in {(k[1], a["exercise"]) for k, a in answers.items()}:
        for (student, cell), value in read_answer_scores(answers_path(out, s, exercise)).items():
            if value:
                entered[(student, s, cell)] = (value, f"answers/{answers_path(out, s, exercise).name}")
    csv_path = pathlib.Path(scores_csv) if scores_csv else pathlib.Path(out) / "scores.csv"
    if csv_path.exists():
        for key, value in read_scores_csv(csv_path).items():
            if not value:
                continue
            before = entered.get(key)
            if before and before[0] != value:
                problems.append(f"{key}: {before[1]} says {before[0]}, {csv_path.name} says {value}")
            entered[key] = (value, csv_path.name)
    scores = {}
    for key, (value, where) in entered.items():
        answer = answers.get(key)
        if answer is None:
            problems.append(f"{where}: {key} is not a written answer of a counted submission")
            continue
        try:
            number = float(value)
        except ValueError:
            problems.append(f"{where}: {key}: expected a number, got {value!r}")
            continue
        if not 0 <= number <= answer["points"]:
            problems.append(f"{where}: {key}: expected 0 to {answer['points']:g} points, got {value}")
            continue
        scores[key] = number
    if problems:
        raise IdentityError("hand scores that cannot be used:\n  " + "\n  ".join(problems))
    return scores


def total(record, reference, scores, late_penalty=0.0):
    """dict(auto, written, written_max, pending, penalty, total, total_max) of one record."""
    written, pending = 0.0, 0
    for a in record["answers"]:
        score = scores.get((record["student"], record["set"], a["id"]))
        if score is not None:
            written += score
        elif a["answered"]:
            pending += 1
    raw = record["points"] + written
    penalty = raw * late_penalty if record.get("late") else 0.0
    maximum = record["max_points"] + (reference.written_points() if reference else 0.0)
    return dict(
        auto=record["points"],
        written=written,
        written_max=maximum - record["max_points"],
        pending=pending,
        penalty=penalty,
        total=raw - penalty,
        total_max=maximum,
    )


def write_answers(out, records, references, scores):
    """Rewrite answers/: one file per (set, exercise), the scores entered so far kept."""
    texts = {}
    for r in sorted(records, key=lambda r: r["student"]):
        if not r.get("counts", True):
            continue
        for a in r["answers"]:
            score = scores.get((r["student"], r["set"], a["id"]))
            body = quote(a["text"].strip()) if a["answered"] else "(unchanged: not answered; scores 0)"
            points = f"{a['points']:g} point{'s' if a['points'] != 1 else ''}"
            texts.setdefault((r["set"], a["exercise"]), []).append(
                f"## {r['student']} · cell {a['id']} · {points}\n"
                f"score: {'' if score is None else f'{score:g}'}\n\n{body}\n"
            )
    written = []
    for (s, e), parts in sorted(texts.items()):
        title = references[s].title(e) if s in references else e
        head = (
            f"# Written answers: {s}, {title}\n\n"
            "Write each score after `score:` (0 to the points of the entry), then run "
            "`python -m rnnlab grade tables OUT` to bring them into the tables. Students' text is "
            "quoted (`> `); only unquoted lines are read.\n\n"
        )
        written.append((answers_path(out, s, e), head + "\n".join(parts)))
    return written
