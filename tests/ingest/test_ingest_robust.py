"""Real files as they come: variant codes, text flows, confidential codes, odd spellings."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import FIXTURES, classic_line, write_classic

from fairmilk.errors import InputError
from fairmilk.store.trade import ingest_file


def _header(name: str) -> list[str]:
    first = (FIXTURES / name).read_text(encoding="utf-8").splitlines()[0]
    return next(csv.reader([first]))


LEGACY_HEADER = _header("comtrade_legacy_small.csv")
API_HEADER = _header("comtrade_api_small.csv")


def write_rows(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    """A CSV file with ``header``; each row gives some cells, the others are empty."""
    with path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(header)
        out.writerows([[r.get(name, "") for name in header] for r in rows])
    return path


def legacy(
    flow_code: str, flow: str, *, rep: str = "686", par: str = "251", year: str = "2017",
    code: str = "040221", usd: str = "1000", kg: str = "400",
) -> dict[str, str]:  # fmt: skip
    """One legacy Comtrade row (the columns fairmilk reads)."""
    return {
        "Classification": "H4", "Year": year, "Period": year, "Aggregate Level": "6",
        "Trade Flow Code": flow_code, "Trade Flow": flow, "Reporter Code": rep,
        "Partner Code": par, "Commodity Code": code, "Qty Unit Code": "8", "Qty": kg,
        "Netweight (kg)": kg, "Trade Value (US$)": usd, "Flag": "0",
    }  # fmt: skip


def _rows(con: duckdb.DuckDBPyConnection) -> list[tuple[object, ...]]:
    return con.execute(
        "SELECT reporter, partner, flow, value_usd, quantity_kg FROM trade_flows ORDER BY ALL"
    ).fetchall()


def test_text_flows_with_code_0_are_mapped_and_re_flows_kept_apart(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    rows = [
        legacy("0", "M", usd="100", kg="10"),
        legacy("0", "X", usd="200", kg="20"),
        legacy("0", "RX", usd="300", kg="30"),
        legacy("0", "RM", usd="400", kg="40"),
        legacy("0", "DX", usd="500", kg="50"),
        legacy("0", "FM", usd="600", kg="60"),
        legacy("0", "Re-Export", par="528", usd="700", kg="70"),
        legacy("0", "Import", par="528", usd="800", kg="80"),
    ]
    report = ingest_file(con, write_rows(tmp_path / "legacy.csv", LEGACY_HEADER, rows),
                         source="comtrade")  # fmt: skip
    assert _rows(con) == [
        ("SN", "FR", "export", 200.0, 20.0),
        ("SN", "FR", "import", 100.0, 10.0),
        ("SN", "NL", "import", 800.0, 80.0),
    ]
    held = {i.kind: (i.count, i.quantity_kg, i.value, i.currency) for i in report.issues}
    assert held["re_export"] == (2, 100.0, 1000.0, "USD")
    assert held["re_import"] == (1, 40.0, 400.0, "USD")
    assert held["other_flow"] == (2, 110.0, 1100.0, "USD")
    assert report.rows_kept == 3


def test_variant_and_former_codes_are_dated(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    rows = [
        legacy("1", "Import", rep="381", par="686", year="2017"),  # Italy as Comtrade 381
        legacy("2", "Export", rep="0686", par="280", year="1989"),  # West Germany, to 1990
        legacy("2", "Export", rep="686", par="280", year="1995"),  # 280 no longer in use
        legacy("2", "Export", rep="58", par="686", year="1995"),  # Belgium-Luxembourg
        legacy("2", "Export", rep="686", par="736", year="2005"),  # Sudan (...2011)
    ]
    report = ingest_file(con, write_rows(tmp_path / "old.csv", LEGACY_HEADER, rows),
                         source="comtrade")  # fmt: skip
    got = con.execute(
        "SELECT reporter, partner, year FROM trade_flows ORDER BY year, reporter"
    ).fetchall()
    assert got == [
        ("SN", "DE", 1989),
        ("SN", "X:280", 1995),
        ("X:58", "SN", 1995),
        ("SN", "SD", 2005),
        ("IT", "SN", 2017),
    ]
    kinds = {i.kind: i.count for i in report.issues}
    assert kinds["former_reporter"] == 1
    assert kinds["non_country_partner"] == 1


def test_codes_are_one_key_whatever_their_case_spaces_or_zeros(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    spelled = write_classic(tmp_path / "case.dat", [classic_line(rep="fr", par=" sn ")])
    ingest_file(con, spelled, source="comext")
    assert con.execute("SELECT reporter, partner FROM trade_flows").fetchall() == [("FR", "SN")]
    twice = [classic_line(rep="FR", par="SN"), classic_line(rep=" fr", par="sn")]
    with pytest.raises(InputError, match="duplicate key"):
        ingest_file(con, write_classic(tmp_path / "twice.dat", twice), source="comext")
    zeros = [legacy("1", "Import", par="686", rep="251"), legacy("1", "Import", par="0686",
                                                                 rep="251")]  # fmt: skip
    with pytest.raises(InputError, match="duplicate key"):
        ingest_file(con, write_rows(tmp_path / "z.csv", LEGACY_HEADER, zeros), source="comtrade")


def test_confidential_codes_are_counted_with_what_cannot_be_attributed(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    lines = [
        classic_line(),
        classic_line(code="04XXXXXX", value="7000", kg="3000"),
        classic_line(code="1901XXXX", value="500", kg="100"),
        classic_line(code="39XXXXXX", value="99999", kg="99999"),  # plastics: not dairy
        classic_line(par="QV", value="250", kg="50"),  # a confidential partner
    ]
    report = ingest_file(con, write_classic(tmp_path / "conf.dat", lines), source="comext")
    held = {i.kind: (i.count, i.quantity_kg, i.value, i.currency) for i in report.issues}
    assert held["confidential_product"] == (2, 3100.0, 7500.0, "EUR")
    assert held["non_country_partner"] == (1, 50.0, 250.0, "EUR")
    assert (report.rows_kept, report.rows_rejected) == (2, 2)
    assert con.execute("SELECT list_sort(list(partner)) FROM trade_flows").fetchone() == (
        ["SN", "X:QV"],
    )
    stored = con.execute(
        "SELECT kind, count, quantity_kg, value, currency FROM quality_issues "
        "WHERE kind = 'confidential_product'"
    ).fetchall()
    assert stored == [("confidential_product", 2, 3100.0, 7500.0, "EUR")]


def test_comtrade_api_reporter_with_leading_zero(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    row = {
        "reporterCode": "0686", "reporterDesc": "Senegal", "flowCode": "m", "partnerCode": "251",
        "partner2Code": "0", "cmdCode": "040221", "customsCode": "C00", "motCode": "0",
        "period": "2022", "primaryValue": "10", "netWgt": "5", "isReported": "True",
        "isNetWgtEstimated": "False", "isQtyEstimated": "False",
    }  # fmt: skip
    ingest_file(con, write_rows(tmp_path / "api.csv", API_HEADER, [row]), source="comtrade")
    assert _rows(con) == [("SN", "FR", "import", 10.0, 5.0)]
