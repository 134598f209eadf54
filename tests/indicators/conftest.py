"""A tiny synthetic store for the indicator tests, built from the CSV files in fixtures/."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
TABLES = (
    "source_files",
    "trade_flows",
    "ref_products",
    "ref_categories",
    "ref_memberships",
    "observations",
)


def load_fixture(con: duckdb.DuckDBPyConnection, table: str) -> None:
    """Insert the fixture CSV of one table, matching columns by name, all as text first."""
    path = FIXTURES / f"{table}.csv"
    con.execute(
        f"INSERT INTO {table} BY NAME SELECT * FROM read_csv(?, header=true, all_varchar=true)",
        [str(path)],
    )


@pytest.fixture
def tcon(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The shared empty store, filled with the synthetic indicator fixtures."""
    for table in TABLES:
        load_fixture(con, table)
    return con
