"""Cost coverage marks a row derived when its price or its cost is a value the source derived."""

from __future__ import annotations

import pytest

from fairmilk.indicators.costs import cost_coverage
from fairmilk.indicators.prices import PricePoint


def _point(series: str, value: float, *, derived: bool) -> PricePoint:
    """SYNTHETIC: one price or cost of France in 2020, in euro cents per kg."""
    return PricePoint(series, "FR", "2020", 2020, None, value, None, None, "EURc/kg",
                      f"https://example.org/{series}", "test", derived=derived)  # fmt: skip


@pytest.mark.parametrize(
    ("price_derived", "cost_derived", "derived"),
    [(False, False, False), (True, False, True), (False, True, True), (True, True, True)],
)
def test_a_row_is_derived_when_either_input_is(
    price_derived: bool, cost_derived: bool, derived: bool
) -> None:
    (row,) = cost_coverage(
        [_point("farmgate_milk_price", 36.0, derived=price_derived)],
        [_point("production_cost_full", 45.0, derived=cost_derived)],
    )
    assert row.coverage_pct == pytest.approx(80.0)
    assert row.derived is derived
