"""Dumping margin: powder unit values in milk equivalent against EU cost and price."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.dumping import Benchmark, UnitValue, dumping_margin, milk_value_eurc_per_kg
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
    assert all(r.margin_eurc_per_kg is None for r in rows)
    other = [r for r in rows if r.category == "other"]
    assert all(r.milk_value_eurc_per_kg is None for r in other)


def test_milk_value_needs_a_positive_factor() -> None:
    with pytest.raises(ParameterError, match="> 0"):
        milk_value_eurc_per_kg(1000.0, 0.0)
