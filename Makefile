# One task runner for people and CI. `make run` and `make test` are the README's two commands.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup run build test lint typecheck unit browser-deps bench clean

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,spark]'
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
	$(BIN)/pytest -n 2 --dist loadgroup -q

## The whole suite, as CI runs it.
test: setup browser-deps lint typecheck unit

bench: setup
	$(PY) bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
