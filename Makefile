PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-profile serve clean

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
	$(BIN)/ruff check router workers policies tests bench
	$(BIN)/ruff format --check router workers policies tests bench
	$(BIN)/mypy policies
	$(BIN)/lint-imports

# SPEC §10 on PostgreSQL (127.0.0.1:5432, database afterhours_bench) and Redis db 14; writes
# bench/results.md and exits 1 while a target is missed. BENCH_QUICK=1: small and fast.
bench: $(STAMP)
	$(BIN)/python -m bench

# Where the time goes (py-spy on the app under the bench load): bench/.run/profile-summary.md
bench-profile: $(STAMP)
	$(BIN)/python -m bench.profile

serve: $(STAMP)
	$(BIN)/afterhours db upgrade
	$(BIN)/afterhours serve

clean:
	rm -rf $(VENV) afterhours.db afterhours.db-* afterhours.spool afterhours.spool.* .afterhours-dev-token
