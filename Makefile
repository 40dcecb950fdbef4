# The book's commands. `make test` is what CI runs (.ci/run).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# CI points TORCH_SPEC at a local CPU build of torch so setup stays fast; empty means "whatever pip picks".
TORCH_SPEC ?=
NBVAL_WORKERS ?= 2
# Parallel workers each get one torch thread: two workers with two threads each on two cores
# oversubscribe the CPU and slow small-RNN training twenty-fold.
WORKER_THREADS := OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb solutions/*.ipynb))

.PHONY: help setup book test test-unit test-notebooks test-book lab execute exercises headers bench clean

help:
	@echo "make book       build the website into _build/html (offline, from stored outputs)"
	@echo "make test       everything CI checks: unit tests, notebooks in quick mode, site build"
	@echo "make lab        open the notebooks in JupyterLab"
	@echo "make execute    re-run chapters and solutions in full and store their outputs (NB=path for one)"
	@echo "make exercises  regenerate exercises/ from solutions/"
	@echo "make bench      rnnlab.train against a minimal loop, and the trainings' matrix-product floor"

$(VENV)/.installed: requirements.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(if $(TORCH_SPEC),$(PY) -m pip install -q "$(TORCH_SPEC)")
	$(PY) -m pip install -q -r requirements.txt
	$(PY) -m pip install -q --no-deps -e .
	touch $@

setup: $(VENV)/.installed

book: setup
	rm -rf _build  # a full build takes seconds; a stale _build/.doctrees gives stale pages and warnings
	$(VENV)/bin/jupyter-book build . --path-output . -q
	@echo "The book is in _build/html: open _build/html/index.html"

test: setup test-unit test-notebooks test-book

test-unit: setup
	$(WORKER_THREADS) $(PY) -m pytest tests -n $(NBVAL_WORKERS)

test-notebooks: setup
	$(WORKER_THREADS) RNNLAB_QUICK=1 $(PY) -m pytest --nbval-lax -n $(NBVAL_WORKERS) --dist loadscope -p no:cacheprovider \
		chapters solutions exercises

test-book: setup
	rm -rf _build  # a full build takes seconds; a stale _build/.doctrees gives stale pages and warnings
	$(VENV)/bin/jupyter-book build . --path-output . -W -n --keep-going -q

lab: setup
	$(VENV)/bin/jupyter lab

execute: setup
	$(PY) -m rnnlab execute $(or $(NB),$(NOTEBOOKS))

exercises: setup
	$(PY) -m rnnlab exercises

headers: setup
	$(PY) -m rnnlab headers

bench: setup
	$(PY) -m rnnlab bench

clean:
	rm -rf _build .pytest_cache
