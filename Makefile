# The book's commands. `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# CI points TORCH_SPEC at a local CPU build of torch so setup stays fast; empty means "whatever pip picks".
TORCH_SPEC ?=
# A pip index to take torch from (the GitHub workflows use PyTorch's CPU index); empty means PyPI.
TORCH_INDEX ?=
NBVAL_WORKERS ?= 2
# Parallel workers each get one torch thread: two workers with two threads each on two cores
# oversubscribe the CPU and slow small-RNN training twenty-fold.
WORKER_THREADS := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
# matplotlib's font cache kept with the environment, not in ~/.cache, which every install on the
# machine shares (a broken install once left a font list without matplotlib's own fonts there,
# and every diagram drawn afterwards differed from the stored one): figures are compared byte
# for byte.
MPL_CACHE := MPLCONFIGDIR=$(abspath $(VENV))/mplconfig
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb solutions/*.ipynb))

.PHONY: help setup book publish test test-fast test-blind lint test-unit test-notebooks test-book test-py313 lab execute exercises headers bench figures clean

help:
	@echo "make test-fast  the quick loop before you push: lint and the unit tests not marked slow (a few minutes)"
	@echo "make lint       ruff on every .py file (style and likely bugs), actionlint on .github/workflows"
	@echo "make book       build the website into _build/html (offline, from stored outputs; SOLUTIONS=0 leaves out the solution pages)"
	@echo "make publish    build the website and push it to the gh-pages branch (GitHub Pages)"
	@echo "make pdf        the whole book as one PDF (_build/pdf/sequence-models.pdf; offline, headless Chromium, no TeX)"
	@echo "make test       everything CI checks: unit tests, notebooks in quick mode, site build"
	@echo "make test-unit / test-notebooks / test-book   the three parts of make test"
	@echo "make test-blind the blind cases: wrong solutions and correct alternatives written without seeing the checks"
	@echo "make test-py313 test-fast and three notebooks under Python 3.13 in a Debian 13 root (root, debootstrap)"
	@echo "make lab        open the notebooks in JupyterLab"
	@echo "make execute    re-run chapters and solutions in full and store their outputs (NB=path for one)"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make headers    rewrite every notebook's Colab badge and install cell from _config.yml"
	@echo "make bench      rnnlab.train against a minimal loop, and the trainings' matrix-product floor"
	@echo "make figures    redraw the diagrams (figures/*.py -> rnnlab/diagrams/*.svg)"
	@echo "make lighthouse Lighthouse mobile scores of this checkout against main, side by side (LH_BASELINE=ref RUNS=n)"

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(if $(TORCH_SPEC)$(TORCH_INDEX),$(PY) -m pip install -q $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX)) "$(or $(TORCH_SPEC),torch)")
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

# The workflow linter comes from npm (package.json, pinned in package-lock.json); only `make lint`
# (and so test-fast and test) needs it: reading, building and running the book need no Node.js.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make lint: expected npm (Node.js 18+) for the workflow linter, found none; install it (Debian: apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.installed

# SOLUTIONS=0 builds the site without the solution pages (for a course that keeps answers private).
SOLUTIONS ?= 1
# make publish pushes _build/html to this branch of this remote; GitHub Pages serves it from there.
PAGES_REMOTE ?= origin
PAGES_BRANCH ?= gh-pages

book: setup
	rm -rf _build  # a full build takes seconds; a stale _build/.doctrees gives stale pages and warnings
	BOOK_SOLUTIONS=$(SOLUTIONS) $(VENV)/bin/jupyter-book build . --path-output . -q
	@echo "The book is in _build/html: open _build/html/index.html"

# The site is static: a commit of _build/html (with .nojekyll, which the build writes) on its own
# branch. In the repository's settings, Pages > "Deploy from a branch" > gh-pages, / (root).
publish: book
publish: pdf
	test -f _build/html/.nojekyll
	rm -rf _build/pages && git worktree prune
	git worktree add --detach _build/pages
	cd _build/pages && git checkout --orphan $(PAGES_BRANCH)-new && git rm -rfq . && \
		cp -r ../html/. . && git add -A && \
		git commit -qm "Website built from $$(git -C ../.. rev-parse --short HEAD)" && \
		git push -f $(PAGES_REMOTE) HEAD:$(PAGES_BRANCH)
	git worktree remove --force _build/pages && git branch -D $(PAGES_BRANCH)-new
	@echo "Published to $(PAGES_REMOTE)/$(PAGES_BRANCH)"

test: setup lint test-unit test-notebooks test-book

# The contributor's loop: no browser, JupyterLab, sandbox, nbgrader, site build or notebook run.
test-fast: setup lint
	$(WORKER_THREADS) $(MPL_CACHE) $(PY) -m pytest tests -m "not slow" -n $(NBVAL_WORKERS) --dist loadgroup

lint: setup node_modules/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	node scripts/lint-workflows.cjs

test-unit: setup
	$(WORKER_THREADS) $(MPL_CACHE) $(PY) -m pytest tests -m "not blind" -n $(NBVAL_WORKERS) --dist loadgroup --durations=25  # xdist_group: one fixture per group; the slowest listed for the time budget

# The blind cases (tests/mutants/blind): one test per exercise set, sets in parallel. About a
# quarter hour on two cores, so nightly CI runs it and `make test` does not;
# `python tests/blind_cases.py` prints the same per case and rewrites tests/mutants/blind/RESULTS.md.
test-blind: setup
	$(WORKER_THREADS) $(MPL_CACHE) RNNLAB_QUICK=1 $(PY) -m pytest tests/test_blind_cases.py -m blind -n $(NBVAL_WORKERS)

test-notebooks: setup
	$(WORKER_THREADS) $(MPL_CACHE) RNNLAB_QUICK=1 $(PY) -m pytest --nbval-lax -n $(NBVAL_WORKERS) --dist loadscope -p no:cacheprovider --durations=10 \
		chapters solutions exercises

test-book: setup
	rm -rf _build  # a full build takes seconds; a stale _build/.doctrees gives stale pages and warnings
	BOOK_SOLUTIONS=$(SOLUTIONS) $(VENV)/bin/jupyter-book build . --path-output . -W -n --keep-going -q
	@# The PDF is built and checked once, by test-unit (tests/test_website_review.py::test_book_pdf:
	@# the same build_single_page and print_to_pdf as make pdf); building it here again cost a minute.

# Needs root and debootstrap; downloads Debian 13 and the Python packages once (scripts/test-py313.sh).
test-py313:
	bash scripts/test-py313.sh

lab: setup
	$(VENV)/bin/jupyter lab

execute: setup
	$(MPL_CACHE) $(PY) -m rnnlab execute $(or $(NB),$(NOTEBOOKS))

exercises: setup
	$(PY) -m rnnlab exercises

headers: setup
	$(PY) -m rnnlab headers

bench: setup
	$(PY) -m rnnlab bench

figures: setup
	$(MPL_CACHE) $(PY) figures/draw.py

# The book as one page (Sphinx's singlehtml builder, the site's extensions) printed by headless
# Chromium; copied next to the website's pages when _build/html exists (the site links to it).
# Lighthouse's mobile performance of the site, this checkout against LH_BASELINE, alternating
# runs (scripts/lighthouse.py; docs/website-performance.md has the numbers). Lighthouse comes from
# npm, pinned in scripts/lighthouse/ apart from the linter (about 185 MB, so make lint does not
# install it); Chromium from Debian. Not part of make test: about ten minutes.
LH_BASELINE ?= main
RUNS ?= 3
.PHONY: lighthouse
lighthouse: setup scripts/lighthouse/node_modules/.installed
	$(PY) scripts/lighthouse.py --baseline $(LH_BASELINE) --runs $(RUNS)

scripts/lighthouse/node_modules/.installed: scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

.PHONY: pdf
pdf: setup
	BOOK_SOLUTIONS=$(SOLUTIONS) $(PY) _ext/book_pdf.py

clean:
	rm -rf _build .pytest_cache
