"""IPA price anomalies from what they mean: a SYNTHETIC series whose growth rates are round
numbers, non-default weight and history, exact bounds of the parameters."""

from __future__ import annotations

import math
from datetime import date

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.anomaly import MonthlyMean, ipa, monthly_means


def flat_with_marches() -> dict[tuple[int, int], float]:
    """SYNTHETIC: 100 every month of 2020-2023, except March 2021, 2022 and 2023."""
    series = {(y, m): 100.0 for y in range(2020, 2024) for m in range(1, 13)}
    series[(2021, 3)] = 133.1  # 3 months after December's 100: +10 % a month
    series[(2022, 3)] = 121.0
    series[(2023, 3)] = 172.8  # +20 % a month over the quarter
    return series


def _z(value: float, history: list[float]) -> float:
    mean = sum(history) / len(history)
    sd = math.sqrt(sum((h - mean) ** 2 for h in history) / (len(history) - 1))
    return (value - mean) / sd


def test_growth_rates_of_a_month_are_the_compound_monthly_rates() -> None:
    points = {(p.year, p.month): p for p in ipa(flat_with_marches())}
    march21 = points[(2021, 3)]
    assert (march21.year, march21.month, march21.price) == (2021, 3, 133.1)
    assert march21.cqgr == pytest.approx(0.1)  # (133.1 / 100) ** (1/3) - 1
    assert march21.cagr == pytest.approx(1.331 ** (1 / 12) - 1)
    assert points[(2023, 3)].cqgr == pytest.approx(0.2)  # 1.728 = 1.2 ** 3
    assert points[(2021, 4)].cqgr == pytest.approx(0.0)  # January 2021 is 100 too
    assert points[(2021, 6)].cqgr == pytest.approx((100 / 133.1) ** (1 / 3) - 1)
    assert points[(2020, 3)].cqgr is None  # December 2019 is not in the series
    assert points[(2020, 12)].cagr is None
    assert points[(2021, 1)].cagr == pytest.approx(0.0)


def test_march_2023_by_hand_with_two_years_of_history_and_weight_one_quarter() -> None:
    series = flat_with_marches()
    points = {(p.year, p.month): p for p in ipa(series, quarterly_weight=0.25, min_years=2)}
    march = points[(2023, 3)]
    # March 2020 has no quarterly rate (no December 2019), so its history is 2021 and 2022
    hist_q = [0.1, (121 / 100) ** (1 / 3) - 1]
    hist_a = [1.331 ** (1 / 12) - 1, (121 / 133.1) ** (1 / 12) - 1]
    zq = _z(0.2, hist_q)
    za = _z((172.8 / 121) ** (1 / 12) - 1, hist_a)
    assert march.history_years == 2
    assert march.z_quarterly == pytest.approx(zq)
    assert march.z_annual == pytest.approx(za)
    assert march.ipa == pytest.approx(0.25 * zq + 0.75 * za)
    assert march.flag == "alert"
    # the same month with the default three years of history is not scored
    default = {(p.year, p.month): p for p in ipa(series)}[(2023, 3)]
    assert (default.history_years, default.z_quarterly, default.z_annual) == (2, None, None)
    assert (default.ipa, default.flag) == (None, None)


@pytest.mark.parametrize(("weight", "pick"), [(0.0, "z_annual"), (1.0, "z_quarterly")])
def test_weight_bounds_give_one_score_alone(weight: float, pick: str) -> None:
    march = {(p.year, p.month): p for p in ipa(flat_with_marches(), quarterly_weight=weight,
                                               min_years=2)}[(2023, 3)]  # fmt: skip
    assert march.ipa == pytest.approx(getattr(march, pick))


def test_a_flat_history_has_no_spread_so_no_score() -> None:
    points = {(p.year, p.month): p for p in ipa(flat_with_marches(), min_years=2)}
    november = points[(2023, 11)]  # November: the same rates (0) every year, sd = 0
    assert (november.cqgr, november.cagr, november.history_years) == (0.0, 0.0, 2)
    assert (november.z_quarterly, november.z_annual, november.ipa, november.flag) == (
        None, None, None, None)  # fmt: skip


def test_only_earlier_years_of_the_same_calendar_month_count() -> None:
    points = {(p.year, p.month): p for p in ipa(flat_with_marches(), min_years=2)}
    assert points[(2022, 3)].history_years == 1  # 2021 only: not itself, not later years
    assert points[(2023, 2)].history_years == 2  # February 2020 has no annual rate
    assert points[(2022, 3)].ipa is None


@pytest.mark.parametrize("weight", [-0.01, 1.01])
def test_weight_outside_0_1_is_refused(weight: float) -> None:
    expected = rf"^quarterly_weight must be within 0-1, found {weight:g}$"
    with pytest.raises(ParameterError, match=expected):
        ipa(flat_with_marches(), quarterly_weight=weight)


def test_min_years_below_two_is_refused_and_two_accepted() -> None:
    with pytest.raises(ParameterError, match=r"^min_years must be at least 2"):
        ipa(flat_with_marches(), min_years=1)
    assert ipa(flat_with_marches(), min_years=2)


def test_a_zero_price_is_refused() -> None:
    series = flat_with_marches()
    series[(2021, 5)] = 0.0
    with pytest.raises(ParameterError, match=r"^IPA needs positive prices$"):
        ipa(series)


def test_points_come_in_calendar_order() -> None:
    series = dict(reversed(list(flat_with_marches().items())))
    keys = [(p.year, p.month) for p in ipa(series)]
    assert keys == sorted(flat_with_marches())
    assert keys[0] == (2020, 1)
    assert keys[-1] == (2023, 12)


def test_monthly_means_average_each_calendar_month_of_each_year_apart() -> None:
    events = [(date(2022, 5, 30), 90.0), (date(2021, 5, 3), 100.0), (date(2021, 5, 17), 110.0),
              (date(2021, 5, 31), 120.0), (date(2021, 4, 30), 80.0)]  # fmt: skip
    months = monthly_means(events)
    assert list(months) == [(2021, 4), (2021, 5), (2022, 5)]
    assert months[(2021, 5)] == MonthlyMean(2021, 5, 110.0, 3)
    assert months[(2022, 5)] == MonthlyMean(2022, 5, 90.0, 1)
    assert monthly_means([]) == {}


def test_prices_below_one_are_prices_too() -> None:
    # EUR per kg: the same series divided by 1000 has the same growth rates and scores
    small = {k: v / 1000 for k, v in flat_with_marches().items()}
    points = {(p.year, p.month): p for p in ipa(small, min_years=2)}
    big = {(p.year, p.month): p for p in ipa(flat_with_marches(), min_years=2)}
    assert points[(2021, 3)].cqgr == pytest.approx(0.1)
    assert points[(2023, 3)].ipa == pytest.approx(big[(2023, 3)].ipa)


def test_a_missing_month_leaves_the_rates_that_need_it_a_gap() -> None:
    series = flat_with_marches()
    del series[(2022, 12)]  # March 2023's quarterly rate needs December 2022
    march = {(p.year, p.month): p for p in ipa(series, min_years=2)}[(2023, 3)]
    assert march.cqgr is None
    assert march.cagr == pytest.approx((172.8 / 121) ** (1 / 12) - 1)
    assert (march.z_quarterly, march.ipa, march.flag) == (None, None, None)
    assert march.z_annual is not None


def test_one_score_alone_gives_no_ipa() -> None:
    june = {(p.year, p.month): p for p in ipa(flat_with_marches(), min_years=2)}[(2023, 6)]
    # June's quarterly rates vary with March; its annual rates are all 0 (no spread)
    assert june.z_quarterly is not None
    assert (june.z_annual, june.ipa, june.flag) == (None, None, None)
