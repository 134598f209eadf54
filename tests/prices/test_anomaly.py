"""IPA price anomalies on a SYNTHETIC monthly series, checked against the formulas by hand."""

from __future__ import annotations

import math

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.anomaly import flag, ipa


def synthetic_series() -> dict[tuple[int, int], float]:
    """SYNTHETIC: a 1 %-a-month trend with small wiggles, and a spike in June 2019."""
    series = {}
    for k in range(60):  # Jan 2015 - Dec 2019
        year, month = 2015 + k // 12, k % 12 + 1
        series[(year, month)] = 100 * 1.01**k * (1 + 0.01 * ((k * 7) % 5 - 2))
    series[(2019, 6)] = series[(2019, 6)] * 1.3
    return series


def cgr(p: dict[tuple[int, int], float], year: int, month: int, n: int) -> float:
    k = year * 12 + month - 1 - n
    return (p[(year, month)] / p[(k // 12, k % 12 + 1)]) ** (1 / n) - 1


def z(value: float, history: list[float]) -> float:
    mean = sum(history) / len(history)
    sd = math.sqrt(sum((h - mean) ** 2 for h in history) / (len(history) - 1))
    return (value - mean) / sd


def test_june_2019_spike_by_hand() -> None:
    p = synthetic_series()
    points = {(x.year, x.month): x for x in ipa(p)}
    june = points[(2019, 6)]
    years = [2016, 2017, 2018]  # June 2015 has no value 12 months earlier
    zq = z(cgr(p, 2019, 6, 3), [cgr(p, y, 6, 3) for y in years])
    za = z(cgr(p, 2019, 6, 12), [cgr(p, y, 6, 12) for y in years])
    assert june.cqgr == pytest.approx(cgr(p, 2019, 6, 3))
    assert june.z_quarterly == pytest.approx(zq)
    assert june.z_annual == pytest.approx(za)
    assert june.ipa == pytest.approx(0.4 * zq + 0.6 * za)
    assert june.flag == "alert"
    assert june.history_years == 3


def test_needs_three_earlier_years() -> None:
    points = {(x.year, x.month): x for x in ipa(synthetic_series())}
    assert points[(2018, 6)].ipa is None  # only 2016 and 2017 before it
    assert points[(2015, 1)].cqgr is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(1.0, "alert"), (0.5, "watch"), (0.49, "normal"), (-2, "normal"), (None, None)],
)
def test_flags(value: float | None, expected: str | None) -> None:
    assert flag(value) == expected


def test_bad_inputs() -> None:
    with pytest.raises(ParameterError):
        ipa({(2020, 1): -5.0})
    with pytest.raises(ParameterError):
        ipa(synthetic_series(), quarterly_weight=1.5)
