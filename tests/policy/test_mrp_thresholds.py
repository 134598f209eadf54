"""MRP index with unequal weights, and the phase thresholds exactly at 75, 85, 92.5 and 100."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.policy.mrp import (
    STATED,
    MrpObservation,
    MrpParams,
    market_index,
    next_phase,
    simulate_mrp,
)

PRICE_ONLY = MrpParams(price_weight=1, product_weight=0, window=1)


def test_index_is_the_weighted_mean_with_unequal_weights() -> None:
    # price / cost = 0.9, product value / cost = 0.6; weights 3 and 1:
    # MI = 100 × (3 × 0.9 + 1 × 0.6) / (3 + 1) = 100 × 3.3 / 4 = 82.5
    params = MrpParams(price_weight=3, product_weight=1, window=1)
    assert market_index([MrpObservation("m", 45.0, 30.0, 50.0)], params) == [pytest.approx(82.5)]


def test_a_zero_or_missing_cost_is_a_gap_not_a_division_by_zero() -> None:
    series = [MrpObservation("a", 40.0, None, 0.0), MrpObservation("b", 40.0, None, None)]
    assert market_index(series, PRICE_ONLY) == [None, None]
    result = simulate_mrp(series, PRICE_ONLY)
    assert [(s.index, s.phase) for s in result.steps] == [(None, None), (None, None)]


@pytest.mark.parametrize(
    ("index", "current", "phase"),
    [
        (92.5, 0, 1),  # a fall of exactly 7.5 %: early warning
        (92.51, 0, 0),
        (85.0, 0, 2),  # exactly 15 %: voluntary reduction
        (85.01, 0, 1),
        (75.0, 0, 3),  # exactly 25 %: compulsory cut
        (75.01, 0, 2),
        (100.0, 3, 0),  # back at 100: exit, whatever the phase
        (99.99, 3, 3),  # below 100 a phase never de-escalates
        (99.99, 0, 0),
    ],
)
def test_phase_thresholds_exactly(index: float, current: int, phase: int) -> None:
    assert next_phase(index, current, PRICE_ONLY) == phase


def test_thresholds_follow_the_parameters() -> None:
    params = MrpParams(
        price_weight=1, product_weight=0, window=1, phase_falls=(5, 10, 20), exit_index=98.0
    )
    assert [next_phase(v, 0, params) for v in (95.0, 90.0, 80.0, 80.01)] == [1, 2, 3, 2]
    assert next_phase(98.0, 3, params) == 0
    assert next_phase(97.99, 3, params) == 3


def test_timeline_at_the_thresholds() -> None:
    # prices over a cost of 100 give the index directly (price weight only, window 1)
    levels = [92.5, 85.0, 99.0, 100.0, 75.0]
    result = simulate_mrp([MrpObservation(str(i), v, None, 100.0) for i, v in enumerate(levels)],
                          PRICE_ONLY)  # fmt: skip
    assert [s.phase for s in result.steps] == [1, 2, 2, 0, 3]
    assert result.spells == [("0", "0", 1), ("1", "2", 2), ("4", "4", 3)]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"price_weight": -0.1}, "index weights must be >= 0"),
        ({"product_weight": -0.1}, "index weights must be >= 0"),
        ({"price_weight": 0.0, "product_weight": 0.0}, "at least one index weight"),
        ({"window": 0}, "window must be at least 1"),
        ({"phase_falls": (0.0, 15.0, 25.0)}, "phase falls must rise"),
        ({"phase_falls": (7.5, 7.5, 25.0)}, "phase falls must rise"),
        ({"phase_falls": (7.5, 25.0, 25.0)}, "phase falls must rise"),
        ({"phase_falls": (7.5, 15.0, 100.0)}, "phase falls must rise"),
        ({"voluntary_cut_pct": 100.1}, "voluntary_cut_pct must be within 0-100"),
        ({"participation_pct": -0.1}, "participation_pct must be within 0-100"),
        ({"compulsory_cut_pct": 100.1}, "compulsory_cut_pct must be within 0-100"),
        ({"bonus_eur_per_100kg": -0.1}, "bonus rate and deliveries must be >= 0"),
        ({"monthly_deliveries_t": -1.0}, "bonus rate and deliveries must be >= 0"),
    ],
)
def test_parameters_refused_with_a_reason(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ParameterError, match=f"^{message}"):
        MrpParams(**changes).check()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes",
    [
        {"price_weight": 0.0, "product_weight": 1.0},
        {"price_weight": 1.0, "product_weight": 0.0},
        {"window": 1},
        {"phase_falls": (0.1, 15.0, 99.9)},
        {"voluntary_cut_pct": 100.0, "participation_pct": 0.0, "compulsory_cut_pct": 100.0},
        {"voluntary_cut_pct": 0.0, "participation_pct": 100.0, "compulsory_cut_pct": 0.0},
        {"bonus_eur_per_100kg": 0.0, "monthly_deliveries_t": 0.0},
    ],
)
def test_parameters_at_the_edges_accepted(changes: dict[str, object]) -> None:
    MrpParams(**changes).check()  # type: ignore[arg-type]


def _o(period: str, index: float | None, deliveries: float | None = None) -> MrpObservation:
    """An observation whose price over a cost of 100 is the index (None: no price)."""
    return MrpObservation(period, index, None, 100.0, deliveries, "https://d.example")


def test_quarterly_steps_with_stated_deliveries() -> None:
    params = MrpParams(price_weight=1, product_weight=0, window=1, monthly_deliveries_t=1000.0,
                       months_per_step=3.0)  # fmt: skip
    result = simulate_mrp([_o("q1", 95.0), _o("q2", None), _o("q3", 80.0)], params)
    # each quarter stands for 3 months of 1 000 t, also the quarter without an index
    assert [s.deliveries_t for s in result.steps] == [3000.0, 3000.0, 3000.0]
    assert [s.deliveries_source for s in result.steps] == [STATED, STATED, STATED]
    assert [s.phase for s in result.steps] == [0, None, 2]  # 95: no fall, not an early warning
    voluntary = 3000.0 * 0.30 * 0.05  # 45 t
    assert [s.withheld_t for s in result.steps] == [0.0, None, pytest.approx(voluntary)]
    assert [s.bonus_eur for s in result.steps] == [0.0, None, pytest.approx(voluntary * 140)]
    assert result.withheld_t == pytest.approx(voluntary)


def test_deliveries_of_each_period_and_their_gaps() -> None:
    # no stated deliveries: each period's own; a crisis step (phase 2) without them is a gap
    steps = [_o("a", 92.0, 2000.0), _o("b", 90.0, None), _o("c", 84.0, 1000.0)]
    result = simulate_mrp(steps, PRICE_ONLY)
    assert [(s.phase, s.deliveries_t) for s in result.steps] == [(1, 2000.0), (1, None),
                                                                 (2, 1000.0)]  # fmt: skip
    assert [s.deliveries_source for s in result.steps] == ["https://d.example", None,
                                                           "https://d.example"]  # fmt: skip
    assert result.withheld_t == pytest.approx(1000.0 * 0.30 * 0.05)  # phase 1 withholds nothing
    crisis_gap = simulate_mrp([_o("a", 84.0, None), _o("b", 84.0, 1000.0)], PRICE_ONLY)
    assert (crisis_gap.withheld_t, crisis_gap.bonus_eur) == (None, None)


def test_no_index_at_all_gives_gap_totals() -> None:
    result = simulate_mrp([_o("a", None, 1000.0)], PRICE_ONLY)
    assert (result.withheld_t, result.bonus_eur, result.spells) == (None, None, [])
    assert result.steps[0].deliveries_t == 1000.0


def test_spells_join_consecutive_periods_only() -> None:
    series = [_o("a", 84.0), _o("b", 84.0), _o("c", 84.0), _o("d", None), _o("e", 84.0),
              _o("f", 70.0), _o("g", 100.0), _o("h", 92.0)]  # fmt: skip
    result = simulate_mrp(series, PRICE_ONLY)
    assert result.spells == [("a", "c", 2), ("e", "e", 2), ("f", "f", 3), ("h", "h", 1)]


def test_quarterly_steps_with_each_period_s_monthly_deliveries() -> None:
    params = MrpParams(price_weight=1, product_weight=0, window=1, months_per_step=3.0)
    result = simulate_mrp([_o("q1", 84.0, 1000.0)], params)
    assert result.steps[0].deliveries_t == 3000.0  # 3 months of 1 000 t
    assert result.withheld_t == pytest.approx(3000.0 * 0.30 * 0.05)


def test_a_gap_inside_the_window_is_a_gap_and_any_positive_cost_divides() -> None:
    params = MrpParams(price_weight=1, product_weight=0, window=2)
    series = [MrpObservation("a", None, None, 100.0), MrpObservation("b", 90.0, None, 100.0),
              MrpObservation("c", 0.72, None, 0.8)]  # fmt: skip
    # b's window holds a's missing price: a gap, not the mean of the one price known
    assert market_index(series, params) == [None, None, pytest.approx(90.0)]
