"""Every CSV or XLSX export is formula-safe: a text cell that a spreadsheet would run as a
formula is written as text; numbers (negative ones too) stay numbers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from fairmilk.cli import main
from fairmilk.outputs.exports import write_xlsx
from fairmilk.outputs.tables import Result, to_csv
from fairmilk.register.reader import read_submission
from fairmilk.register.store import connect, default_path
from fairmilk.register.submissions import save_submission

HOSTILE = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]


def _result() -> Result:
    rows = [(text, -5, -2.5, True) for text in HOSTILE]
    return Result("t", ["text", "int", "float", "flag"], rows)


@pytest.mark.parametrize("french", [False, True])
def test_csv_text_cells_are_prefixed_and_numbers_kept(french: bool) -> None:
    text = to_csv(_result(), delimiter=";" if french else ",", decimal_comma=french)
    assert "'\rCR" in text
    text = text.replace("'\rCR", "'CR")  # a bare CR inside a cell is not CSV the reader takes
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if french else ","))[1:]
    assert [r[0] for r in rows] == ["'" + h for h in HOSTILE[:-1]] + ["'CR"]
    assert {r[1] for r in rows} == {"-5"}
    assert {r[2] for r in rows} == {"-2,5" if french else "-2.5"}


def test_xlsx_text_starting_with_equals_is_not_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(_result(), path)
    sheet = load_workbook(path)["data"]
    first = sheet.cell(row=2, column=1)
    assert first.data_type == "s"
    assert first.value == HOSTILE[0]
    assert sheet.cell(row=2, column=2).value == -5


def test_cli_register_csv_is_formula_safe(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "reg.duckdb"
    con = connect(str(default_path(db)))
    record = read_submission("Title of your submission: =cmd|'/c calc'!A1\n", source_name="x")
    save_submission(con, record, via="cli")
    con.close()
    monkeypatch.setattr("sys.argv", ["fairmilk", "register", "list", "--format", "csv",
                                     "--db", str(db)])  # fmt: skip
    main()  # returns normally on success
    out = capsys.readouterr().out
    assert "'=cmd" in out
    assert ",=cmd" not in out
