"""Price anomaly flags by the FAO GIEWS Indicator of Price Anomalies (IPA), SDG 2.c.1 variant.

For a monthly price series P (calendar month t of year y)::

    CQGR = (P[y,t] / P[t-3 months]) ** (1/3)  - 1      quarterly compound growth
    CAGR = (P[y,t] / P[t-12 months]) ** (1/12) - 1     annual compound growth
    Z    = (CGR − mean_t) / sd_t    mean and sd over the same calendar month in all
                                    previous years (equal weights: sd is the sample sd)
    IPA  = 0.4 × Z_Q + 0.6 × Z_A     (SDG 2.c.1 weights; quarterly weight settable)

Flags: IPA >= 1 'alert' (abnormally high), 0.5 <= IPA < 1 'watch', otherwise 'normal'.
A month needs ``min_years`` earlier values of both growth rates for its calendar month.

A series priced at events (auctions, dated quotes) becomes monthly with ``monthly_means``:
the plain mean of the prices dated in each calendar month. A month without any event is a
gap: it is not interpolated, and the growth rates that need it are gaps too.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fairmilk.errors import ParameterError
from fairmilk.text import msg

TITLE_EN = msg("Price anomalies (FAO GIEWS IPA, SDG 2.c.1 variant)")
ALERT, WATCH = 1.0, 0.5
FLAGS = ("alert", "watch", "normal")  # ids shown to readers (translated as terms)


@dataclass(frozen=True, slots=True)
class IpaPoint:
    """The IPA of one month, its two growth rates and scores, and the flag."""

    year: int
    month: int
    price: float
    cqgr: float | None
    cagr: float | None
    z_quarterly: float | None
    z_annual: float | None
    ipa: float | None
    flag: str | None
    history_years: int


@dataclass(frozen=True, slots=True)
class MonthlyMean:
    """The mean of the event prices of one calendar month, and how many events it averages."""

    year: int
    month: int
    price: float
    events: int


def monthly_means(events: Iterable[tuple[date, float]]) -> dict[tuple[int, int], MonthlyMean]:
    """Mean price per calendar month of dated event prices; months without events are absent."""
    sums: dict[tuple[int, int], tuple[float, int]] = {}
    for day, price in events:
        total, count = sums.get((day.year, day.month), (0.0, 0))
        sums[(day.year, day.month)] = (total + price, count + 1)
    return {
        (y, m): MonthlyMean(y, m, total / count, count)
        for (y, m), (total, count) in sorted(sums.items())
    }


def _key(year: int, month: int) -> int:
    return year * 12 + month - 1


def _cgr(prices: Mapping[int, float], k: int, n: int) -> float | None:
    start = prices.get(k - n)
    if start is None or start <= 0:
        return None
    return float((prices[k] / start) ** (1 / n) - 1)


def _z(value: float | None, history: Sequence[float]) -> float | None:
    if value is None or len(history) < 2:
        return None
    mean = sum(history) / len(history)
    sd = math.sqrt(sum((h - mean) ** 2 for h in history) / (len(history) - 1))
    return None if sd == 0 else (value - mean) / sd


def flag(value: float | None) -> str | None:
    """'alert' (>= 1), 'watch' (>= 0.5) or 'normal'; None for no value."""
    if value is None:
        return None
    return "alert" if value >= ALERT else "watch" if value >= WATCH else "normal"


def ipa(
    series: Mapping[tuple[int, int], float],
    *,
    quarterly_weight: float = 0.4,
    min_years: int = 3,
) -> list[IpaPoint]:
    """The IPA of each month of a monthly price series keyed by (year, month)."""
    if not 0 <= quarterly_weight <= 1:
        raise ParameterError(f"quarterly_weight must be within 0-1, found {quarterly_weight:g}")
    if min_years < 2:
        raise ParameterError("min_years must be at least 2 (a standard deviation needs two)")
    if any(v <= 0 for v in series.values()):
        raise ParameterError("IPA needs positive prices")
    prices = {_key(y, m): v for (y, m), v in series.items()}
    growth = {k: (_cgr(prices, k, 3), _cgr(prices, k, 12)) for k in prices}
    out = []
    for k in sorted(prices):
        year, month = divmod(k, 12)
        past = [growth[j] for j in growth if j < k and j % 12 == k % 12]
        hist_q = [q for q, a in past if q is not None and a is not None]
        hist_a = [a for q, a in past if q is not None and a is not None]
        q, a = growth[k]
        enough = len(hist_a) >= min_years
        zq = _z(q, hist_q) if enough else None
        za = _z(a, hist_a) if enough else None
        value = (
            None
            if zq is None or za is None
            else quarterly_weight * zq + (1 - quarterly_weight) * za
        )
        out.append(
            IpaPoint(year, month + 1, prices[k], q, a, zq, za, value, flag(value), len(hist_a))
        )
    return out
