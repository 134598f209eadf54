"""The store opens, migrates, and writes all or nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import StoreError
from fairmilk.store import open_store, schema_version, transaction


def test_schema_creates_core_tables(con: duckdb.DuckDBPyConnection) -> None:
    names = {
        r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert {"source_files", "trade_flows", "quality_issues", "observations"} <= names
    assert schema_version().endswith(".sql")


def test_reopening_is_idempotent(store_path: Path) -> None:
    open_store(store_path).close()
    con = open_store(store_path)
    assert con.execute("SELECT count(*) FROM source_files").fetchone() == (0,)
    con.close()


def test_transaction_rolls_back_on_error(con: duckdb.DuckDBPyConnection) -> None:
    def write_then_fail() -> None:
        with transaction(con):
            con.execute("INSERT INTO meta VALUES ('k', 'v')")
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert con.execute("SELECT count(*) FROM meta WHERE key = 'k'").fetchone() == (0,)


def test_read_only_on_missing_file_is_clear(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store here"):
        open_store(tmp_path / "absent.duckdb", read_only=True)
