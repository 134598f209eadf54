"""The prices and policy commands: tables with sources, JSON output, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import ConversionError, InputError
from fairmilk.indicators import price_tables
from fairmilk.indicators.dumping import UnitValue
from fairmilk.store.reference import load_reference

runner = CliRunner()


@pytest.fixture(autouse=True)
def _db(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))


def test_coverage_json_carries_sources_and_notes() -> None:
    result = runner.invoke(app, ["prices", "coverage", "--geo", "DE", "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    row = next(r for r in doc["data"] if r["period"] == "2016-01")
    assert row["coverage_pct"] == pytest.approx(100 * 28.66 / 44.94)
    assert doc["sources"]
    assert doc["notes"]


def test_list_converts_units() -> None:
    args = ["prices", "list", "--series", "product_quotation_smp", "--geo", "DE", "--unit",
            "EURc/kg", "-f", "json"]  # fmt: skip
    doc = json.loads(runner.invoke(app, args).output)
    values = {r["period"]: r["value"] for r in doc["data"]}
    assert values["2019"] == pytest.approx(215.4)


def test_convert_and_missing_rate() -> None:
    ok = runner.invoke(app, ["prices", "convert", "0.91", "--from", "EUR/L", "--to", "XOF/L"])
    assert "596.921 XOF/L" in ok.output
    bad = runner.invoke(app, ["prices", "convert", "1", "--from", "XOF/L", "--to", "GHS/L",
                              "--year", "1990"])  # fmt: skip
    assert isinstance(bad.exception, ConversionError)


def test_ingest_prices_command(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text(
        "series,geo,period,value,unit,source_url\nlocal_fresh_price,ML,2016,300,XOF/L,https://x\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["ingest", "prices", str(path)])
    assert "1 price rows loaded" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "series,geo,period,value,unit,source_url\nx,ML,2016,-3,XOF/L,u\n", encoding="utf-8"
    )
    assert isinstance(runner.invoke(app, ["ingest", "prices", str(bad)]).exception, InputError)


def test_per_litre_and_tariff_commands(
    monkeypatch: pytest.MonkeyPatch, con: duckdb.DuckDBPyConnection
) -> None:
    load_reference(con)  # FAOSTAT trade and the exchange rates
    con.close()
    synthetic = [
        UnitValue(year, "smp", "BF", 2000.0, "comext", synthetic=True) for year in (2019, 2021)
    ]
    monkeypatch.setattr(
        price_tables, "eu_powder_unit_values", lambda con, destinations: (synthetic, [], True)
    )
    args = ["prices", "per-litre", "--country", "BF", "--powder", "smp", "-f", "json"]
    result = runner.invoke(app, [*args, "--year", "2019"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["synthetic"] is False  # a real FAO unit value exists: the synthetic one is unused
    (row,) = doc["data"]
    assert row["unit_value_source"] == "fao_import (CIF)"
    # FAOSTAT 2019: 8,830 kUSD / 4,988 t; FRED 2019: 0.8933 EUR per USD
    assert row["unit_value_eur_per_kg"] == pytest.approx(8830 / 4988 * 0.8933)
    assert row["litres_per_kg"] == pytest.approx(9.9)
    assert row["local_price_low"] == pytest.approx(0.91 * 655.957)  # Oxfam/VSF 2019, in XOF
    assert row["ratio_high"] > 1
    assert any("FAOSTAT trade" in s for s in doc["sources"])
    doc = json.loads(runner.invoke(app, [*args, "--year", "2021"]).output)
    assert doc["synthetic"] is True  # no real unit value for 2021: the sample, labelled
    assert doc["data"][0]["unit_value_source"] == "comext (FOB) SYNTHETIC"
    result = runner.invoke(app, ["policy", "tariffs", "--band", "smp=35", "--country", "BF",
                                 "--powder", "smp", "--year", "2019", "-f", "json"])  # fmt: skip
    (row,) = json.loads(result.output)["data"]
    assert row["change_pct"] == pytest.approx(100 * (1.375 / 1.075 - 1))


def test_policy_mrp_and_offensive() -> None:
    result = runner.invoke(app, ["policy", "mrp", "--deliveries", "2700000", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert "2016-01" in result.output
    assert "compulsory cut" in result.output
    off = runner.invoke(app, ["policy", "offensive", "--country", "GH", "-f", "json"])
    assert json.loads(off.output)["data"]


def test_rates_command_lists_sources() -> None:
    result = runner.invoke(app, ["prices", "rates", "-f", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert any("655.957" in s for s in doc["sources"])


def test_anomalies_on_an_ingested_monthly_series(tmp_path: Path) -> None:
    lines = ["series,geo,period,value,unit,source_url,note"]
    for k in range(60):  # SYNTHETIC: a steady 1 %-a-month rise with a wiggle, spike in 2019-06
        year, month = 2015 + k // 12, k % 12 + 1
        value = 300 * 1.01**k * (1 + 0.01 * ((k * 7) % 5 - 2)) * (1.3 if k == 53 else 1)
        lines.append(f"reconstituted_price,BF,{year}-{month:02d},{value:.2f},XOF/L,"
                     "https://example.org/synthetic,SYNTHETIC test series")  # fmt: skip
    path = tmp_path / "synthetic_monthly.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert runner.invoke(app, ["ingest", "prices", str(path)]).exit_code == 0
    result = runner.invoke(app, ["prices", "anomalies", "reconstituted_price", "BF", "-f", "json"])
    assert result.exit_code == 0, result.output
    flags = {(r["year"], r["month"]): r["flag"] for r in json.loads(result.output)["data"]}
    assert flags[(2019, 6)] == "alert"
    assert flags[(2017, 6)] is None  # not enough history yet


def test_per_litre_keeps_a_country_without_local_price_a_gap() -> None:
    args = ["prices", "per-litre", "--country", "LR", "--powder", "smp", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)["data"]
    assert (row["country"], row["currency"], row["year"], row["stage"]) == ("LR", "LRD", None, None)
    assert row["local_price_low"] is None
    assert row["landed_local_per_litre"] is None
    assert "no dated local fresh-milk price" in row["notes"]
