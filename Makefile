# The README's Quick start: two commands for a fresh machine.
#   make run    sets up .venv, installs report-checker, checks samples/
#   make test   sets up .venv with the test extras, runs the whole test suite
# Both install the package as a wheel (not editable), so the tests prove that
# grammar/, rules/ and templates/ ship inside it. For development, use
# `.venv/bin/pip install -e '.[test]'` once and run `.venv/bin/pytest`.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test setup docs dist

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

setup: $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check '.[test]'

run: setup
	$(BIN)/report-checker check samples/

test: setup
	$(BIN)/pytest

# The documentation site (docs/, mkdocs.yml): the rule pages are generated
# from the rule files and the output examples from the samples, then MkDocs
# builds site/ in strict mode.
docs: setup
	$(BIN)/python tools/rule_pages.py
	$(BIN)/python tools/output_examples.py
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The wheel a team installs with pipx or pip (docs/install.md): dist/*.whl.
dist: $(BIN)/python
	$(BIN)/pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .
