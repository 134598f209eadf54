"""EMB Market Responsibility Programme simulator: index, phases, volumes, 2016 comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.errors import ParameterError
from fairmilk.policy.mrp import MrpObservation, MrpParams, market_index, next_phase, simulate_mrp
from fairmilk.policy.mrp_run import run_mrp
from fairmilk.store import open_store
from fairmilk.store.prices import load_price_reference

PRICE_ONLY = MrpParams(price_weight=1, product_weight=0, window=1)


def obs(
    period: str, price: float, cost: float = 100.0, product: float | None = None
) -> MrpObservation:
    return MrpObservation(period, price, product, cost)


def test_proxy_index_by_hand() -> None:
    params = MrpParams(price_weight=0.5, product_weight=0.5, window=2)
    series = [obs("2016-01", 30, 40, 28), obs("2016-02", 28, 40, 26)]
    first, second = market_index(series, params)
    assert first is None  # moving-average start: a gap
    price_ma = (30 / 40 + 28 / 40) / 2
    product_ma = (28 / 40 + 26 / 40) / 2
    assert second == pytest.approx(100 * (0.5 * price_ma + 0.5 * product_ma))


def test_missing_product_value_is_a_gap_unless_its_weight_is_zero() -> None:
    series = [obs("2016-01", 30, 40)]
    assert market_index(series, MrpParams(window=1)) == [None]
    assert market_index(series, PRICE_ONLY) == [pytest.approx(75.0)]


def test_phases_on_the_real_german_bal_series(tmp_path: Path) -> None:
    con = open_store(tmp_path / "s.duckdb")
    load_price_reference(con)
    timeline, comparison = run_mrp(con, geo="DE", params=PRICE_ONLY)
    phases = {r["period"]: (r["market_index"], r["phase"]) for r in timeline.records()}
    # Jan 2014: 41.46 / 45.16 -> 91.8 (fall 8.2 %): early warning
    assert phases["2014-01"] == (pytest.approx(91.807, abs=1e-3), 1)
    assert phases["2016-01"][1] == 3  # 28.66 / 44.94 -> 63.8: compulsory cut
    assert phases["2022-07"][1] == 0  # 116: exit
    assert phases["2017-07"] == (None, None)  # no price published with that cost
    assert "MODEL OUTPUT" in timeline.title
    published = {r["item"]: r["published_2016"] for r in comparison.records()}
    assert published["volume cut, final (EC July 2017)"] == 834000
    assert published["volume cut (EC May 2017: disagrees)"] == 861000
    con.close()


def test_volumes_and_bonus_by_hand() -> None:
    params = MrpParams(price_weight=1, product_weight=0, window=1, monthly_deliveries_t=1_000_000)
    result = simulate_mrp([obs("a", 80), obs("b", 70), obs("c", 101)], params)
    assert [s.phase for s in result.steps] == [2, 3, 0]
    voluntary = 1_000_000 * 0.30 * 0.05  # 15,000 t
    compulsory = 1_000_000 * 0.025  # 25,000 t
    assert [s.withheld_t for s in result.steps] == [voluntary, voluntary + compulsory, 0.0]
    bonus = voluntary * 10 * 14.0  # 14 EUR per 100 kg = 140 EUR per t
    assert result.bonus_eur == pytest.approx(2 * bonus)
    assert result.spells == [("a", "a", 2), ("b", "b", 3)]


def test_volumes_are_gaps_without_stated_deliveries() -> None:
    result = simulate_mrp([obs("a", 70)], PRICE_ONLY)
    assert result.withheld_t is None
    assert any("state monthly deliveries" in n for n in result.notes)


@given(st.lists(st.floats(min_value=40, max_value=99.9), min_size=1, max_size=30))
def test_phases_escalate_as_the_index_falls(levels: list[float]) -> None:
    falling = sorted(levels, reverse=True)
    result = simulate_mrp([obs(str(i), v) for i, v in enumerate(falling)], PRICE_ONLY)
    phases = [s.phase or 0 for s in result.steps]
    assert phases == sorted(phases)


@given(st.floats(min_value=0, max_value=200), st.integers(min_value=0, max_value=3))
def test_phase_rules(index: float, current: int) -> None:
    phase = next_phase(index, current, PRICE_ONLY)
    if index >= 100:
        assert phase == 0
    else:
        assert phase >= current
        assert (phase >= 3) == (index <= 75 or current >= 3)


@pytest.mark.parametrize(
    "params",
    [
        MrpParams(price_weight=0, product_weight=0),
        MrpParams(phase_falls=(15, 7.5, 25)),
        MrpParams(window=0),
        MrpParams(participation_pct=120),
    ],
)
def test_bad_parameters(params: MrpParams) -> None:
    with pytest.raises(ParameterError):
        simulate_mrp([obs("a", 90)], params)
