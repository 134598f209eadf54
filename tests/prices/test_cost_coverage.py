"""Cost coverage from the real reference figures (BAL/EMB), checked by hand."""

from __future__ import annotations

import csv
from importlib import resources

import duckdb
import pytest

from fairmilk.indicators.costs import cost_coverage, coverage_frame
from fairmilk.indicators.price_tables import cost_coverage_table
from fairmilk.indicators.prices import PricePoint
from fairmilk.outputs.i18n import catalog

BAL_2014 = "https://www.agriland.co.uk/farming-news/german-milk-price-still-cover-production-costs/"


def _reference_urls(geo: str) -> set[str]:
    """Source URLs of the price and cost rows of one geo that pair up, read from the file."""
    data = resources.files("fairmilk.reference") / "data/prices/eu_milk_prices_costs.csv"
    with data.open(encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["geo"] == geo and r["value"]]
    prices = {r["period"]: r["source_url"] for r in rows if r["series"] == "farmgate_milk_price"}
    costs = {r["period"]: r["source_url"] for r in rows if r["series"] == "production_cost_full"}
    both = prices.keys() & costs.keys()
    return {prices[p] for p in both} | {costs[p] for p in both}


def test_german_bal_january_2014(priced: duckdb.DuckDBPyConnection) -> None:
    frame = cost_coverage_table(priced, geo=["DE"])
    row = next(r for r in frame.records() if r["period"] == "2014-01")
    # BAL: price 41.46 c/kg, full cost 45.16 c/kg -> 91.81 %; BAL publishes 92 %
    assert row["coverage_pct"] == pytest.approx(100 * 41.46 / 45.16)
    assert row["shortfall_eurc_per_kg"] == pytest.approx(3.70)
    assert row["published_ratio_pct"] == 92
    # the January 2014 figures are cited from this report; every DE row names its own source
    assert BAL_2014 in frame.sources
    assert set(frame.sources) == _reference_urls("DE")


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


def _q(series: str, value: float, url: str, *, approximate: bool = False) -> PricePoint:
    return PricePoint(series, "FR", "2020", 2020, None, value, None, None, "EURc/kg", url, "d",
                      approximate=approximate)  # fmt: skip


@pytest.mark.parametrize(
    ("price_approx", "cost_approx"), [(True, False), (False, True), (True, True), (False, False)]
)
def test_approximate_when_either_side_is(price_approx: bool, cost_approx: bool) -> None:
    (row,) = cost_coverage(
        [_q("farmgate_milk_price", 36.0, "https://p.example", approximate=price_approx)],
        [_q("production_cost_full", 45.0, "https://c.example", approximate=cost_approx)],
    )
    assert row.approximate is (price_approx or cost_approx)
    assert row.coverage_pct == pytest.approx(80.0)  # 36 / 45
    assert row.shortfall_eurc_per_kg == pytest.approx(9.0)
    frame = coverage_frame([row])
    assert frame.records()[0]["approximate"] is (price_approx or cost_approx)


def test_each_row_keeps_its_own_sources() -> None:
    rows = cost_coverage(
        [_q("farmgate_milk_price", 36.0, "https://price.example"),
         PricePoint("farmgate_milk_price", "DE", "2020", 2020, None, 30.0, None, None, "EURc/kg",
                    "https://price-de.example", "d")],
        [_q("production_cost_full", 45.0, "https://cost.example"),
         PricePoint("production_cost_full", "DE", "2020", 2020, None, 40.0, None, None,
                    "EURc/kg", "https://cost-de.example", "d")],
    )  # fmt: skip
    assert [(r.geo, r.price_source, r.cost_source, r.coverage_pct) for r in rows] == [
        ("DE", "https://price-de.example", "https://cost-de.example", pytest.approx(75.0)),
        ("FR", "https://price.example", "https://cost.example", pytest.approx(80.0)),
    ]
    assert coverage_frame(rows).sources == [
        "https://cost-de.example", "https://cost.example",
        "https://price-de.example", "https://price.example",
    ]  # fmt: skip


def test_zero_or_missing_cost_is_left_out_not_divided() -> None:
    price = _q("farmgate_milk_price", 36.0, "https://p.example")
    assert cost_coverage([price], [_q("production_cost_full", 0.0, "https://c.example")]) == []
    missing = PricePoint("production_cost_full", "FR", "2020", 2020, None, None, 40.0, 50.0,
                         "EURc/kg", "https://c.example", "d")  # fmt: skip
    assert cost_coverage([price], [missing]) == []  # a range is not a cost figure


def test_published_ratio_only_for_its_own_geo_and_period() -> None:
    ratio = PricePoint("price_cost_ratio", "FR", "2019", 2019, None, 77.0, None, None, "%",
                       "https://r.example", "d")  # fmt: skip
    (row,) = cost_coverage(
        [_q("farmgate_milk_price", 36.0, "https://p.example")],
        [_q("production_cost_full", 45.0, "https://c.example")],
        ratios=[ratio, _q("price_cost_ratio", 81.0, "https://r.example")],
    )
    assert row.published_ratio_pct == 81.0


def test_coverage_table_columns_notes_and_label() -> None:
    rows = cost_coverage(
        [_q("farmgate_milk_price", 36.0, "https://p.example", approximate=True)],
        [_q("production_cost_full", 45.0, "https://c.example")],
        ratios=[_q("price_cost_ratio", 81.0, "https://r.example")],
    )
    frame = coverage_frame(rows)
    assert frame.records() == [
        {"geo": "FR", "period": "2020", "price_eurc_per_kg": 36.0, "cost_eurc_per_kg": 45.0,
         "coverage_pct": pytest.approx(80.0), "shortfall_eurc_per_kg": pytest.approx(9.0),
         "published_ratio_pct": 81.0, "approximate": True, "derived": False},
    ]  # fmt: skip
    assert frame.synthetic is False
    assert coverage_frame(rows, synthetic=True).synthetic is True
    # every text a reader sees has its French twin (a changed text has none)
    french = catalog("fr")
    assert len(frame.notes) == 3
    for text in [frame.title, *frame.notes]:
        assert getattr(text, "template", text) in french, text


def test_cfa_franc_price_converted_at_the_peg_from_1999_only() -> None:
    def pair(year: int) -> list[object]:
        price = PricePoint(
            "farmgate_milk_price",
            "SN",
            str(year),
            year,
            None,
            0.36 * 655.957,
            None,
            None,
            "XOF/kg",
            "https://p.example",
            "d",
        )
        cost = PricePoint("production_cost_full", "SN", str(year), year, None, 45.0, None,
                          None, "EURc/kg", "https://c.example", "d")  # fmt: skip
        return cost_coverage([price], [cost])  # type: ignore[return-value]

    (row,) = pair(1999)  # 0.36 EUR per kg at 655.957 XOF per EUR
    assert row.price_eurc_per_kg == pytest.approx(36.0)
    assert row.coverage_pct == pytest.approx(80.0)
    assert pair(1998) == []  # before the euro peg: no conversion, no row


def test_a_zero_price_covers_nothing_and_any_positive_cost_counts() -> None:
    (row,) = cost_coverage(
        [_q("farmgate_milk_price", 0.0, "https://p.example")],
        [_q("production_cost_full", 45.0, "https://c.example")],
    )
    assert (row.coverage_pct, row.shortfall_eurc_per_kg) == (0.0, 45.0)
    (tiny,) = cost_coverage(  # 8 EUR per tonne: 0.8 c/kg, still a cost to divide by
        [_q("farmgate_milk_price", 0.4, "https://p.example")],
        [PricePoint("production_cost_full", "FR", "2020", 2020, None, 8.0, None, None, "EUR/t",
                    "https://c.example", "d")],
    )  # fmt: skip
    assert tiny.coverage_pct == pytest.approx(50.0)
