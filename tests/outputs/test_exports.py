"""Exports: French CSV, XLSX, Parquet and data package round-trips, with their provenance."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import load_workbook

from fairmilk.errors import ParameterError
from fairmilk.indicators.headline import PUBLISHED_COLUMNS
from fairmilk.outputs.exports import export, guess_format, resource_name
from fairmilk.outputs.exports_meta import COLUMNS
from fairmilk.outputs.tables import SYNTHETIC_NOTE, Result

SCHEMA = Path(__file__).parent / "fixtures" / "datapackage.schema.json"


def _result(*, synthetic: bool = True) -> Result:
    """A tiny SYNTHETIC table in the shape of the trade indicator."""
    return Result(
        title="Dairy trade (exports) by year, category",
        columns=["period", "year", "category", "tonnes", "value_eur", "estimated"],
        rows=[
            ("2019", 2019, "smp", 1000.5, 2500000.0, True),
            ("2019", 2019, "butter", None, 100000.25, False),
        ],
        sources=["comext: demo.dat (vintage 1, https://example.org/demo, licence CC BY 4.0)"],
        notes=["A total is a gap when a row has a gap."],
        synthetic=synthetic,
    )


def test_french_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "trade.csv"
    written = export([_result()], path, fmt="csv-fr")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["period", "year", "category", "tonnes", "value_eur", "estimated"]
    assert rows[1][3] == "1000,5"
    assert float(rows[2][4].replace(",", ".")) == 100000.25
    assert rows[2][3] == ""  # a gap stays empty
    side = written[1].read_text(encoding="utf-8")
    assert SYNTHETIC_NOTE in side
    assert "Source: comext: demo.dat" in side


def test_plain_csv_keeps_dot_and_no_bom(tmp_path: Path) -> None:
    path = tmp_path / "trade.csv"
    export([_result()], path)
    text = path.read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    assert "2019,2019,smp,1000.5,2500000.0,True" in text


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "trade.xlsx"
    export([_result()], path)
    book = load_workbook(path)
    assert book.sheetnames == ["data", "sources"]
    data = list(book["data"].iter_rows(values_only=True))
    assert data[0] == ("period", "year", "category", "tonnes", "value_eur", "estimated")
    assert data[1] == ("2019", 2019, "smp", 1000.5, 2500000.0, True)
    assert data[2][3] is None
    meta = {(r[0], r[1]) for r in book["sources"].iter_rows(values_only=True)}
    assert ("synthetic", "yes") in meta
    assert ("note", SYNTHETIC_NOTE) in meta
    assert any(k == "source" and "demo.dat" in v for k, v in meta)


def test_parquet_metadata(tmp_path: Path) -> None:
    path = tmp_path / "trade.parquet"
    export([_result()], path)
    table = pq.read_table(path)
    assert table.column("tonnes").to_pylist() == [1000.5, None]
    meta = json.loads(table.schema.metadata[b"fairmilk"])
    assert meta["synthetic"] is True
    assert meta["sources"] == _result().sources
    assert meta["notes"][0] == SYNTHETIC_NOTE


def test_datapackage_is_valid_and_complete(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    export([_result(), _result(synthetic=False)], folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    jsonschema.validate(descriptor, json.loads(SCHEMA.read_text(encoding="utf-8")))
    first, second = descriptor["resources"]
    assert second["name"] == first["name"] + "-2"
    types = {f["name"]: f["type"] for f in first["schema"]["fields"]}
    assert types == {
        "period": "string",
        "year": "integer",
        "category": "string",
        "tonnes": "number",
        "value_eur": "number",
        "estimated": "boolean",
    }
    assert all(f["description"] for f in first["schema"]["fields"])
    assert first["schema"]["fields"][0]["description_fr"].startswith("Période")
    assert descriptor["licenses"][0]["path"] == "https://creativecommons.org/licenses/by/4.0/"
    assert descriptor["sources"][0]["path"] == "https://example.org/demo"
    assert descriptor["synthetic"] is True
    assert (folder / first["path"]).read_text(encoding="utf-8").startswith("period,year")


def test_datapackage_replaces_an_old_package(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    export([_result()], folder)
    export([_result(synthetic=False)], folder)
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["synthetic"] is False
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pkg"]  # no temporary leftovers


def test_refuses_to_replace_other_folders(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ParameterError, match="not a data package"):
        export([_result()], tmp_path / "pkg")
    assert (tmp_path / "pkg" / "notes.txt").exists()


def test_failed_write_leaves_old_file(tmp_path: Path) -> None:
    path = tmp_path / "trade.parquet"
    path.write_bytes(b"old")
    bad = Result("t", ["a"], [(object(),)])  # pyarrow cannot store an object
    with pytest.raises(pa.ArrowException):
        export([bad], path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["trade.parquet"]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.csv", "csv"), ("a.xlsx", "xlsx"), ("a.parquet", "parquet"), ("pkg", "datapackage")],
)
def test_guess_format(tmp_path: Path, name: str, fmt: str) -> None:
    assert guess_format(tmp_path / name) == fmt


def test_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match="suffix"):
        guess_format(tmp_path / "a.ods")
    with pytest.raises(ParameterError, match="one of"):
        guess_format(tmp_path / "a.csv", "ods")
    assert resource_name("FFMP share (%)") == "ffmp-share"


def test_every_indicator_column_is_described_in_both_languages() -> None:
    golden = Path(__file__).parents[1] / "indicators" / "golden"
    columns = {c for f in golden.glob("*.csv") for c in f.read_text().splitlines()[0].split(",")}
    columns |= {*PUBLISHED_COLUMNS, "measure", "litres_per_kg"}
    assert columns, "no golden files found"
    for name in sorted(columns):
        assert name in COLUMNS, f"column {name} has no description"
        en, fr = COLUMNS[name]
        assert en.strip()
        assert fr.strip()
