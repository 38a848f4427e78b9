# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test lint bench format clean demo

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

# Bytecode written ahead (compileall writes it even where PYTHONDONTWRITEBYTECODE is set), so a start
# imports compiled modules instead of compiling ~70 of its own on every run.
COMPILE := $(BIN)/python -m compileall -q shk_tui

run: $(STAMP)
	@$(COMPILE)
	$(BIN)/shk

demo: $(STAMP)
	$(BIN)/shk demo

lint: $(TEST_STAMP)
	$(BIN)/ruff check shk_tui tests bench tools
	$(BIN)/lint-imports
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -q

bench: $(TEST_STAMP)
	@$(COMPILE)
	$(BIN)/python -m bench

format: $(TEST_STAMP)
	$(BIN)/ruff format shk_tui tests bench
	$(BIN)/ruff check --fix shk_tui tests bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
