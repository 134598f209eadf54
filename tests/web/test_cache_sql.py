"""The SQL of an Ibis expression is compiled once per process, whichever cursor builds it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import uuid4

import duckdb
import pytest

from fairmilk.indicators import frame
from fairmilk.store import backend as store_backend
from fairmilk.store import open_store


@pytest.fixture
def con(web_store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the tiny SYNTHETIC test store."""
    connection = open_store(web_store, read_only=True)
    yield connection
    connection.close()


def _current_files(db: Any, source: str, skip: str = "") -> Any:
    t = db.table("source_files")
    kept = t.filter(t.is_current, t.source == source, t.file_name != skip)
    return kept.select("file_id", "file_name")


def test_the_same_expression_on_another_cursor_reuses_its_sql(
    con: duckdb.DuckDBPyConnection,
) -> None:
    first, second = frame.backend(con.cursor()), frame.backend(con.cursor())
    unique = uuid4().hex  # an expression no other test compiled
    before = dict(store_backend.SQL_MEMO)
    sql = first.compile(_current_files(first, "comext", unique))
    again = second.compile(_current_files(second, "comext", unique))
    assert again == sql
    assert store_backend.SQL_MEMO["misses"] == before["misses"] + 1
    assert store_backend.SQL_MEMO["hits"] == before["hits"] + 1
    other = second.compile(_current_files(second, "reference", unique))
    assert other != sql
    assert store_backend.SQL_MEMO["misses"] == before["misses"] + 2
    rows = frame.execute(_current_files(second, "comext", unique), title="t").rows
    assert rows == [tuple(r) for r in con.execute(sql).fetchall()]


def test_a_limit_is_compiled_as_asked(con: duckdb.DuckDBPyConnection) -> None:
    db = frame.backend(con.cursor())
    expr = _current_files(db, "comext")
    assert "LIMIT 1" in db.compile(expr, limit=1)
    assert "LIMIT" not in db.compile(expr)


def test_materialised_tables_are_named_after_their_sql(con: duckdb.DuckDBPyConnection) -> None:
    db = frame.backend(con.cursor())
    expr = _current_files(db, "comext")
    with frame.materialised(db, expr) as held:
        name = held.get_name()
        with frame.materialised(db, expr) as inner:  # the same, held twice: another name
            assert inner.get_name() != name
            assert inner.count().to_pyarrow().as_py() == held.count().to_pyarrow().as_py()
        assert held.count().to_pyarrow().as_py() >= 0  # the outer table is still there
    with frame.materialised(db, expr) as later:
        assert later.get_name() == name  # same SQL, same name: later expressions match
