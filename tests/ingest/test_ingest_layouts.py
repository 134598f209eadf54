"""Each real layout, plain, gzip and 7z: the stored rows are exactly the dairy rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import classic_line, gzipped, sevenzipped, write_classic

from fairmilk.store.trade import ingest_file

STORED = (
    "SELECT reporter, partner, product_code, flow, year, month, value_eur, value_usd, "
    "quantity_kg FROM trade_flows ORDER BY reporter, partner, product_code, flow"
)

EXPECTED = {
    "comext_classic_small.dat": [
        ("BE", "ML", "04022118", "export", 2019, None, 450000.0, None, 150000.0),
        ("ES", "SN", "04061080", "export", 2019, None, 33000.0, None, None),
        ("FR", "SN", "04021019", "export", 2019, None, 5234567.0, None, 2100000.0),
        ("FR", "X:QU", "04069099", "export", 2019, None, 70000.0, None, None),
        ("IT", "US", "04069017", "import", 2019, None, 82000.0, None, 9100.0),
        ("NL", "CI", "19019099", "export", 2019, None, 9876543.0, None, 4400000.0),
    ],
    "comext_full_v2_small.dat": [
        ("FR", "SN", "04021019", "export", 2023, 5, 812000.0, None, 310000.0),
        ("IE", "NG", "19019095", "export", 2023, 5, 2210000.0, None, 980000.0),
        ("NL", "GH", "19019095", "export", 2023, 5, 1650000.0, None, 720000.0),
        ("PL", "X:XS", "04059010", "export", 2023, 5, 12000.0, None, 3000.0),
    ],
    "comtrade_api_small.csv": [
        ("SN", "FR", "040221", "import", 2022, None, None, 21500000.5, 5400000.0),
        ("SN", "NL", "190190", "import", 2022, None, None, 9800000.0, 3100000.0),
        ("SN", "X:0", "040221", "import", 2022, None, None, 36000000.0, 9000000.0),
    ],
    "comtrade_bulk_small.txt": [
        ("CI", "FR", "040221", "import", 2021, 3, None, 1020000.0, 250000.0),
        ("CI", "NL", "190190", "import", 2021, 3, None, 640000.0, None),
    ],
    "comtrade_legacy_small.csv": [
        ("NG", "BJ", "040299", "export", 2016, None, None, 260000.0, 90000.0),
        ("NG", "IE", "190190", "import", 2016, None, None, 11900000.0, 5200000.0),
        ("NG", "NL", "040221", "import", 2016, None, None, 25400000.0, 7100000.0),
    ],
}
LAYOUT = {
    "comext_classic_small.dat": "comext-classic",
    "comext_full_v2_small.dat": "comext-full-v2",
    "comtrade_api_small.csv": "comtrade-api",
    "comtrade_bulk_small.txt": "comtrade-bulk",
    "comtrade_legacy_small.csv": "comtrade-legacy",
}


def _variant(path: Path, kind: str, tmp: Path) -> Path:
    if kind == "gz":
        return gzipped(path, tmp / (path.name + ".gz"))
    if kind == "7z":
        return sevenzipped(path, tmp / (path.name + ".7z"))
    return path


@pytest.mark.parametrize("kind", ["plain", "gz", "7z"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_rows_stored(
    con: duckdb.DuckDBPyConnection,
    fixture_file: Callable[[str], Path],
    tmp_path: Path,
    name: str,
    kind: str,
) -> None:
    path = _variant(fixture_file(name), kind, tmp_path)
    source = "comext" if name.startswith("comext") else "comtrade"
    report = ingest_file(con, path, source=source)
    assert report.layout == LAYOUT[name]
    assert report.status == "loaded"
    assert con.execute(STORED).fetchall() == EXPECTED[name]
    assert report.rows_kept == len(EXPECTED[name])


def test_counts_and_provenance(
    con: duckdb.DuckDBPyConnection, fixture_file: Callable[[str], Path]
) -> None:
    path = fixture_file("comtrade_api_small.csv")
    report = ingest_file(con, path, source="comtrade")
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (5, 3, 1)
    row = con.execute(
        "SELECT file_name, size_bytes, layout, rows_read, rows_kept, rows_rejected, synthetic, "
        "fairmilk_version IS NOT NULL, finished_at >= started_at, is_current FROM source_files"
    ).fetchone()
    assert row == (
        "comtrade_api_small.csv",
        path.stat().st_size,
        "comtrade-api",
        5,
        3,
        1,
        False,
        True,
        True,
        True,
    )
    assert report.dataset_key == "comtrade:SN:2022:import:0402+1901"


def test_flags_and_units_kept(
    con: duckdb.DuckDBPyConnection, fixture_file: Callable[[str], Path]
) -> None:
    ingest_file(con, fixture_file("comtrade_api_small.csv"), source="comtrade")
    row = con.execute(
        "SELECT supp_unit, supp_quantity, stat_regime, flag FROM trade_flows WHERE partner = 'NL'"
    ).fetchone()
    assert row == (
        "8",
        3100000.0,
        "C00",
        "isReported=True;isNetWgtEstimated=True;isQtyEstimated=False",
    )


def test_quality_issues_aggregated(
    con: duckdb.DuckDBPyConnection, fixture_file: Callable[[str], Path]
) -> None:
    ingest_file(con, fixture_file("comext_classic_small.dat"), source="comext")
    rows = con.execute(
        "SELECT kind, count, line, column_name FROM quality_issues ORDER BY kind"
    ).fetchall()
    assert rows == [
        ("missing_quantity", 2, 6, "QUANTITY_IN_KG"),
        ("non_country_partner", 1, 6, "PARTNER_ISO"),
    ]


def test_comtrade_breakdown_rows_not_double_counted(
    con: duckdb.DuckDBPyConnection, fixture_file: Callable[[str], Path]
) -> None:
    # The bulk fixture holds a total row (motCode 0) and a breakdown row (motCode 1).
    ingest_file(con, fixture_file("comtrade_bulk_small.txt"), source="comtrade")
    total = con.execute("SELECT sum(value_usd) FROM trade_flows WHERE partner = 'FR'").fetchone()
    assert total == (1020000.0,)


def test_eurostat_aliases_stored_as_iso(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    from ingest_helpers import classic_line, write_classic

    path = write_classic(tmp_path / "el.dat", [classic_line(rep="EL", par="UK")])
    ingest_file(con, path, source="comext")
    assert con.execute("SELECT reporter, partner FROM trade_flows").fetchall() == [("GR", "GB")]


def test_a_file_name_with_quotes_is_stored_as_it_is(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    # The load writes the file's name into its statements as a SQL literal (no bound
    # parameter): quotes and SQL-looking text must come back unchanged.
    name = "o'brien's \"dairy\"; DROP TABLE source_files; --.dat"
    path = write_classic(tmp_path / name, [classic_line(), classic_line(par="CI")])
    report = ingest_file(con, path, source="comext")
    again = ingest_file(con, path, source="comext")
    assert (report.status, again.status) == ("loaded", "unchanged")
    assert con.execute("SELECT file_name FROM source_files WHERE source = 'comext'").fetchall() == [
        (name,)
    ]


@pytest.mark.parametrize("kind", ["plain", "gz", "7z"])
def test_rows_read_without_the_scans_count(
    con: duckdb.DuckDBPyConnection,
    fixture_file: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """When DuckDB's profile gives no row count, the lines are counted instead: same rows."""
    import fairmilk.ingest.prepare as prepare

    monkeypatch.setattr(prepare, "rows_read", lambda con: None)
    path = _variant(fixture_file("comtrade_api_small.csv"), kind, tmp_path)
    report = ingest_file(con, path, source="comtrade")
    assert (report.rows_read, report.rows_kept, report.rows_rejected) == (5, 3, 1)
