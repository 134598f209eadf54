"""A tiny synthetic store for the indicator tests, built from the CSV files in fixtures/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import ibis.backends.duckdb  # (see WARM below)
import ibis.formats.pandas  # noqa: F401
import pyarrow.dataset  # noqa: F401
import pytest

import fairmilk.store.backend  # noqa: F401
from fairmilk.store import open_store

# WARM: the modules the first query would import (two seconds), imported when the tests are
# collected instead, so that test runs forked from a collected session (mutation testing,
# docs/mutants.md) start warm rather than each paying for them.

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


def fill(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Load every fixture table into the store."""
    for table in TABLES:
        load_fixture(con, table)
    return con


@pytest.fixture(scope="module")
def tcon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store filled with the synthetic fixtures, shared by a module's tests: do not modify."""
    connection = fill(open_store(tmp_path_factory.mktemp("ind") / "store.duckdb"))
    yield connection
    connection.close()


@pytest.fixture
def fresh_tcon(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A filled store of the test's own, for tests that change rows."""
    return fill(con)


def store_file(factory: pytest.TempPathFactory) -> Path:
    """A closed store file holding the synthetic fixtures."""
    path = factory.mktemp("store") / "store.duckdb"
    fill(open_store(path)).close()
    return path


@pytest.fixture(scope="module")
def fixture_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store file holding the synthetic fixtures (for commands that open it)."""
    return store_file(tmp_path_factory)


@pytest.fixture(scope="module")
def fresh_tcon_module(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A filled store for one module that changes its rows (property tests)."""
    connection = fill(open_store(tmp_path_factory.mktemp("prop") / "store.duckdb"))
    yield connection
    connection.close()
