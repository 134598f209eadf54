"""Every series id the embedded data, the GDT loader and the agridata fetchers produce is titled.

A new series without a row in ``prices/price_series`` fails here. A user's own id is still
loaded, and shown with its raw id.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import httpx
import pytest
import respx
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.ingest.agridata import BASE_URL, fetch_raw_milk_prices
from fairmilk.ingest.agridata_dairy import DAIRY_SERIES, fetch_dairy_prices
from fairmilk.reference.price_series import FETCHERS, from_origin, series_by_id

runner = CliRunner()


def _ids(origin: str) -> set[str]:
    return {e.id for e in from_origin(origin)}


def test_every_stored_series_has_a_catalogue_row(priced: duckdb.DuckDBPyConnection) -> None:
    loaded: dict[str, set[str]] = {}
    for dataset, series in priced.execute(
        "SELECT DISTINCT dataset, series FROM prices_current"
    ).fetchall():
        loaded.setdefault(dataset, set()).add(series)
    assert len({s for ids in loaded.values() for s in ids}) == 28
    missing = {s for ids in loaded.values() for s in ids} - set(series_by_id())
    assert not missing, f"add these ids to prices/price_series.csv: {sorted(missing)}"
    for dataset, ids in loaded.items():  # and every catalogued origin is true
        assert _ids(dataset) == ids, dataset


def test_the_usual_unit_is_the_most_common_unit_loaded(priced: duckdb.DuckDBPyConnection) -> None:
    units: dict[str, Counter[str]] = {}
    for series, unit, n in priced.execute(
        "SELECT series, unit, count(*) FROM prices_current GROUP BY 1, 2"
    ).fetchall():
        units.setdefault(series, Counter())[unit] = n
    for series, counts in units.items():
        top = max(counts.values())
        assert counts[series_by_id()[series].unit] == top, (series, counts)


def _raw_milk_answer(fixtures: Path) -> list[dict[str, object]]:
    items: list[dict[str, object]] = json.loads(
        (fixtures / "agridata_raw_milk.json").read_text(encoding="utf-8")
    )
    return [*items, {**items[0], "product": "Organic raw milk"}]  # both /rawMilk/products


@respx.mock
def test_every_raw_milk_series_the_fetcher_writes_is_catalogued(price_fixtures: Path) -> None:
    respx.get(BASE_URL + "/rawMilk/prices").mock(
        return_value=httpx.Response(200, json=_raw_milk_answer(price_fixtures))
    )
    records = fetch_raw_milk_prices(member_states=["NL", "EU"], years=[2017])
    written = {r.series for r in records}
    assert (
        written
        == _ids("agridata:raw-milk")
        == {
            "farmgate_milk_price",
            "farmgate_milk_price_organic",
        }
    )
    for r in records:
        assert series_by_id()[r.series].unit == r.unit


@respx.mock
def test_every_dairy_series_the_fetcher_writes_is_catalogued(price_fixtures: Path) -> None:
    week = json.loads((price_fixtures / "agridata_dairy.json").read_text(encoding="utf-8"))[0]
    answer = [{**week, "product": code} for code in DAIRY_SERIES]
    respx.get(BASE_URL + "/dairy/prices").mock(return_value=httpx.Response(200, json=answer))
    records = fetch_dairy_prices(member_states=["EU"], products=list(DAIRY_SERIES), years=[2022])
    assert {r.series for r in records} == _ids("agridata:dairy") == set(DAIRY_SERIES.values())
    for r in records:
        assert series_by_id()[r.series].unit == r.unit
    assert FETCHERS == ("agridata:raw-milk", "agridata:dairy")


def test_prices_list_prints_titles_and_a_users_own_id(
    store_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))
    own = tmp_path / "coop.csv"
    own.write_text(
        "series,geo,period,value,unit,source_url\n"
        "coop_milk_price,SN,2023,350,XOF/L,https://example.org/coop\n",
        encoding="utf-8",
    )
    assert runner.invoke(app, ["ingest", "prices", str(own)]).exit_code == 0
    args = ["prices", "list", "--series", "coop_milk_price", "--series", "production_cost_full",
            "--geo", "SN", "--geo", "DE", "--lang", "fr", "-f", "json"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["columns"][:3] == ["series", "title", "geo"]
    titles = {r["series"]: r["title"] for r in doc["data"]}
    assert titles == {
        "coop_milk_price": "coop_milk_price",
        "production_cost_full": "Coût de production complet du lait",
    }
    csv_en = runner.invoke(app, ["prices", "list", "--series", "production_cost_full", "-f", "csv"])
    assert "production_cost_full,Full cost of milk production," in csv_en.output
