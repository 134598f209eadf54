"""The scan's cheap first filter: ranges that keep exactly the codes of the dairy headings."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from fairmilk.ingest.codes import dairy_prefixes, headings
from fairmilk.ingest.scan import heading_ranges, literal

HEADS = (*headings(dairy_prefixes()), "04XX", "19XX", "21XX")
CON = duckdb.connect()
# Each example runs a DuckDB query: no per-example deadline (the machine is shared).
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODES = st.text(alphabet="0123456789X:/ é", max_size=9)


def _same(code: str, heads: tuple[str, ...]) -> tuple[bool, bool]:
    listed = ", ".join(literal(h) for h in heads)
    row = CON.execute(
        f"SELECT left(c, 4) IN ({listed}), {heading_ranges('c', heads)} "
        f"FROM (SELECT {literal(code)} AS c)"
    ).fetchone()
    assert row is not None
    return bool(row[0]), bool(row[1])


@SETTINGS
@given(CODES)
@example("0401")
@example("04069099")
@example("0407")
@example("040")
@example("04XXXXXX")
@example("04XY")
@example("1901:")
@example("2106é")
@example("")
def test_the_ranges_keep_what_the_four_digit_test_keeps(code: str) -> None:
    by_list, by_range = _same(code, HEADS)
    assert by_range == by_list


def test_consecutive_headings_share_one_range() -> None:
    sql = heading_ranges("c", ("0401", "0402", "0403", "1901"))
    assert sql == "((c >= '0401' AND c < '0404') OR (c >= '1901' AND c < '1902'))"


def test_a_heading_that_is_not_ascii_is_refused() -> None:
    with pytest.raises(ValueError, match="ASCII"):
        heading_ranges("c", ("04é1",))
