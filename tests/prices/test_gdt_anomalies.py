"""IPA price anomalies on the real GlobalDairyTrade skim milk powder series (monthly means).

Also the table as French readers get it (the outputs layer translates its title, notes, flags).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.indicators.price_tables import anomaly_table
from fairmilk.outputs.i18n import catalog
from fairmilk.outputs.tables import localised, to_json

runner = CliRunner()
Month = tuple[int, int]


def _means(con: duckdb.DuckDBPyConnection) -> dict[Month, float]:
    """Monthly means computed by the database, independently of fairmilk's aggregation."""
    rows = con.execute(
        "SELECT year, month, avg(value) FROM prices WHERE series = 'gdt_smp_price' "
        "AND geo = 'world' GROUP BY year, month"
    ).fetchall()
    return {(int(y), int(m)): float(v) for y, m, v in rows}


def _back(month: Month, n: int) -> Month:
    k = month[0] * 12 + month[1] - 1 - n
    return (k // 12, k % 12 + 1)


def _cgr(p: dict[Month, float], month: Month, n: int) -> float | None:
    start = p.get(_back(month, n))
    return None if start is None or month not in p else (p[month] / start) ** (1 / n) - 1


def _sure(value: float | None) -> float:
    assert value is not None
    return value


def _z(value: float, history: list[float]) -> float:
    mean = sum(history) / len(history)
    sd = math.sqrt(sum((h - mean) ** 2 for h in history) / (len(history) - 1))
    return (value - mean) / sd


def _table(con: duckdb.DuckDBPyConnection) -> dict[Month, dict[str, Any]]:
    frame = anomaly_table(con, series="gdt_smp_price", geo="world")
    return {(r["year"], r["month"]): r for r in frame.records()}


def test_march_2022_by_hand(priced: duckdb.DuckDBPyConnection) -> None:
    p = _means(priced)
    assert p[(2022, 3)] == (4481 + 4545) / 2  # events 303 (1 March) and 304 (15 March)
    march = (2022, 3)
    years = [
        y for y in range(2010, 2022)
        if _cgr(p, (y, 3), 3) is not None and _cgr(p, (y, 3), 12) is not None
    ]  # fmt: skip
    assert years == list(range(2012, 2022))  # March 2011 has no March 2010 before it
    zq = _z(_sure(_cgr(p, march, 3)), [_sure(_cgr(p, (y, 3), 3)) for y in years])
    za = _z(_sure(_cgr(p, march, 12)), [_sure(_cgr(p, (y, 3), 12)) for y in years])
    row = _table(priced)[march]
    assert row["price"] == pytest.approx(p[march])
    assert row["events"] == 2
    assert row["history_years"] == 10
    assert row["ipa"] == pytest.approx(0.4 * zq + 0.6 * za)
    assert row["ipa"] == pytest.approx(1.1478, abs=1e-4)
    assert row["flag"] == "alert"


def test_flags_match_market_history(priced: duckdb.DuckDBPyConnection) -> None:
    rows = _table(priced)
    flags = {k: r["flag"] for k, r in rows.items()}
    # 2022: record powder prices in the first months of the year (monthly mean above USD 4,500/t)
    assert [flags[(2022, m)] for m in (1, 2, 3, 4, 5)] == [
        "watch", "watch", "alert", "watch", "watch"
    ]  # fmt: skip
    # 2014-15 slump (Sep 2014 - Aug 2015): falling prices are never flagged, IPA far below 0
    slump = [(2014, m) for m in range(9, 13)] + [(2015, m) for m in range(1, 9)]
    assert all(rows[k]["ipa"] < 0 for k in slump)
    assert min(rows[k]["ipa"] for k in slump) < -3
    # the trough of the series is August 2015; the recovery from it is flagged in 2016-17
    assert min(rows, key=lambda k: rows[k]["price"]) == (2015, 8)
    assert [flags[(2016, m)] for m in (7, 8, 9)] == ["alert", "alert", "alert"]
    # no flag before a calendar month has 3 earlier years of growth rates
    assert all(r["flag"] is None for k, r in rows.items() if k < (2014, 6))


def test_cli_runs_on_the_shipped_series(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))
    args = ["prices", "anomalies", "--series", "gdt_smp_price", "--geo", "world", "-f", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    data = {(r["year"], r["month"]): r for r in doc["data"]}
    assert len(data) == 194  # June 2010 - July 2026, every month has at least one event
    assert data[(2022, 3)]["flag"] == "alert"
    assert data[(2010, 6)]["events"] == 1
    assert any("GlobalDairyTrade" in n for n in doc["notes"])
    assert any("odow/dairy-analytics" in s for s in doc["sources"])
    assert doc["synthetic"] is False


def test_cli_needs_a_series_and_a_geo(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))
    result = runner.invoke(app, ["prices", "anomalies", "--series", "gdt_smp_price"])
    assert result.exit_code != 0
    assert "expected a series and a geo" in str(result.exception)


def test_french_anomaly_table(priced: duckdb.DuckDBPyConnection) -> None:
    frame = anomaly_table(priced, series="gdt_smp_price", geo="world")
    english = json.loads(to_json(localised(frame, "en")))
    doc = json.loads(to_json(localised(frame, "fr")))
    assert doc["title"] == (
        "Anomalies de prix (IPA du SMIAR de la FAO, variante ODD 2.c.1) : gdt_smp_price world"
    )
    assert doc["notes"][0].startswith("Unité : USD/t. Poids égaux pour les années")
    assert "poids trimestriel 0,4 ;" in doc["notes"][0]
    assert doc["notes"][1].startswith("Signaux : alerte si IPA >= 1, vigilance de 0,5 à 1")
    assert doc["notes"][2].startswith("Moyennes mensuelles de 385 prix datés")
    assert doc["notes"][3] == "Source : GlobalDairyTrade (résultats des séances d’enchères)."
    assert not set(doc["notes"]) & set(english["notes"])
    rows = {(r["year"], r["month"]): r for r in doc["data"]}
    en_rows = {(r["year"], r["month"]): r for r in english["data"]}
    assert [rows[(2022, m)]["flag"] for m in (1, 2, 3)] == ["vigilance", "vigilance", "alerte"]
    assert en_rows[(2022, 3)]["flag"] == "alert"
    assert rows[(2022, 3)]["ipa"] == en_rows[(2022, 3)]["ipa"]  # numbers stay numbers
    fr = catalog("fr")
    assert set(doc["columns"]) <= set(fr)  # every column has a French header
    assert fr["events"] == "séances"  # the word the French event note uses
