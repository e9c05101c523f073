PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench serve clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/afterhours demo

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check router workers policies tests
	$(BIN)/ruff format --check router workers policies tests
	$(BIN)/mypy policies router workers

serve: $(STAMP)
	$(BIN)/afterhours db upgrade
	$(BIN)/afterhours serve

clean:
	rm -rf $(VENV) afterhours.db afterhours.db-* afterhours.spool afterhours.spool.* .afterhours-dev-token
