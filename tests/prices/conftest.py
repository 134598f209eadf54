"""Fixtures for the prices tests: fixture paths and a store with the price reference loaded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.store import open_store
from fairmilk.store.prices import load_price_reference

PRICE_FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def price_fixtures() -> Path:
    """The folder of tiny price files."""
    return PRICE_FIXTURES


@pytest.fixture
def priced(store_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store with the embedded price reference files loaded."""
    con = open_store(store_path)
    load_price_reference(con)
    yield con
    con.close()
