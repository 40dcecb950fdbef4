"""nbgrader settings for courses that use this book (``nbgrader`` reads this file from the
course folder: copy it there, next to ``source/``). See docs/grading.md, "The same term with
nbgrader".

The grading machine needs the book's package and the corpora: ``pip install rnnlab`` (or
``make setup``) in the environment nbgrader runs in, and ``RNNLAB_DATA`` set to the folder that
holds the corpora. ``RNNLAB_QUICK=1`` shortens every training (fast, for trying the set-up only).
"""

import os

from rnnlab.tools.nbgrader_plugin import generate_preprocessors

c = get_config()  # noqa: F821  (nbgrader provides get_config)

# Hints survive `nbgrader generate_assignment` (nbgrader's own ClearSolutions drops them).
c.GenerateAssignment.preprocessors = generate_preprocessors()
# The training cells of a full run take 20-30 s each on a laptop; nbgrader's default is 30 s.
c.Execute.timeout = int(os.environ.get("RNNLAB_CELL_TIMEOUT", "600"))
# The same stub text and answer prompt as the book's exercises/.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "_Write your answer here._"
# Every check is visible to students; there are no hidden tests in the book.
c.ClearHiddenTests.enforce_metadata = False
if not os.environ.get("RNNLAB_DATA"):
    print("nbgrader_config.py: RNNLAB_DATA is not set; the checks that load a corpus will fail")
