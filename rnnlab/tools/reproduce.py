"""Re-run notebooks and hold their prose against the fresh outputs (``python -m rnnlab reproduce``).

A notebook's stored outputs come from one real run, and every test of its prose reads them:
numbers quoted in the text must be printed (``prose_numbers``) and registered comparisons must
follow from them (``claims_*.py``). Those tests stay green when a later change to the library or
to the notebook's code would make a re-run print other numbers. Solutions 04 drifted that way
in December 2026: its prose cited a validation perplexity of 8.63 that a fresh run printed as
8.83, and only a full re-run found it.

This command runs each notebook top to bottom in full mode, keeps the fresh copy in a
temporary folder (the stored notebook is not touched), and reports:

* every number of the prose that the fresh outputs no longer contain;
* every registered comparison that no longer holds in the fresh outputs, or whose numbers are
  no longer printed.

It exits with status 1 when it finds any. Timings are not compared: the prose never quotes
them. Run it with the settings ``make execute`` uses (one torch thread per process, the same
kind of machine): a different thread count or processor may change the last digits of a
training run. The weekly workflow ``.github/workflows/reproduce.yml`` runs it on every notebook.
"""

import os
import pathlib
import sys
import tempfile

import nbformat

from .comparison_claims import Outputs
from .comparison_registry import CLAIMS
from .execute import run_notebook, scrub_paths
from .prose_numbers import ROOT, problems


def drift(stored_path, fresh_path):
    """What the prose of ``stored_path`` says that the outputs of ``fresh_path`` no longer back."""
    found = [f"prose: {p}" for p in problems(stored_path, outputs_of=fresh_path)]
    try:  # claims are registered under the notebook's path in the book
        key = pathlib.Path(stored_path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        key = None
    fresh = Outputs(fresh_path)
    for claim in (c for c in CLAIMS if c.notebook == key):
        try:
            ok, detail = claim.check(fresh)
        except LookupError as error:
            ok, detail = False, str(error)
        if not ok:
            found.append(f"comparison: the sentence with {claim.key!r} no longer follows ({detail})")
    return found


def reproduce(path, folder):
    """Run ``path`` into ``folder``; return (seconds, what drifted)."""
    nb, seconds = run_notebook(path)
    scrub_paths(nb, pathlib.Path.cwd())
    fresh = pathlib.Path(folder) / pathlib.Path(path).name
    nbformat.write(nb, fresh)
    return seconds, drift(path, fresh)


def main(paths):
    if not paths:
        sys.exit("usage: python -m rnnlab reproduce NOTEBOOK... (from the book's root)")
    if os.environ.get("RNNLAB_QUICK"):
        sys.exit("reproduce compares with the stored FULL run: unset RNNLAB_QUICK first")
    failed = []
    with tempfile.TemporaryDirectory(prefix="rnnlab-reproduce-") as folder:
        for path in paths:
            print(f"re-running {path} (full mode) ...", flush=True)
            seconds, found = reproduce(path, folder)
            verdict = "reproduces its prose" if not found else f"{len(found)} difference(s)"
            print(f"{path}: {verdict} ({seconds:.0f} s)", flush=True)
            for line in found:
                print(f"  {line}", flush=True)
            if found:
                failed.append(path)
    if failed:
        sys.exit("prose no longer backed by a fresh run: " + " ".join(failed))
