"""Loading the embedded price reference files into the store."""

from __future__ import annotations

import duckdb

from fairmilk.store.prices import load_price_reference


def test_reference_reload_replaces_rows(priced: duckdb.DuckDBPyConnection) -> None:
    counts = load_price_reference(priced)
    assert counts == {
        "prices/eu_milk_prices_costs": 208,
        "prices/eu_annual_series": 36,
        "prices/west_africa_prices": 47,
        "prices/gdt_events": 1478,
        "series/faostat_pp_raw_milk_of_cattle_producer_price_usd_tonne": 85,  # 8 WA countries
    }
    total = priced.execute("SELECT count(*) FROM prices_current").fetchone()
    assert total == (sum(counts.values()),)


def test_ranges_and_units_survive(priced: duckdb.DuckDBPyConnection) -> None:
    kano = priced.execute(
        "SELECT value, value_low, value_high, unit, stage FROM prices "
        "WHERE geo = 'NG' AND market = 'Nasarawa'"
    ).fetchone()
    assert kano == (None, 400.0, 1000.0, "NGN/L", "producer")  # a range stays a range
    eu = priced.execute(
        "SELECT value, unit FROM prices WHERE series = 'farmgate_milk_price' "
        "AND geo = 'eu28' AND period = '2018'"
    ).fetchone()
    assert eu == (34.11, "EUR/100kg")


def test_fao_producer_prices_are_local_farm_gate_prices(priced: duckdb.DuckDBPyConnection) -> None:
    row = priced.execute(
        "SELECT series, stage, value, unit, source_url FROM prices "
        "WHERE dataset LIKE 'series/faostat_pp%' AND geo = 'SN' AND year = 2018"
    ).fetchone()
    assert row == (
        "local_producer_price_fao", "producer", 666.1, "USD/t", "https://www.fao.org/faostat/en/#data/PP"
    )  # fmt: skip
    geos = priced.execute(
        "SELECT DISTINCT geo FROM prices WHERE dataset LIKE 'series/faostat_pp%' ORDER BY geo"
    ).fetchall()
    assert [g for (g,) in geos] == ["CI", "CV", "GM", "GN", "GW", "ML", "NE", "SN"]  # no EU rows
