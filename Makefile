# persian_ie — two commands:  `make run`  and  `make test`.
# The Makefile finds its interpreters itself: Python 3.12+ (lean hazm 0.12.x) for the
# main virtualenv, and Python 3.11 (hazm 0.10.0, CPU torch for the stanza extra) for
# the second test run when it exists.

SHELL := /bin/bash
PY312 := $(shell if PYENV_VERSION=3.12.1 python3.12 -c 'import sys' >/dev/null 2>&1; then echo "env PYENV_VERSION=3.12.1 python3.12"; \
          elif python3.13 -c 'import sys' >/dev/null 2>&1; then echo python3.13; \
          elif python3.12 -c 'import sys' >/dev/null 2>&1; then echo python3.12; fi)
PY311 := $(shell if python3.11 -c 'import sys; assert sys.version_info[:2]==(3,11)' >/dev/null 2>&1; then echo python3.11; \
          elif python3 -c 'import sys; assert sys.version_info[:2]==(3,11)' >/dev/null 2>&1; then echo python3; fi)
PYMAIN := $(if $(PY312),$(PY312),$(PY311))
VENV := .venv
VENV311 := .venv311
PIP_QUIET := --quiet --disable-pip-version-check
# the main run tests every integration (pandas, spaCy, Dask, notebook, docs); the 3.11 run
# checks the core and the tables against the older pandas/numpy that hazm 0.10 allows
MAIN_EXTRAS := test,pandas,spacy,dask,notebook,docs,corpus
EXTRAS_311 := test,pandas,corpus
# never let pip resolve plain torch: the stanza extra is installed with this pin
TORCH_PIN := torch==2.13.0

.PHONY: run test test-main test-311 venv venv311 bench eval docs clean help

help:
	@echo "make run    # set up and extract examples/seed_article.txt"
	@echo "make test   # set up and run the whole test suite (3.12 and 3.11 when present) and build the docs"
	@echo "make docs   # build the documentation site into build/site (mkdocs --strict)"

$(VENV)/.installed: pyproject.toml
	@test -n "$(PYMAIN)" || { echo "no Python >= 3.11 found" >&2; exit 1; }
	$(PYMAIN) -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_QUIET) -e '.[$(MAIN_EXTRAS)]'
	touch $@

venv: $(VENV)/.installed

run: venv
	$(VENV)/bin/persian-ie extract examples/seed_article.txt --published 1404-08-19 --indent 2

test-main: venv
	$(VENV)/bin/python -m pytest -q
	$(MAKE) --no-print-directory docs

# the documentation site (docs/, mkdocs.yml); --strict turns every warning into a failure
docs: venv
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --quiet

$(VENV311)/.installed: pyproject.toml
	python3.11 -c 'pass' 2>/dev/null || true
	$(PY311) -m venv $(VENV311)
	$(VENV311)/bin/pip install $(PIP_QUIET) $(TORCH_PIN) || echo "torch $(TORCH_PIN) unavailable: stanza tests will be skipped" >&2
	$(VENV311)/bin/pip install $(PIP_QUIET) -e '.[$(EXTRAS_311)]'
	if $(VENV311)/bin/python -c 'import torch' 2>/dev/null; then \
	  $(VENV311)/bin/pip install $(PIP_QUIET) -e '.[$(EXTRAS_311),stanza]' "$(TORCH_PIN)"; fi
	touch $@

venv311: $(VENV311)/.installed

test-311:
	@if [ -n "$(PY311)" ] && [ "$(PY311)" != "$(PYMAIN)" ]; then \
	  $(MAKE) --no-print-directory venv311 && $(VENV311)/bin/python -m pytest -q; \
	else echo "Python 3.11 not found (or it is the main interpreter): single run"; fi

test: test-main test-311

bench: venv
	$(VENV)/bin/python benchmarks/throughput.py

eval: venv
	$(VENV)/bin/python scripts/eval_events.py

clean:
	rm -rf $(VENV) $(VENV311) build *.egg-info .pytest_cache .hypothesis
