"""The command line behind `python -m rnnlab`: one subcommand per tool, each with its module.

Every subparser names the function that runs it (``set_defaults(run=...)``); ``main`` calls it.
Tool modules are imported inside those functions, so `python -m rnnlab headers` never pays
for torch or nbgrader.
"""

import argparse
import sys


def run_execute(args, rest):
    from .execute import main as execute_main

    execute_main(args.notebooks, quick=args.quick)


def run_headers(args, rest):
    from .headers import sync_headers

    stale = sync_headers(check=args.check)
    verb = "disagree with _config.yml" if args.check else "rewritten"
    for path in stale:
        print(f"{path}: header cells {verb}")
    if args.check and stale:
        sys.exit("run `python -m rnnlab headers` to rewrite them")


def run_exercises(args, rest):
    from .exercises import sync_exercises

    stale = sync_exercises(check=args.check)
    for path in stale:
        print(f"{path}: {'stale' if args.check else 'written'}")
    if args.check and stale:
        sys.exit("run `python -m rnnlab exercises` (or `make exercises`) to regenerate them")


def run_grade(args, rest):
    if args.submissions[:1] == ["bench"]:
        from .bench.grade import main as bench_grade_main  # it imports grade, not the reverse

        bench_grade_main(args)
        return
    if args.submissions[:1] == ["versus"]:
        from .bench.versus import main as versus_main  # the book's grader against nbgrader's autograde

        versus_main(args)
        return
    from .grade_cli import main as grade_main

    grade_main(args)


def run_reproduce(args, rest):
    from .reproduce import main as reproduce_main

    reproduce_main(args.notebooks)


def run_comparisons(args, rest):
    from .comparisons import main as comparisons_main

    comparisons_main(rest)


def run_bench(args, rest):
    if args.part in ("loop", "all"):
        from .bench.loop import main as loop_main

        loop_main()
    if args.part in ("floor", "all"):
        from .bench.floor import main as floor_main

        floor_main()
    if args.part in ("quality", "all"):
        from .bench.quality import main as quality_main

        quality_main(rest)


def run_seeds(args, rest):
    # the spread runs behind rnnlab.seeds: an hour of one CPU core, never part of a chapter
    if args.part in ("recall", "all"):
        from .bench.recall_seeds import main as recall_main

        recall_main()
    if args.part in ("lm", "all"):
        from .bench.seeds import main as lm_main

        lm_main()


def build_parser():
    parser = argparse.ArgumentParser(prog="python -m rnnlab")
    sub = parser.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("execute", help="run notebooks top to bottom and store their outputs")
    ex.add_argument("notebooks", nargs="+")
    ex.add_argument(
        "--quick",
        action="store_true",
        help="run in quick mode only to record the wall time (chapter 0's table); outputs are not stored",
    )
    ex.set_defaults(run=run_execute)
    hd = sub.add_parser("headers", help="rewrite each notebook's Colab badge and install cell")
    hd.add_argument("--check", action="store_true", help="only list notebooks that disagree")
    hd.set_defaults(run=run_headers)
    bn = sub.add_parser("bench", help="rnnlab.train against a minimal loop; matrix-product floor")
    bn.add_argument(
        "part",
        nargs="?",
        choices=["loop", "floor", "quality", "all"],
        default="all",
        help="loop: tokens/s of rnnlab.train vs a minimal loop; floor: the trainings' "
        "matrix-product floor on this machine; quality: time to a held-out "
        "perplexity, d2l's recipe against the book's (default: all three)",
    )
    bn.set_defaults(run=run_bench)
    sd = sub.add_parser("seeds", help="train the chapters' models over several seeds; store the spread")
    sd.add_argument(
        "part",
        nargs="?",
        choices=["recall", "lm", "all"],
        default="all",
        help="recall: chapter 7's delayed-recall table over 3 seeds (minutes); lm: the language "
        "models of chapters 4, 6 and 7 over 5 seeds (about an hour); default: both. Finished runs "
        "stored in rnnlab/results/ are skipped",
    )
    sd.set_defaults(run=run_seeds)
    xs = sub.add_parser("exercises", help="write exercises/ from solutions/")
    xs.add_argument("--check", action="store_true", help="only list stale files; exit 1 if any")
    xs.set_defaults(run=run_exercises)
    cp = sub.add_parser(
        "comparisons",
        help="list the prose's comparative sentences: generated, tested or neither (--check, --neither)",
        add_help=False,
    )
    cp.set_defaults(run=run_comparisons)
    rp = sub.add_parser(
        "reproduce",
        help="re-run notebooks in full mode into a temporary copy; report prose numbers and "
        "registered comparisons the fresh outputs no longer back (exit 1)",
    )
    rp.add_argument("notebooks", nargs="+")
    rp.set_defaults(run=run_reproduce)
    gr = sub.add_parser("grade", help="run a folder of submissions and write a grade table")
    from .grade_cli import add_arguments as add_grade_arguments

    add_grade_arguments(gr)
    gr.set_defaults(run=run_grade)
    return parser


def main(argv=None):
    args, rest = build_parser().parse_known_args(argv)
    args.run(args, rest)


if __name__ == "__main__":
    main()
