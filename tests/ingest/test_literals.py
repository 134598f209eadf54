"""SQL literals read back by DuckDB as the values they were written from."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmilk.ingest.literals import sql_row, sql_string, sql_strings, sql_value

CON = duckdb.connect()
# Each example runs a DuckDB query: no per-example deadline (the machine is shared).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _back(literal: str) -> object:
    row = CON.execute(f"SELECT {literal}").fetchone()
    assert row is not None
    return row[0]


@SETTINGS
@given(st.text().filter(lambda t: "\0" not in t))
def test_any_string_reads_back_unchanged(text: str) -> None:
    assert _back(sql_value(text)) == text


@SETTINGS
@given(st.integers(min_value=-(2**63) + 1, max_value=2**63 - 1))
def test_integers_read_back(number: int) -> None:
    assert _back(sql_value(number)) == number


@SETTINGS
@given(st.floats(allow_nan=False))
def test_floats_read_back_exactly(number: float) -> None:
    assert _back(sql_value(number)) == number


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        False,
        "it's a 'quoted' name; DROP TABLE x; --",
        "back\\slash",
        datetime(2026, 12, 5, 14, 30, 1, 123456),
        date(2019, 1, 31),
    ],
)
def test_other_values_read_back(value: object) -> None:
    assert _back(sql_value(value)) == value


def test_not_a_number_reads_back() -> None:
    back = _back(sql_value(math.nan))
    assert isinstance(back, float)
    assert math.isnan(back)


def test_lists_and_rows() -> None:
    assert _back(sql_strings(["a", "b'c"])) == ["a", "b'c"]
    assert _back(sql_strings([])) == []
    assert CON.execute(f"SELECT * FROM (VALUES {sql_row([1, 'x', None])})").fetchall() == [
        (1, "x", None)
    ]


@pytest.mark.parametrize(
    "value", [object(), datetime(2026, 1, 1, tzinfo=UTC), 2**70, b"bytes", "nul\0"]
)
def test_values_without_a_literal_are_refused(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        sql_value(value)


def test_a_string_literal_is_quoted_with_doubled_quotes() -> None:
    assert sql_string("O'Brien") == "'O''Brien'"
