"""Shared fixtures: a fresh store per test, built from code."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

from fairmilk.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
# Debian's chromium, driven by Playwright (its own browser download is not used).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]  # fmt: skip
NO_CHROMIUM = shutil.which(CHROMIUM) is None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium, shared by the tests of a module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every test (and any command it starts) caches under a temporary folder, never ~/.cache."""
    monkeypatch.setenv("FAIRMILK_CACHE", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Path of a new, empty store file."""
    return tmp_path / "store.duckdb"


@pytest.fixture
def con(store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An open, empty store with the schema applied."""
    connection = open_store(store_path)
    yield connection
    connection.close()
