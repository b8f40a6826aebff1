# Glyphwash developer commands. `make run` and `make test` are the README's quick start:
# each creates .venv on first use and installs the project into it.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test test-slow lint bench clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-app: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

## run: install (first time) and start the window; `make run FILE=docs/examples/homoglyph-news.txt` opens the example
run: $(VENV)/.installed-app
	$(BIN)/glyphwash $(FILE)

## test: install with the test extra (first time) and run the whole test suite headless
test: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

## test-slow: the long fuzzing profile (tests marked slow: 10,000 hypothesis examples a property), with counts
test-slow: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m slow --hypothesis-show-statistics $(PYTEST_ARGS)

## lint: ruff over everything, mypy --strict over core/, and core's import graph (no cycle, no Qt)
lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/mypy core
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider tests/core/test_import_graph.py

## bench: the engine benchmark (needs ../shared)
bench: $(VENV)/.installed-dev
	$(BIN)/python bench/bench_core.py

clean-venv:
	rm -rf $(VENV)
