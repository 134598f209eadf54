"""Plausible bounds of every number the ingest stores, per field: a value outside them is an
input error naming the file, line, field and bound. The bounds are far above any real row
(the largest yearly EU dairy export of one product to one country is under 1e10 EUR) yet
keep every sum finite: 1e8 rows at the bound add up to 1e20, far below a float's 1.8e308."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Bound:
    """The largest plausible value of a field (values are never negative) and its unit."""

    high: float
    unit: str

    def expected(self) -> str:
        """The bound in the words of an error message."""
        return f"a number from 0 to {self.high:.0e} ({self.unit})"


TRADE: dict[str, Bound] = {
    "value": Bound(1e12, "EUR or USD in one row"),
    "quantity_kg": Bound(1e12, "kg in one row"),
    "supp_quantity": Bound(1e12, "supplementary units in one row"),
}
PRICE = Bound(1e9, "a price or index in its unit")


def over_bound_sql(column: str, bound: Bound) -> str:
    """SQL that is TRUE when a staged text cell is a finite number above ``bound``."""
    value = f"TRY_CAST({column} AS DOUBLE)"
    return f"coalesce(isfinite({value}) AND {value} > {bound.high!r}, false)"


def trade_checks() -> list[tuple[str, str, str, str]]:
    """(staging column, condition TRUE on a bad row, message, expected) per bounded field."""
    return [
        (column, over_bound_sql(column, bound), "above its plausible bound", bound.expected())
        for column, bound in TRADE.items()
    ]
