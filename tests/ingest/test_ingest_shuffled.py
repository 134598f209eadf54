"""Property: columns are found by name; their order and unknown extra columns change nothing."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_helpers import CLASSIC_HEADER, classic_line

from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

COLUMNS = CLASSIC_HEADER.split(",")
LINES = [
    classic_line(),
    classic_line(par="CI", code="19019099", value="2500", kg=""),
    classic_line(rep="NL", par="QV", period="201903"),
    classic_line(code="04XXXXXX", value="700", kg="30"),
    classic_line(code="02013000"),  # not dairy
]
ROWS = [dict(zip(COLUMNS, next(csv.reader([line])), strict=True)) for line in LINES]
RESULT = (
    "SELECT reporter, partner, product_code, flow, year, month, value_eur, quantity_kg "
    "FROM trade_flows ORDER BY ALL"
)

extra_name = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_ ", min_size=1, max_size=12).map(
    lambda s: "x_" + s
)
extra_cell = st.text(alphabet='abc ,;"é0123456789X\t', max_size=10)


def _write(path: Path, order: list[str], extra: dict[str, str]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(order)
        for row in ROWS:
            out.writerow([row.get(name, extra.get(name, "")) for name in order])
    return path


def _load(path: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    con = open_store(":memory:")
    try:
        ingest_file(con, path, source="comext")
        issues = con.execute("SELECT kind, count, quantity_kg, value FROM quality_issues")
        return con.execute(RESULT).fetchall(), sorted(issues.fetchall())
    finally:
        con.close()


EXPECTED: list[tuple[list[tuple[object, ...]], list[tuple[object, ...]]]] = []


def _expected() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    if not EXPECTED:
        with tempfile.TemporaryDirectory() as tmp:
            EXPECTED.append(_load(_write(Path(tmp) / "plain.dat", COLUMNS, {})))
    return EXPECTED[0]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    order=st.permutations(COLUMNS),
    extra=st.dictionaries(extra_name, extra_cell, max_size=4),
    data=st.data(),
)
def test_shuffled_columns_and_unknown_ones_load_the_same(
    order: list[str], extra: dict[str, str], data: st.DataObject
) -> None:
    names = list(order)
    for name in extra:  # unknown columns anywhere in the header
        names.insert(data.draw(st.integers(0, len(names))), name)
    with tempfile.TemporaryDirectory() as tmp:
        got = _load(_write(Path(tmp) / "shuffled.dat", names, extra))
    rows, issues = _expected()
    assert len(rows) == 3
    assert got == (rows, issues)
