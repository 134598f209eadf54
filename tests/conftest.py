"""Shared fixtures: a fresh store per test, built from code."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"


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
