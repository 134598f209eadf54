"""The trade, export and headline commands on a synthetic fixture store."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import FairmilkError


@pytest.fixture
def db(fixture_store_file: Path) -> Path:
    """The fixture store file (the CLI opens it read-only)."""
    return fixture_store_file


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_trade_json_filters_and_sources(db: Path) -> None:
    out = _run("trade", "--db", str(db), "--destination", "ecowas", "--from", "2025-02",
               "--to", "2025-02", "-f", "json")  # fmt: skip
    assert json.loads(out)["data"] == []  # Mali left ECOWAS in January 2025
    out = _run("trade", "--db", str(db), "--destination", "west-africa", "--category", "smp",
               "--by", "year", "-f", "json")  # fmt: skip
    doc = json.loads(out)
    assert [(r["period"], r["tonnes"]) for r in doc["data"]] == [
        ("2019", 1000.0), ("2020", 1200.0), ("2024", 50.0), ("2025", 60.0)
    ]  # fmt: skip
    assert doc["synthetic"] is True
    assert doc["notes"][0].startswith("SYNTHETIC DATA")
    assert any("synthetic_comext_2019.dat" in s for s in doc["sources"])


def test_trade_table_is_compact_and_labelled(db: Path) -> None:
    out = _run("trade", "--db", str(db), "--by", "year,category", "--from", "2019", "--to",
               "2019")  # fmt: skip
    assert "SYNTHETIC DATA" in out
    assert "Source: comext: synthetic_comext_2019.dat" in out
    table = out.split("Note:")[0]
    assert "Dairy trade (exports) by year, category" in table
    assert "value_u" not in table  # empty throughout, left out of the terminal table


def test_ffmp_and_dependency_csv(db: Path) -> None:
    out = _run("trade", "ffmp", "--db", str(db), "-f", "csv")
    assert out.splitlines()[1].startswith("2019,19019099,2000.0,1000.0,1100.0,1200.0,True")
    out = _run("trade", "ffmp", "--db", str(db), "-f", "csv", "--band-low", "0.4",
               "--band-central", "0.5", "--band-high", "0.6")  # fmt: skip
    assert out.splitlines()[1].startswith("2019,19019099,2000.0,800.0,1000.0,1200.0,True")
    out = _run("trade", "dependency", "--db", str(db), "--country", "SN", "-f", "csv")
    assert out.splitlines()[1].startswith("SN,2019,250000.0,200000.0,100000.0,10000.0,16000000.0,")


def test_export_xlsx_and_package(db: Path, tmp_path: Path) -> None:
    out = _run("export", "trade", "--db", str(db), "-o", str(tmp_path / "t.xlsx"),
               "--destination", "SN", "--by", "year")  # fmt: skip
    assert "SYNTHETIC" in out
    data = list(load_workbook(tmp_path / "t.xlsx")["data"].iter_rows(values_only=True))
    assert [r[0] for r in data[1:]] == ["2019", "2020"]
    _run("export", "headline", "--db", str(db), "-o", str(tmp_path / "pkg"))
    descriptor = json.loads((tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8"))
    assert len(descriptor["resources"]) == 4
    assert descriptor["synthetic"] is True


def test_headline_command(db: Path) -> None:
    out = _run("headline", "--db", str(db), "-f", "json")
    titles = [line for line in out.splitlines() if line.startswith('  "title"')]
    assert titles[0].endswith('by category, 2020",')  # latest complete year


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["trade", "--by", "week"], "by: expected some of"),
        (["trade", "--destination", "Senegal"], "unknown country or region code for --destination"),
        (["trade", "--from", "2019-13"], "expected a year (2019) or a month"),
        (["export", "trade", "-o", "x.ods"], "cannot tell the format"),
    ],
)
def test_user_errors(db: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    assert isinstance(result.exception, FairmilkError)
    assert message in str(result.exception)


def test_user_error_is_one_line_without_traceback(db: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fairmilk", "trade", "--by", "week", "--db", str(db)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("Error: by: expected some of")
    assert "Traceback" not in done.stderr
