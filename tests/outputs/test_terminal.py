"""Terminal tables fit 80 and 100 columns: numbers whole, percentages with one decimal."""

from __future__ import annotations

import re

import pytest

from fairmilk.outputs.tables import Result, print_result, to_csv, to_json
from fairmilk.outputs.terminal import cell_text, plan

COLUMNS = ["period", "category", "tonnes", "value_eur", "unit_value_eur_per_t",
           "milk_equivalent_t", "growth_tonnes_pct", "growth_value_pct", "coverage_pct",
           "note"]  # fmt: skip


def _result() -> Result:
    """SYNTHETIC rows shaped like the trade table, with a long note and big numbers."""
    rows = [
        ("2019", "liquid_milk", 123456789.25, 987654321.5, 2345.678, 1234567.0, 12.3456,
         -7.891, 91.8149, "a long note " * 8),
        ("2020", "smp", None, 12.5, None, None, 0.04999, None, 100.0, None),
    ]  # fmt: skip
    return Result("Dairy trade by year", COLUMNS, rows, synthetic=True)


@pytest.mark.parametrize("width", [80, 100])
def test_tables_fit_the_width_and_never_split_a_number(
    width: int, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    print_result(_result(), "table")
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= width
    table = [line for line in lines if line.startswith("│")]
    for number in ("123,456,789", "987,654,322", "2,346"):
        if any(number[:3] in line for line in table):  # the column is shown: whole
            assert any(number in line for line in table), number
    assert "Not shown at this width" in out  # what was left out is named
    assert "note" in out.split("Not shown at this width")[1]  # the long text went first
    assert "SYNTHETIC DATA" in out


def test_headers_are_human_and_percentages_have_one_decimal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    print_result(_result(), "table")
    out = capsys.readouterr().out
    assert "value (EUR)" in out
    assert "value_eur" not in out.split("Note:")[0]
    assert re.search(r"│\s+12\.3\s+│", out)
    assert re.search(r"│\s+-7\.9\s+│", out)
    assert re.search(r"│\s+91\.8\s+│", out)
    assert "91.81" not in out


def test_csv_and_json_keep_full_precision() -> None:
    assert "12.3456" in to_csv(_result())
    assert "91.8149" in to_json(_result())


def test_cells_and_plan() -> None:
    assert cell_text(0.04999, "growth_tonnes_pct") == "0.0"
    assert cell_text(None, "tonnes") == "–"
    assert cell_text(1234567.4, "tonnes") == "1,234,567"
    shown, left = plan(COLUMNS, _result().rows, 60)
    assert list(shown)[:2] == [0, 1]  # the first columns always come first
    assert "note" in left
    assert 1 + sum(w + 3 for w in shown.values()) <= 60
