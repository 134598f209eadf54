"""Dumping margin: powder unit values in milk equivalent against EU cost and price."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.dumping import (
    Benchmark,
    UnitValue,
    dumping_frame,
    dumping_margin,
    milk_value_eurc_per_kg,
)
from fairmilk.outputs.i18n import catalog
from fairmilk.reference.categories import category


def test_smp_2019_against_eu26_full_cost() -> None:
    # Real figures: Kempten SMP annual mean 2019 = 2,154 EUR/t (CLAL); SMP milk-equivalent
    # factor from the reference categories; BAL EU-26 full cost 2019 = 45.35 c/kg.
    me = category("smp").me_factor
    assert me == pytest.approx(7.6)
    uv = UnitValue(2019, "smp", "west-africa", 2154.0, "CLAL Kempten 2019")
    rows = dumping_margin(
        [uv],
        me_factors={"smp": me},
        benchmarks=[Benchmark("full_cost", "X:EU26", 2019, 45.35, "BAL"),
                    Benchmark("farmgate", "X:EU26", 2019, 34.52, "BAL")],
    )  # fmt: skip
    cost = next(r for r in rows if r.benchmark == "full_cost")
    milk = 100 * 2.154 / 7.6  # 28.34 c per kg of milk
    assert cost.milk_value_eurc_per_kg == pytest.approx(milk)
    assert cost.margin_eurc_per_kg == pytest.approx(45.35 - milk)
    assert cost.margin_pct == pytest.approx(100 * (45.35 - milk) / 45.35)  # 37.5 %
    price = next(r for r in rows if r.benchmark == "farmgate")
    assert price.margin_eurc_per_kg == pytest.approx(34.52 - milk)


def test_missing_year_or_factor_is_a_gap() -> None:
    rows = dumping_margin(
        [UnitValue(2021, "ffmp", "NG", 2500.0, "x"), UnitValue(2019, "other", "NG", 900.0, "x")],
        me_factors={"ffmp": 5.1},
        benchmarks=[Benchmark("full_cost", "X:EU26", 2019, 45.35, "BAL")],
    )
    # each unit value against both benchmarks: 2 x 2 rows, none dropped
    assert [(r.year, r.category, r.benchmark) for r in rows] == [
        (2019, "other", "farmgate"),
        (2019, "other", "full_cost"),
        (2021, "ffmp", "farmgate"),
        (2021, "ffmp", "full_cost"),
    ]
    assert all(r.margin_eurc_per_kg is None and r.margin_pct is None for r in rows)
    other = [r for r in rows if r.category == "other"]
    assert all(r.milk_value_eurc_per_kg is None and r.me_factor is None for r in other)
    # 2019 has a full cost but no factor for 'other'; 2021 has a factor but no benchmark
    assert (other[1].benchmark_eurc_per_kg, other[1].benchmark_geo) == (45.35, "X:EU26")
    ffmp = [r for r in rows if r.category == "ffmp"]
    assert all(r.milk_value_eurc_per_kg == pytest.approx(100 * 2.5 / 5.1) for r in ffmp)
    assert all(r.benchmark_eurc_per_kg is None and r.benchmark_geo is None for r in ffmp)


def test_milk_value_needs_a_positive_factor() -> None:
    with pytest.raises(ParameterError, match="> 0"):
        milk_value_eurc_per_kg(1000.0, 0.0)


@pytest.mark.parametrize(
    ("figures", "used"),
    [
        ([(40.0, True), (45.35, False)], (45.35, False)),  # a published figure wins
        ([(45.35, False), (40.0, True)], (45.35, False)),  # ... in either order
        ([(40.0, True), (41.0, True)], (40.0, True)),  # between estimates, the first stays
    ],
)
def test_one_benchmark_per_year_exact_preferred(
    figures: list[tuple[float, bool]], used: tuple[float, bool]
) -> None:
    benchmarks = [Benchmark("full_cost", "X:EU26", 2019, v, "BAL", approximate=a)
                  for v, a in figures]  # fmt: skip
    rows = dumping_margin([UnitValue(2019, "smp", "SN", 2280.0, "x")], me_factors={"smp": 7.6},
                          benchmarks=benchmarks)  # fmt: skip
    cost = next(r for r in rows if r.benchmark == "full_cost")
    assert (cost.benchmark_eurc_per_kg, cost.benchmark_approximate) == used
    assert cost.margin_eurc_per_kg == pytest.approx(used[0] - 30.0)  # 2.28 EUR/kg / 7.6


def test_dumping_table_columns_sources_and_notes() -> None:
    rows = dumping_margin(
        [UnitValue(2019, "smp", "SN", 2280.0, "x")],
        me_factors={"smp": 7.6},
        benchmarks=[Benchmark("full_cost", "X:EU26", 2019, 45.0, "BAL", approximate=True)],
    )
    frame = dumping_frame(rows, sources=["https://bal.example"], synthetic=True)
    assert frame.records() == [
        {"year": 2019, "destination": "SN", "category": "smp", "unit_value_eur_per_t": 2280.0,
         "me_factor": 7.6, "milk_value_eurc_per_kg": pytest.approx(30.0),
         "benchmark": "farmgate", "benchmark_geo": None, "benchmark_eurc_per_kg": None,
         "margin_eurc_per_kg": None, "margin_pct": None, "benchmark_approximate": None},
        {"year": 2019, "destination": "SN", "category": "smp", "unit_value_eur_per_t": 2280.0,
         "me_factor": 7.6, "milk_value_eurc_per_kg": pytest.approx(30.0),
         "benchmark": "full_cost", "benchmark_geo": "X:EU26", "benchmark_eurc_per_kg": 45.0,
         "margin_eurc_per_kg": pytest.approx(15.0), "margin_pct": pytest.approx(100 / 3),
         "benchmark_approximate": True},
    ]  # fmt: skip
    assert frame.sources == ["https://bal.example"]
    assert frame.synthetic is True
    assert dumping_frame(rows, sources=[]).synthetic is False
    french = catalog("fr")
    assert len(frame.notes) == 4
    for text in [frame.title, *frame.notes]:
        assert getattr(text, "template", text) in french, text


def test_liquid_milk_factor_one() -> None:
    # liquid milk is its own milk equivalent: 400 EUR/t is 40 c per kg of milk
    assert milk_value_eurc_per_kg(400.0, 1.0) == pytest.approx(40.0)
    assert milk_value_eurc_per_kg(400.0, 0.5) == pytest.approx(80.0)
