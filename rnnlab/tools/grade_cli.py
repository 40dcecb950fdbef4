"""``python -m rnnlab grade``: the command line of the grader.

``grade SUBMISSIONS --out OUT``  grade a folder of submissions;
``grade merge OUT1 OUT2 ... --out ALL``  join shards;
``grade tables OUT``  rewrite OUT's tables after entering hand scores (answers/ or scores.csv);
``grade collect DOWNLOAD --course C --assignment A``  an LMS download into nbgrader's submitted/;
``grade bench`` / ``grade versus``  throughput (``bench/grade.py``, ``bench/versus.py``).

Settings that shape the tables (``--scores``, ``--late-penalty``, ``--canvas-export``,
``--canvas-column``, ``--roster``) are remembered in ``OUT/settings.json``, so a later
``grade tables OUT`` or a resumed run uses them without repeating them.
"""

import json
import os
import pathlib
import sys

from .references import SetupError
from .submissions import IdentityError

SETTINGS = ("roster", "scores_csv", "late_penalty", "canvas_export", "canvas_columns")


def add_arguments(parser):
    parser.add_argument(
        "submissions",
        nargs="+",
        help="the submissions folder; or `merge OUT...`; `tables OUT`; `collect DOWNLOAD`; `bench`; `versus`",
    )
    parser.add_argument("--out", default=None, help="output folder (default grading/)")
    parser.add_argument("--book", default=None, help="the book's folder (default: the installed package's)")
    parser.add_argument(
        "--roster",
        default=None,
        help="CSV with a `student` column (and name, id, sis_id, login, section), or Canvas's gradebook "
        "export: students who submitted nothing get a row, file names map to these students",
    )
    parser.add_argument("--sets", default=None, help="grade only these sets (comma-separated, e.g. 05_bptt)")
    parser.add_argument("--scores", default=None, help="CSV of hand scores: student,set,cell,score")
    parser.add_argument("--late-penalty", type=float, default=None, help="fraction taken off a late total")
    parser.add_argument(
        "--canvas-export", default=None, help="Canvas's gradebook export: canvas.csv keeps its ids"
    )
    parser.add_argument(
        "--canvas-column", action="append", default=None, help="SET=ASSIGNMENT (name or id) in the export"
    )
    parser.add_argument("--course", default=None, help="`grade collect`: the nbgrader course folder")
    parser.add_argument("--assignment", default=None, help="`grade collect`: the nbgrader assignment name")
    parser.add_argument("--self-test-cache", default=None, help="folder remembering passed self-tests")
    parser.add_argument("--jobs", type=int, default=1, help="submissions graded at once")
    parser.add_argument("--threads", type=int, default=1, help="torch/BLAS threads per job")
    parser.add_argument("--shard", default="1/1", help="grade only shard i of N (i/N)")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per cell")
    parser.add_argument("--max-minutes", type=float, default=20, help="wall-clock budget per submission")
    parser.add_argument(
        "--memory-gb", type=float, default=4.0, help="memory of a submission's processes together"
    )
    parser.add_argument("--max-output", type=int, default=1_000_000, help="characters of output kept")
    parser.add_argument("--max-mb", type=float, default=20, help="largest submission read")
    parser.add_argument("--quick", action="store_true", help="run with RNNLAB_QUICK=1 (not for real grades)")
    parser.add_argument("--no-sandbox", action="store_true", help="run without bwrap (rows say so)")
    parser.add_argument("--no-self-test", action="store_true", help="skip grading the solutions first")
    parser.add_argument("--bench-set", default=None, help="`grade bench`: the exercise set to time")
    parser.add_argument("--bench-n", type=int, default=None, help="`grade bench`: submissions per run")


def settings_of(args, out):
    """The table settings: OUT/settings.json, overridden by what this command line gives."""
    path = pathlib.Path(out) / "settings.json"
    settings = json.loads(path.read_text()) if path.exists() else {}
    given = dict(
        roster=args.roster,
        scores_csv=args.scores,
        late_penalty=args.late_penalty,
        canvas_export=args.canvas_export,
        canvas_columns=dict(c.split("=", 1) for c in args.canvas_column) if args.canvas_column else None,
    )
    for key, value in given.items():
        if value is not None:
            keep_path = key in ("roster", "scores_csv", "canvas_export")
            settings[key] = str(pathlib.Path(value).resolve()) if keep_path else value
    if not 0 <= float(settings.get("late_penalty") or 0) <= 1:
        sys.exit(f"--late-penalty is a fraction from 0 to 1; got {settings['late_penalty']}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(settings, indent=1, sort_keys=True) + "\n")
    return settings


def summary(records):
    """Exit non-zero, naming the files, when files were rejected (status 3) or hit a grader error
    (status 1, as when grading stopped): never a silent 0."""
    rejected = [r for r in records if r["status"].startswith("rejected")]
    errors = [r for r in records if r["status"].startswith("grader error")]
    if not rejected and not errors:
        return
    lines = [f"  {r.get('file') or r['student']}: {r['status']}" for r in rejected + errors]
    print(
        f"{len(rejected)} file(s) rejected (not graded; rename or fix them and re-run) and "
        f"{len(errors)} grader error(s) (not the students' fault; re-run):\n" + "\n".join(lines),
        file=sys.stderr,
    )
    sys.exit(1 if errors else 3)


def main(args):
    from . import grade

    first, out = args.submissions[0], args.out
    try:
        if first == "collect":
            from .collect import collect

            if len(args.submissions) != 2 or not (args.course and args.assignment):
                sys.exit("usage: grade collect DOWNLOAD --course COURSE --assignment NAME [--sets SET]")
            sets = args.sets.split(",") if args.sets else None
            collect(args.submissions[1], args.course, args.assignment, args.book, args.roster, sets)
            return
        if first in ("merge", "tables"):
            folders = args.submissions[1:]
            out = out or (folders[0] if first == "tables" and folders else "grading")
            if not folders:
                sys.exit(f"grade {first}: name the output folder(s)")
            settings = settings_of(args, out)
            records = grade.merge(folders, out, args.book, settings.get("roster"), settings)
            print(f"wrote the tables of {len(records)} records into {out}/")
            return
        out = out or "grading"
        if len(args.submissions) != 1 or not pathlib.Path(first).is_dir():
            sys.exit(f"{first} is not a folder of submissions")
        index, count = (int(x) for x in args.shard.split("/"))
        if not 1 <= index <= count:
            sys.exit("--shard must be i/N with 1 <= i <= N")
        settings = settings_of(args, out)
        data = os.environ.get("RNNLAB_DATA")
        records = grade.grade_class(
            first,
            out,
            book=args.book,
            jobs=args.jobs,
            shard=(index, count),
            roster=settings.get("roster"),
            no_sandbox=args.no_sandbox,
            self_check=not args.no_self_test,
            sets=args.sets.split(",") if args.sets else None,
            settings=settings,
            self_test_cache=args.self_test_cache,
            timeout=args.timeout,
            max_minutes=args.max_minutes,
            memory_gb=args.memory_gb,
            max_output=args.max_output,
            max_bytes=int(args.max_mb * 2**20),
            quick=args.quick,
            threads=args.threads,
            data_dir=str(pathlib.Path(data).resolve()) if data else None,
        )
    except (SetupError, IdentityError) as err:
        sys.exit(f"grading stopped: {err}")
    print(f"wrote {out}/grades.csv, gradebook.csv, canvas.csv, answers/, feedback/ and gradescope/")
    summary(records)
