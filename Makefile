# One task runner for people and CI. `make run` and `make test` are the README's two commands.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup run build test lint typecheck unit browser-deps bench mutants clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

## The main job: build the store from the embedded data and serve the dashboard.
run: setup
	$(BIN)/fairmilk build
	$(BIN)/fairmilk serve

## Build the store and print the headline tables, without serving.
build: setup
	$(BIN)/fairmilk build

## Debian packages the tests need (chromium for browser tests, fonts for PDF).
browser-deps:
	@bash scripts/install-system-deps.sh

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -n 2 -q

## The whole suite, as CI runs it.
test: setup browser-deps lint typecheck unit

bench: setup
	$(PY) bench/run_all.py

## Mutation testing of the core computations (not part of `make test`): one module at a
## time, MUTANTS_BUDGET seconds each; writes bench/MUTANTS.md. See docs/mutants.md.
MUTANTS_MODULES ?= indicators.costs indicators.perlitre indicators.dumping indicators.anomaly \
	indicators.taxes policy.mrp policy.tariffs ingest.validate ingest.codes indicators.trade \
	indicators.dependency indicators.units indicators.periods policy.offensive
MUTANTS_BUDGET ?= 900
MUTANTS_LABEL ?= current
mutants: setup
	$(PY) -m pip install --quiet 'mutmut>=3.8,<4'
	$(PY) bench/mutants.py --budget $(MUTANTS_BUDGET) --label $(MUTANTS_LABEL) $(MUTANTS_MODULES)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
