"""Trade indicators on the synthetic fixture store: hand-computed values, gaps, dated regions."""

from __future__ import annotations

from typing import Any

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.trade import trade_frame, trade_table


def _one(frame_rows: list[dict[str, Any]], **match: Any) -> dict[str, Any]:
    found = [r for r in frame_rows if all(r[k] == v for k, v in match.items())]
    assert len(found) == 1, f"expected one row matching {match}, found {len(found)}"
    return found[0]


def test_unit_value_and_milk_equivalent(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, by=("year", "exporter", "destination", "category")).records()
    smp = _one(rows, year=2019, exporter="IE", destination="SN", category="smp")
    assert smp["tonnes"] == 1000.0  # 1 000 000 kg
    assert smp["value_eur"] == 2_500_000.0
    assert smp["unit_value_eur_per_t"] == 2500.0  # 2 500 000 EUR / 1 000 t
    assert smp["milk_equivalent_t"] == pytest.approx(7600.0)  # 1 000 t x 7.6


def test_gaps_stay_gaps(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon).records()
    butter = _one(rows, year=2019, category="butter")
    assert butter["tonnes"] is None  # the only butter row has no quantity
    assert butter["unit_value_eur_per_t"] is None
    assert butter["rows_missing_quantity"] == 1
    cheese = _one(rows, year=2019, category="cheese")
    assert cheese["tonnes"] == 100.0
    assert cheese["milk_equivalent_t"] is None  # no sourced factor for cheese


def test_longest_prefix_valid_in_year(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, by=("year", "category")).records()
    # 19019099 is the FFMP carrier line until 2019 (category other), 190190 'other' after
    assert _one(rows, year=2019, category="other")["tonnes"] == 2000.0
    assert _one(rows, year=2020, category="ffmp")["tonnes"] == 1500.0
    # 04021019 falls under 040210 (smp), not the shorter 0402 (other)
    assert _one(rows, year=2019, category="smp")["tonnes"] == 1300.0


def test_superseded_vintage_and_monthly_duplicates_ignored(
    tcon: duckdb.DuckDBPyConnection,
) -> None:
    rows = trade_frame(tcon, destinations=["SN"], categories=["smp"], by=("year",)).records()
    # vintage 1 of 2020 (9 999 t) is superseded; the 2020-01 monthly row is covered by the
    # annual 2020 file, so only the annual 1 200 t count
    assert _one(rows, year=2020)["tonnes"] == 1200.0
    assert _one(rows, year=2020)["growth_tonnes_pct"] == pytest.approx(20.0)


def test_monthly_grouping_uses_monthly_rows(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, destinations=["SN"], by=("year", "month")).records()
    assert [(r["period"], r["tonnes"]) for r in rows] == [("2020-01", 100.0)]


@pytest.mark.parametrize(
    ("period", "counted"),
    [("2024-12", True), ("2025-02", False)],
)
def test_mali_in_ecowas_by_date(
    tcon: duckdb.DuckDBPyConnection, period: str, counted: bool
) -> None:
    frame = trade_frame(tcon, destinations=["ecowas"], start=period, end=period, by=("year",))
    assert bool(frame.rows) is counted
    waemu = trade_frame(tcon, destinations=["waemu"], start=period, end=period, by=("year",))
    assert len(waemu.rows) == 1  # Mali stays in WAEMU


def test_partial_years_have_no_growth(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, destinations=["ML"], by=("year",)).records()
    assert [r["months_covered"] for r in rows] == [1, 1]
    assert rows[1]["growth_tonnes_pct"] is None


def test_region_grouping_counts_each_region(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, start=2019, end=2019, categories=["smp"], by=("region",)).records()
    by_region = {r["region"]: r["tonnes"] for r in rows}
    assert by_region == {"ecowas": 1000.0, "waemu": 1000.0, "west-africa": 1000.0}


def test_exporter_region_filter(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, exporters=["eu27"], destinations=["CN"], by=("year",)).records()
    assert _one(rows, year=2019)["tonnes"] == 300.0


def test_usd_kept_apart_and_converted(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = trade_frame(tcon, flow="import", by=("year", "exporter", "destination"))
    row = _one(frame.records(), year=2020, exporter="IE", destination="NG")
    assert row["source"] == "comtrade"
    assert row["value_eur"] is None
    assert row["value_usd"] == 1_400_000.0
    assert row["value_usd_as_eur"] == pytest.approx(1_227_800.0)  # x 0.877 EUR/USD
    assert frame.sources == [
        "comtrade: synthetic_comtrade_ng_2020.csv (vintage 1, fixture, "
        "https://example.org/synthetic/comtrade, licence CC BY 4.0, SYNTHETIC)",
        "Milk-equivalent factor wmp = 7.6 kg milk/kg: https://example.org/me",
        "EUR per USD rate (2020-2020), fx: https://example.org/fx",
    ]


def test_sources_and_synthetic_label(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = trade_frame(tcon, start=2019, end=2019)
    assert frame.synthetic
    assert frame.sources[0].startswith("comext: synthetic_comext_2019.dat (vintage 1")
    assert not any("2020" in s for s in frame.sources)


def test_empty_store_gives_empty_table(con: duckdb.DuckDBPyConnection) -> None:
    frame = trade_frame(con)
    assert frame.rows == []
    assert not frame.synthetic


@pytest.mark.parametrize(
    "kwargs",
    [
        {"by": ("week",)},
        {"by": ("month",)},
        {"flow": "transit"},
        {"start": "2019-13"},
        {"destinations": ["Senegal"]},
        {"destinations": ["XX"]},
        {"exporters": ["europe"]},
        {"categories": ["milk"]},
    ],
)
def test_bad_parameters(tcon: duckdb.DuckDBPyConnection, kwargs: dict[str, Any]) -> None:
    with pytest.raises(ParameterError):
        trade_table(tcon, **kwargs)


def test_reported_tonnes_and_unit_value_with_a_gap(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, destinations=["SN"], start=2019, end=2019, by=("year",)).records()
    (row,) = rows
    assert row["tonnes"] is None  # the butter row has no quantity
    assert row["rows_missing_quantity"] == 1
    assert row["tonnes_reported"] == 3000.0  # smp 1 000 t + other 2 000 t: a lower bound
    assert row["value_eur"] == 6_600_000.0  # every row has a value
    # unit value over the rows with both: (2 500 000 + 4 000 000) EUR / 3 000 t
    assert row["unit_value_eur_per_t"] == pytest.approx(6_500_000 / 3000)


def test_comtrade_world_total_not_added(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, flow="import", by=("year", "destination")).records()
    # the fixture has NG's world total (partner X:0, 9 000 t) beside its IE line (450 t)
    assert [(r["destination"], r["tonnes"]) for r in rows] == [("NG", 450.0)]


def test_iso3_codes_accepted(tcon: duckdb.DuckDBPyConnection) -> None:
    alpha3 = trade_frame(tcon, destinations=["SEN"], by=("year",)).records()
    alpha2 = trade_frame(tcon, destinations=["SN"], by=("year",)).records()
    assert alpha3 == alpha2
    assert alpha3
