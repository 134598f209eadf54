"""Two datasets give a rate for the same currency and year: the first dataset id is used."""

from __future__ import annotations

import duckdb

from fairmilk.indicators.prices import read_rates

ROWS = [  # dataset, series, geo, year, value
    ("series/wdi_exchange_rates", "eur_per_usd", "euro-area", 2020, 0.90),
    ("series/fred_eur_per_usd", "eur_per_usd", "euro-area", 2020, 0.88),
    ("series/wdi_exchange_rates", "exchange_rate_lcu_per_usd", "GH", 2020, 5.6),
    ("series/exchange_rates_2020", "exchange_rate_lcu_per_usd", "GH", 2020, 5.5),
    ("series/fred_eur_per_usd", "eur_per_usd", "euro-area", 2021, -1.0),  # not a rate: skipped
]


def test_the_first_dataset_id_gives_the_rate(con: duckdb.DuckDBPyConnection) -> None:
    for dataset, series, geo, year, value in ROWS:
        con.execute(
            "INSERT INTO observations (dataset, series, geo, period, year, value, unit, "
            "source_url) VALUES (?, ?, ?, ?, ?, ?, 'per USD', ?)",
            [dataset, series, geo, str(year), year, value, f"https://example.org/{dataset}"],
        )
    rates = read_rates(con)
    assert rates.per_usd("EUR", 2020) == 0.88
    assert rates.per_usd("GHS", 2020) == 5.5
    assert "series/fred_eur_per_usd" in rates.rates[("EUR", 2020)].source
    assert ("EUR", 2021) not in rates.rates
