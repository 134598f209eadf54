"""Ingest validation from what a reader of the error needs: the whole message (file, line,
column, what was expected, what was found), several bad rows in one file, exact boundaries,
zero-padded codes, and the tolerable oddities with their counts, kilograms and value."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import FIXTURES, classic_line, counts, write_classic

from fairmilk.errors import InputError
from fairmilk.store.trade import ingest_file, list_quality

THIS_YEAR = date.today().year
_TEMPLATE = (FIXTURES / "comtrade_api_small.csv").read_text(encoding="utf-8").splitlines()[:2]
HEADER, FIRST = next(csv.reader([_TEMPLATE[0]])), next(csv.reader([_TEMPLATE[1]]))


def ct_row(**cells: str) -> list[str]:
    """A Comtrade API row (Senegal importing SMP from France in 2022) with changed cells."""
    out = dict(zip(HEADER, FIRST, strict=True))
    if "period" in cells:
        out["refYear"] = cells["period"][:4]
    out.update(cells)
    return [out[h] for h in HEADER]


def ct_write(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([HEADER, *rows])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _error(con: duckdb.DuckDBPyConnection, path: Path, source: str) -> InputError:
    with pytest.raises(InputError) as info:
        ingest_file(con, path, source=source)
    assert counts(con) == (0, 0, 0)
    return info.value


# (name, bad line, column, message, expected, found) -- Comext classic layout
COMEXT = [
    ("reporter", classic_line(rep="ZZ"), "DECLARANT_ISO", "unknown reporter",
     "a known country code (iso2)", "ZZ"),
    ("product", classic_line(code="0402101"), "PRODUCT_NC", "malformed product code",
     "a CN8 code of 8 digits (or a confidential code such as 04XXXXXX)", "0402101"),
    ("flow", classic_line(flow="3"), "FLOW", "unknown flow", "1 (import) or 2 (export)", "3"),
    ("blank_flow", classic_line(flow=""), "FLOW", "unknown flow", "1 (import) or 2 (export)", ""),
    ("period", classic_line(period="201953"), "PERIOD", "period out of range",
     f"YYYYMM with month 01-12 or 52, year 1988 to {THIS_YEAR}", "201953"),
    ("year_only", classic_line(period="2019"), "PERIOD", "period out of range",
     f"YYYYMM with month 01-12 or 52, year 1988 to {THIS_YEAR}", "2019"),
    ("value", classic_line(value="inf"), "VALUE_IN_EUROS", "not a non-negative number",
     "a number >= 0", "inf"),
    ("kg", classic_line(kg="-0.5"), "QUANTITY_IN_KG", "not a non-negative number",
     "a number >= 0 or an empty cell", "-0.5"),
    ("supp_quantity", classic_line(par="CI") + "-3", "SUP_QUANTITY", "not a non-negative number",
     "a number >= 0 or an empty cell", "-3"),
    ("duplicate", classic_line(), "PRODUCT_NC",
     "duplicate key (same reporter, partner, product, flow, period and regime as an earlier "
     "row)", "each key once", "FR|SN|0248|04021019|2|201952|1"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "column", "message", "expected", "found"), COMEXT,
                         ids=[c[0] for c in COMEXT])  # fmt: skip
def test_comext_error_says_where_what_was_expected_and_found(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, name: str, line: str, column: str,
    message: str, expected: str, found: str,
) -> None:  # fmt: skip
    path = write_classic(tmp_path / f"{name}.dat", [classic_line(), line])
    error = _error(con, path, "comext")
    assert (
        str(error) == f"{path}:3: {message} (column {column}); expected {expected}, found {found!r}"
    )


def test_comext_bounds_that_load(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    lines = [classic_line(period="198801"), classic_line(period=f"{THIS_YEAR}01"),
             classic_line(period="201912"), classic_line(period="201952"),
             classic_line(period="201901", value="0", kg="0"),
             classic_line(period="201902", kg=""), classic_line(code="04XXXXXX", period="201903"),
             classic_line(code="1901XXXX", period="201903"),
             classic_line(code="040210XX", period="201903"),
             classic_line(flow="1", period="201901")]  # fmt: skip
    report = ingest_file(con, write_classic(tmp_path / "ok.dat", lines), source="comext")
    assert (report.rows_kept, report.rows_rejected) == (7, 3)
    years = con.execute("SELECT min(year), max(year) FROM trade_flows").fetchone()
    assert years == (1988, THIS_YEAR)


@pytest.mark.parametrize("period", ["198712", f"{THIS_YEAR + 1}01", "201900", "20191", "2019-1"])
def test_comext_periods_out_of_range(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, period: str
) -> None:
    path = write_classic(tmp_path / "p.dat", [classic_line(period=period)])
    error = _error(con, path, "comext")
    assert (error.line, error.column, error.found) == (2, "PERIOD", period)


def test_several_bad_rows_the_first_in_the_file_is_named(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lines = [classic_line(), classic_line(par="CI", value="x", flow="9"),
             classic_line(par="ML", rep="ZZ"), classic_line(par="NE", kg="-1")]  # fmt: skip
    error = _error(con, write_classic(tmp_path / "s.dat", lines), "comext")
    # line 3 is bad twice: the flow is checked before the value
    assert (error.line, error.column, error.found) == (3, "FLOW", "9")


def test_comext_oddities_with_counts_kilograms_and_value(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lines = [classic_line(), classic_line(code="04XXXXXX", value="7", kg="3"),
             classic_line(code="0402XXXX", value="5", kg="1", par="CI"),
             classic_line(par="QV", value="2", kg=""), classic_line(par="CI", kg="")]  # fmt: skip
    report = ingest_file(con, write_classic(tmp_path / "odd.dat", lines), source="comext")
    issues = {i.kind: i for i in report.issues}
    assert set(issues) == {"confidential_product", "non_country_partner", "missing_quantity"}
    conf = issues["confidential_product"]
    assert (conf.line, conf.column, conf.count, conf.quantity_kg, conf.value, conf.currency) == (
        3, "PRODUCT_NC", 2, 4.0, 12.0, "EUR")  # fmt: skip
    assert conf.message == (
        "confidential product code (the source hides the product; it may be dairy): not "
        "stored, cannot be attributed to a product"
    )
    partner = issues["non_country_partner"]
    assert (partner.line, partner.column, partner.count, partner.quantity_kg, partner.value) == (
        5, "PARTNER_ISO", 1, None, 2.0)  # fmt: skip
    assert partner.message == (
        "partner is not a country (confidential, aggregate, special or former code); stored "
        "as X:<code>, attributed to no country"
    )
    missing = issues["missing_quantity"]
    assert (missing.line, missing.count, missing.value) == (5, 2, 1002.0)
    assert missing.message == "no quantity in kg published; stored as a gap"
    assert (report.rows_kept, report.rows_rejected) == (3, 2)


def test_oddities_of_the_first_data_row_are_reported(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # The first data line (line 2, the first staged row) is confidential and has no kg.
    lines = [classic_line(code="04XXXXXX", value="7", kg=""), classic_line(),
             classic_line(code="1901XXXX", value="5", kg="2500", par="CI")]  # fmt: skip
    report = ingest_file(con, write_classic(tmp_path / "first.dat", lines), source="comext")
    assert (report.rows_kept, report.rows_rejected) == (1, 2)
    found = [(i.kind, i.line, i.column, i.count, i.quantity_kg, i.value) for i in report.issues]
    # kg: the empty cell is a gap, so only line 4's 2500 kg; value: 7 + 5 euros
    assert sorted(found) == [
        ("confidential_product", 2, "PRODUCT_NC", 2, 2500.0, 12.0),
        ("missing_quantity", 2, "QUANTITY_IN_KG", 1, None, 7.0),
    ]
    _columns, rows = list_quality(con)
    assert [r[:8] for r in rows] == [
        ("first.dat", "confidential_product", 2, 2.5, 12.0, "EUR", 2, "PRODUCT_NC"),
        ("first.dat", "missing_quantity", 1, None, 7.0, "EUR", 2, "QUANTITY_IN_KG"),
    ]


# (name, row, column, message, expected, found) -- Comtrade API layout
COMTRADE = [
    ("reporter", ct_row(reporterCode="999"), "reporterCode", "unknown reporter",
     "a known country code (m49)", "999"),
    ("product", ct_row(cmdCode="04011"), "cmdCode", "malformed product code",
     "an HS code of 2, 4 or 6 digits", "04011"),
    ("flow", ct_row(flowCode=" "), "flowCode", "unknown flow", "a flow code (M or X)", ""),
    ("period", ct_row(period="202213"), "period", "period out of range",
     f"YYYYMM with month 01-12, or YYYY, year 1988 to {THIS_YEAR}", "202213"),
    ("value", ct_row(primaryValue="-1"), "primaryValue", "not a non-negative number",
     "a number >= 0", "-1"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "row", "column", "message", "expected", "found"), COMTRADE,
                         ids=[c[0] for c in COMTRADE])  # fmt: skip
def test_comtrade_error_says_where_what_was_expected_and_found(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, name: str, row: list[str], column: str,
    message: str, expected: str, found: str,
) -> None:  # fmt: skip
    path = ct_write(tmp_path / f"{name}.csv", [ct_row(partnerCode="384"), row])
    error = _error(con, path, "comtrade")
    assert (error.line, error.column, error.reason) == (3, column, message)
    assert (error.expected, error.found) == (expected, found)


def test_comtrade_zero_padded_codes_and_month_rows_load(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = [ct_row(reporterCode="0686", partnerCode="0251"),
            ct_row(period="202212", refMonth="12", partnerCode="384"),
            ct_row(period="202201", refMonth="1", partnerCode="384"),
            ct_row(cmdCode="0401", partnerCode="528")]  # fmt: skip
    report = ingest_file(con, ct_write(tmp_path / "ok.csv", rows), source="comtrade")
    assert (report.rows_kept, report.rows_rejected) == (3, 1)
    stored = con.execute(
        "SELECT reporter, partner, year, month FROM trade_flows ORDER BY partner, month"
    ).fetchall()
    assert stored == [("SN", "CI", 2022, 1), ("SN", "CI", 2022, 12), ("SN", "FR", 2022, None)]
    (issue,) = report.issues
    assert (issue.kind, issue.column, issue.count, issue.line) == (
        "aggregate_code",
        "cmdCode",
        1,
        5,
    )
    assert issue.message == "aggregate HS2/HS4 row: not stored (HS6 rows only)"


def test_comtrade_flows_kept_apart_and_former_reporters(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = [ct_row(), ct_row(flowCode="RX", partnerCode="384", primaryValue="3", netWgt="1"),
            ct_row(flowCode="RM", partnerCode="384", primaryValue="4", netWgt="2"),
            ct_row(flowCode="DX", partnerCode="384", primaryValue="5", netWgt="3"),
            ct_row(reporterCode="890", period="1990", partnerCode="384"),
            ct_row(partnerCode="0", partner2Code="0")]  # fmt: skip
    report = ingest_file(con, ct_write(tmp_path / "f.csv", rows), source="comtrade")
    issues = {i.kind: i for i in report.issues}
    re_export, re_import, other = issues["re_export"], issues["re_import"], issues["other_flow"]
    assert (re_export.count, re_export.value, re_export.quantity_kg, re_export.line) == (
        1,
        3.0,
        1.0,
        3,
    )
    assert re_export.message == "re-export: kept apart, never added to exports; not stored"
    assert (re_export.column, re_import.column) == ("flowCode", "flowCode")
    assert (re_import.value, re_import.line) == (4.0, 4)
    assert re_import.message == "re-import: kept apart, never added to imports; not stored"
    assert (other.value, other.line, other.column) == (5.0, 5, "flowCode")
    assert other.message == (
        "flow other than import, export, re-import or re-export (domestic exports, foreign "
        "imports, processing...): not stored"
    )
    former = issues["former_reporter"]
    assert (former.count, former.line, former.column) == (1, 6, "reporterCode")
    assert former.message == (
        "reporter is a former country or group with no single successor; stored as X:<code>, "
        "attributed to no country"
    )
    assert issues["non_country_partner"].line == 7
    assert (report.rows_kept, report.rows_rejected) == (3, 3)
    reporters = con.execute("SELECT list_sort(list(DISTINCT reporter)) FROM trade_flows")
    assert reporters.fetchone() == (["SN", "X:890"],)


def test_a_former_code_is_unknown_after_its_last_year(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    path = ct_write(tmp_path / "late.csv", [ct_row(reporterCode="890", period="1993")])
    error = _error(con, path, "comtrade")
    assert (error.line, error.column, error.reason, error.found) == (
        2, "reporterCode", "unknown reporter", "890")  # fmt: skip
    ok = ct_write(tmp_path / "last.csv", [ct_row(reporterCode="890", period="1992")])
    assert ingest_file(con, ok, source="comtrade").rows_kept == 1
