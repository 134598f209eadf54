"""User price files in the long layout: reading, clear errors, all-or-nothing loading."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest

from fairmilk.errors import InputError
from fairmilk.ingest.prices import read_price_file
from fairmilk.store.prices import load_price_file


def test_reads_the_documented_layout(price_fixtures: Path) -> None:
    records = read_price_file(price_fixtures / "prices_ok.csv")
    assert [(r.series, r.geo, r.period, r.unit) for r in records] == [
        ("local_fresh_price", "BF", "2019", "XOF/L"),
        ("local_fresh_price", "NG", "2023-12", "NGN/L"),
        ("farmgate_milk_price", "DE", "2014-01", "EURc/kg"),
    ]
    assert records[0].value == 600
    assert (records[1].value, records[1].value_low, records[1].value_high) == (None, 300, 600)
    assert records[1].month == 12


def test_unknown_unit_names_file_line_and_column(price_fixtures: Path) -> None:
    with pytest.raises(InputError) as err:
        read_price_file(price_fixtures / "prices_bad_unit.csv")
    e = err.value
    assert (e.file, e.line, e.column, e.found) == (
        "prices_bad_unit.csv",
        3,
        "unit",
        "FCFA per calabash",
    )
    assert "EUR/100kg" in (e.expected or "")


def test_negative_price_is_refused(price_fixtures: Path) -> None:
    with pytest.raises(InputError, match="never negative") as err:
        read_price_file(price_fixtures / "prices_negative.csv")
    assert (err.value.line, err.value.column) == (2, "value")


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("local_fresh_price,BF,2019-13,600,XOF/L,https://x", "period"),
        ("local_fresh_price,Burkina,2019,600,XOF/L,https://x", "geo"),
        ("Local Price,BF,2019,600,XOF/L,https://x", "series"),
        ("local_fresh_price,BF,2019,600,XOF/L,", "source_url"),
        ("local_fresh_price,BF,2019,,XOF/L,https://x", "value"),
        ("local_fresh_price,BF,2019,abc,XOF/L,https://x", "value"),
    ],
)
def test_bad_cells(tmp_path: Path, row: str, column: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("series,geo,period,value,unit,source_url\n" + row + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_price_file(path)
    assert (err.value.line, err.value.column) == (2, column)


def test_missing_column(tmp_path: Path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("series,geo,period,value\nx,BF,2019,1\n", encoding="utf-8")
    with pytest.raises(InputError, match="missing columns"):
        read_price_file(path)


def test_reads_xlsx(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Series", "Geo", "Period", "Value", "Unit", "Source_URL"])
    sheet.append(["local_fresh_price", "SN", "2015", 250, "XOF/L", "https://issuu.com/eismv"])
    path = tmp_path / "prices.xlsx"
    book.save(path)
    (record,) = read_price_file(path)
    assert (record.geo, record.value, record.unit) == ("SN", 250.0, "XOF/L")


def test_nothing_is_loaded_from_a_bad_file(
    con: duckdb.DuckDBPyConnection, price_fixtures: Path
) -> None:
    with pytest.raises(InputError):
        load_price_file(con, price_fixtures / "prices_bad_unit.csv")
    assert con.execute("SELECT count(*) FROM prices").fetchone() == (0,)
    assert con.execute("SELECT count(*) FROM source_files").fetchone() == (0,)


def test_loading_is_idempotent_and_versioned(
    con: duckdb.DuckDBPyConnection, tmp_path: Path, price_fixtures: Path
) -> None:
    path = tmp_path / "mine.csv"
    path.write_bytes((price_fixtures / "prices_ok.csv").read_bytes())
    assert load_price_file(con, path)[1] == 3
    assert load_price_file(con, path)[1] == 0  # same bytes: nothing to do
    path.write_text(
        path.read_text(encoding="utf-8").replace("600,XOF/L", "650,XOF/L", 1), encoding="utf-8"
    )
    assert load_price_file(con, path)[1] == 3
    vintages = con.execute(
        "SELECT vintage, is_current FROM source_files ORDER BY vintage"
    ).fetchall()
    assert vintages == [(1, False), (2, True)]
    current = con.execute(
        "SELECT value FROM prices_current WHERE geo = 'BF' AND series = 'local_fresh_price'"
    ).fetchall()
    assert current == [(650.0,)]
