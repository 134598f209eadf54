"""Fixtures for the reference tests: the store filled with the embedded reference data."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.store.reference import load_reference


@pytest.fixture
def loaded(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The shared empty store after one load_reference."""
    load_reference(con)
    return con
