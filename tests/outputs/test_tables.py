"""Terminal, CSV and JSON rendering keep sources, gaps and the synthetic label."""

from __future__ import annotations

import json

import pytest
from rich.console import Console

from fairmilk.outputs.tables import Result, labelled, print_result, to_csv, to_json


def _result(*, synthetic: bool) -> Result:
    return Result(
        "Demo",
        ["geo", "tonnes"],
        [("SN", 1.5), ("ML", None)],
        sources=["Eurostat Comext"],
        synthetic=synthetic,
    )


def test_json_keeps_gaps_sources_and_label() -> None:
    doc = json.loads(to_json(_result(synthetic=True)))
    assert doc["data"][1] == {"geo": "ML", "tonnes": None}
    assert doc["sources"] == ["Eurostat Comext"]
    assert doc["synthetic"] is True
    assert doc["notes"][0].startswith("SYNTHETIC DATA")


def test_csv_gap_is_an_empty_cell() -> None:
    assert to_csv(_result(synthetic=False)).splitlines() == ["geo,tonnes", "SN,1.5", "ML,"]


def test_synthetic_csv_gets_a_label_column() -> None:
    lines = to_csv(labelled(_result(synthetic=True))).splitlines()
    assert lines == ["geo,tonnes,synthetic", "SN,1.5,True", "ML,,True"]


def test_real_csv_is_left_alone() -> None:
    real = _result(synthetic=False)
    assert labelled(real) is real


def test_csv_notes_go_to_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    print_result(_result(synthetic=True), "csv", console=Console(file=None))
    captured = capsys.readouterr()
    assert "synthetic" in captured.out.splitlines()[0]
    assert "# Source: Eurostat Comext" in captured.err
    assert "SYNTHETIC" in captured.err


def test_table_prints_gap_dash_and_sources() -> None:
    console = Console(record=True, width=120)
    print_result(_result(synthetic=False), "table", console=console)
    text = console.export_text()
    assert "–" in text
    assert "Source: Eurostat Comext" in text
