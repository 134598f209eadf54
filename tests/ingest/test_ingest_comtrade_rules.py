"""Comtrade rows at the edges of the rules: first year, M49 codes, flows, HS4 aggregates."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import FIXTURES, counts

from fairmilk.errors import InputError
from fairmilk.store.trade import ingest_file

_TEMPLATE = (FIXTURES / "comtrade_api_small.csv").read_text(encoding="utf-8").splitlines()[:2]
HEADER, FIRST = next(csv.reader([_TEMPLATE[0]])), next(csv.reader([_TEMPLATE[1]]))


def row(**cells: str) -> list[str]:
    """A Comtrade API row (Senegal importing SMP from France in 2022) with changed cells."""
    out = dict(zip(HEADER, FIRST, strict=True))
    if "period" in cells:
        out["refYear"] = cells["period"][:4]
    out.update(cells)
    return [out[h] for h in HEADER]


def write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def stored(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT reporter, partner, product_code, flow, year FROM trade_flows ORDER BY year, partner"
    ).fetchall()


def test_first_valid_year_is_1988(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ingest_file(con, write(tmp_path / "y.csv", [row(period="1988"), row()]), source="comtrade")
    assert stored(con) == [("SN", "FR", "040221", "import", 1988),
                           ("SN", "FR", "040221", "import", 2022)]  # fmt: skip


@pytest.mark.parametrize(("period", "line"), [("1987", 3), ("198712", 3)])
def test_a_year_before_1988_is_refused(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, period: str, line: int
) -> None:
    path = write(tmp_path / "y.csv", [row(), row(period=period, refMonth="12")])
    with pytest.raises(InputError) as info:
        ingest_file(con, path, source="comtrade")
    assert (info.value.line, info.value.column) == (line, "period")
    assert "1988" in str(info.value.expected)
    assert counts(con) == (0, 0, 0)


def test_zero_padded_m49_codes(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # M49 codes written with leading zeros (bulk files): 056 is Belgium, 0686 Senegal
    rows = [row(partnerCode="056", partnerISO="BEL"), row(reporterCode="0686", partnerCode="528")]
    ingest_file(con, write(tmp_path / "m49.csv", rows), source="comtrade")
    assert stored(con) == [("SN", "BE", "040221", "import", 2022),
                           ("SN", "NL", "040221", "import", 2022)]  # fmt: skip


@pytest.mark.parametrize("flow", ["", " "])
def test_a_blank_flow_is_refused(con: duckdb.DuckDBPyConnection, tmp_path: Path, flow: str) -> None:
    path = write(tmp_path / "flow.csv", [row(), row(partnerCode="528", flowCode=flow)])
    with pytest.raises(InputError) as info:
        ingest_file(con, path, source="comtrade")
    assert (info.value.line, info.value.column) == (3, "flowCode")
    assert counts(con) == (0, 0, 0)


def test_several_bad_rows_the_first_is_named(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = [row(), row(partnerCode="528", flowCode=""), row(reporterCode="999"),
            row(period="1987")]  # fmt: skip
    with pytest.raises(InputError) as info:
        ingest_file(con, write(tmp_path / "bad.csv", rows), source="comtrade")
    assert (info.value.line, info.value.column) == (3, "flowCode")


def test_hs4_aggregates_are_not_stored(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    # HS4 totals of the dairy headings read whole (0401, 0403, 0405, 0406) beside their
    # HS6 rows would count the same milk twice
    hs4 = [row(cmdCode=code, aggrLevel="4", isLeaf="False")
           for code in ("0401", "0403", "0405", "0406")]  # fmt: skip
    report = ingest_file(con, write(tmp_path / "hs4.csv", [row(), *hs4]), source="comtrade")
    assert stored(con) == [("SN", "FR", "040221", "import", 2022)]
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (5, 1, 4)
    issues = con.execute("SELECT kind, count, line FROM quality_issues").fetchall()
    assert issues == [("aggregate_code", 4, 3)]
