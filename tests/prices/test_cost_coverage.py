"""Cost coverage from the real reference figures (BAL/EMB), checked by hand."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.indicators.costs import cost_coverage
from fairmilk.indicators.price_tables import cost_coverage_table
from fairmilk.indicators.prices import PricePoint


def test_german_bal_january_2014(priced: duckdb.DuckDBPyConnection) -> None:
    frame = cost_coverage_table(priced, geo=["DE"])
    row = next(r for r in frame.records() if r["period"] == "2014-01")
    # BAL: price 41.46 c/kg, full cost 45.16 c/kg -> 91.81 %; BAL publishes 92 %
    assert row["coverage_pct"] == pytest.approx(100 * 41.46 / 45.16)
    assert row["shortfall_eurc_per_kg"] == pytest.approx(3.70)
    assert row["published_ratio_pct"] == 92
    assert frame.sources
    assert all(s.startswith("http") for s in frame.sources)


def test_computed_ratios_agree_with_every_published_bal_ratio(
    priced: duckdb.DuckDBPyConnection,
) -> None:
    rows = [
        r for r in cost_coverage_table(priced, geo=["DE"]).records() if r["published_ratio_pct"]
    ]
    assert len(rows) >= 12
    for r in rows:  # BAL rounds to whole percent
        assert abs(r["coverage_pct"] - r["published_ratio_pct"]) <= 0.6, r


def test_eu26_2019_and_lithuania(priced: duckdb.DuckDBPyConnection) -> None:
    by_geo = {(r["geo"], r["period"]): r for r in cost_coverage_table(priced).records()}
    assert by_geo[("X:EU26", "2019")]["coverage_pct"] == pytest.approx(100 * 34.52 / 45.35)
    # Lithuania 2019: price 28.79, cost 58.63; BAL: shortfall 51 %
    assert 100 - by_geo[("LT", "2019")]["coverage_pct"] == pytest.approx(50.9, abs=0.1)


def _p(series: str, value: float, unit: str, period: str = "2020") -> PricePoint:
    return PricePoint(series, "FR", period, 2020, None, value, None, None, unit, "u", "d")


def test_units_are_aligned_before_dividing() -> None:
    (row,) = cost_coverage(
        [_p("farmgate_milk_price", 35.0, "EUR/100kg")],
        [_p("production_cost_full", 450.0, "EUR/t")],
    )
    assert row.coverage_pct == pytest.approx(100 * 35 / 45)


def test_no_pair_across_periods_and_no_density_guess() -> None:
    rows = cost_coverage(
        [
            _p("farmgate_milk_price", 348.0, "EUR/1000L"),
            _p("farmgate_milk_price", 30, "EURc/kg", "2019"),
        ],
        [_p("production_cost_full", 45.0, "EURc/kg")],
    )
    assert rows == []
