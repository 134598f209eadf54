"""Rows inserted through a CSV file read back exactly as the Python values they were."""

from __future__ import annotations

import sys
from datetime import date, datetime

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.store.bulk import insert_rows

TABLE = "CREATE TABLE t (s VARCHAR, i BIGINT, f DOUBLE, b BOOLEAN, d DATE, ts TIMESTAMP, n INTEGER)"
COLUMNS = ("s", "i", "f", "b", "d", "ts", "n")

ROWS = [
    (
        'a "quoted", comma',
        2**62,
        0.1 + 0.2,
        True,
        date(2025, 1, 29),
        datetime(2026, 12, 5, 17, 1, 2, 345678),
        7,
    ),
    ("", -1, -0.0, False, date(1961, 1, 1), datetime(2000, 1, 1), None),
    ("\\N", 0, 1e-300, None, None, None, 0),  # the text \N, not NULL
    ("line one\nline two\r\nthree", None, 1.7976931348623157e308, True, None, None, None),
    (None, None, None, None, None, None, None),
    ("Côte d'Ivoire, Sénégal: lait local ✓", 12, 123456789.123456789, False, None, None, -3),
]


def _table() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(TABLE)
    return con


def test_every_kind_of_value_reads_back_unchanged() -> None:
    con = _table()
    assert insert_rows(con, "t", COLUMNS, ROWS) == len(ROWS)
    assert con.execute("SELECT * FROM t ORDER BY rowid").fetchall() == ROWS


def test_columns_in_another_order_and_a_subset() -> None:
    con = _table()
    insert_rows(con, "t", ("n", "s"), [(1, "x"), (None, "y")])
    assert con.execute("SELECT s, n, i FROM t ORDER BY rowid").fetchall() == [
        ("x", 1, None),
        ("y", None, None),
    ]


def test_no_rows_inserts_nothing() -> None:
    con = _table()
    assert insert_rows(con, "t", COLUMNS, []) == 0
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_an_unknown_column_or_value_is_refused() -> None:
    con = _table()
    with pytest.raises(ValueError, match="no column x"):
        insert_rows(con, "t", ("s", "x"), [("a", 1)])
    with pytest.raises(TypeError, match="no CSV field"):
        insert_rows(con, "t", ("s",), [(object(),)])
    with pytest.raises(ValueError, match="NUL"):
        insert_rows(con, "t", ("s",), [("a\0b",)])
    assert con.execute("SELECT count(*) FROM t").fetchone() == (0,)


def test_inserting_imports_neither_pandas_nor_pyarrow() -> None:
    import subprocess

    code = (
        "import sys, duckdb\n"
        "from fairmilk.store.bulk import insert_rows\n"
        "con = duckdb.connect(); con.execute('CREATE TABLE t (s VARCHAR, f DOUBLE)')\n"
        "insert_rows(con, 't', ('s', 'f'), [('a', 1.5)])\n"
        "print(sorted(m for m in ('pandas', 'pyarrow') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@given(
    st.lists(
        st.tuples(
            st.none()
            | st.text(alphabet=st.characters(exclude_characters="\0", exclude_categories=("Cs",))),
            st.none() | st.floats(allow_nan=False),
            st.none() | st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1),
        ),
        max_size=20,
    )
)
def test_any_text_float_or_integer_reads_back_unchanged(
    rows: list[tuple[str | None, float | None, int | None]],
) -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE t (s VARCHAR, f DOUBLE, i BIGINT)")
    insert_rows(con, "t", ("s", "f", "i"), rows)
    assert con.execute("SELECT * FROM t ORDER BY rowid").fetchall() == rows


def test_carriage_returns_inside_texts_do_not_change_the_line_ends() -> None:
    """A text of "\\r" first in the file once made DuckDB take "\\r" for the line end."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (s VARCHAR, i BIGINT)")
    rows = [("\r", 1), ("a\rb\r\nc\n", 2), ("\r\n", None), ("", 3)]
    insert_rows(con, "t", ("s", "i"), rows)
    assert con.execute("SELECT * FROM t ORDER BY rowid").fetchall() == rows
