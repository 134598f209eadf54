# One task runner for people and CI. `make run` and `make test` are the README's two commands.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup setup-dev run build test lint typecheck unit hostile browser-deps bench mutants clean docs

# The program alone (make run), then what the tests need too (make test): a user who only
# runs the observatory downloads neither the test tools nor PySpark.
$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev,spark]'
	touch $@

setup: $(VENV)/.installed

setup-dev: $(VENV)/.installed-dev

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

## Copy docs/methodology, docs/indicators and docs/site into the package (the site shows them).
docs:
	python3 scripts/sync_docs.py

lint: setup-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup-dev
	$(BIN)/mypy

unit: setup-dev
	$(BIN)/pytest -n 2 --dist loadgroup -q

## The attacker's suite alone (tests/hostile): each case has a timeout; about a minute in all.
hostile: setup-dev
	$(BIN)/pytest tests/hostile -n 0 -q -m hostile

## The whole suite, as CI runs it.
test: setup-dev browser-deps lint typecheck unit

bench: setup-dev
	$(PY) bench/run_all.py

## Mutation testing of the core computations (not part of `make test`): one module at a
## time, MUTANTS_BUDGET seconds each; writes bench/MUTANTS.md. See docs/mutants.md.
MUTANTS_MODULES ?= indicators.costs indicators.perlitre indicators.dumping indicators.anomaly \
	indicators.taxes policy.mrp policy.tariffs ingest.validate ingest.codes indicators.trade \
	indicators.dependency indicators.units indicators.periods policy.offensive \
	indicators.fao_trade indicators.mirror indicators.classify indicators.ffmp policy.mrp_model
MUTANTS_BUDGET ?= 180
MUTANTS_LABEL ?= current
MUTANTS_JOBS ?= 2
mutants: setup-dev
	$(PY) -m pip install --quiet 'mutmut>=3.8,<4'
	$(PY) bench/mutants.py --budget $(MUTANTS_BUDGET) --label "$(MUTANTS_LABEL)" --jobs $(MUTANTS_JOBS) $(MUTANTS_MODULES)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache mutants
