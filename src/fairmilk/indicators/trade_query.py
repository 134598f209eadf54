"""The trade query: which trade rows the indicators read and how they group them, checked once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TypedDict

from fairmilk.errors import ParameterError
from fairmilk.indicators.periods import Period, parse_period
from fairmilk.indicators.trade_keys import DEFAULT_BY, GROUP_KEYS

CATEGORY_IDS = (
    "liquid_milk", "cream", "smp", "wmp", "ffmp", "butter", "cheese", "whey", "condensed",
    "yoghurt", "infant_formula", "other",
)  # fmt: skip
FLOWS = ("export", "import")


def check_by(by: Sequence[str]) -> tuple[str, ...]:
    """The grouping keys in GROUP_KEYS order, or ParameterError for an unknown key."""
    bad = [k for k in by if k not in GROUP_KEYS]
    if bad:
        raise ParameterError(f"by: expected some of {', '.join(GROUP_KEYS)}, found {bad[0]!r}")
    if "month" in by and "year" not in by:
        raise ParameterError("by: 'month' needs 'year' too (a month is YYYY-MM)")
    return tuple(k for k in GROUP_KEYS if k in by)


def _categories(categories: Sequence[str] | None) -> tuple[str, ...] | None:
    """The categories as a tuple (None for all), or ParameterError for an unknown one."""
    if not categories:
        return None
    unknown = [c for c in categories if c not in CATEGORY_IDS]
    if unknown:
        expected = ", ".join(CATEGORY_IDS)
        raise ParameterError(f"categories: expected some of {expected}, found {unknown[0]!r}")
    return tuple(categories)


def _period(value: str | int | Period | None, name: str) -> Period | None:
    return parse_period(value, name=name) if value is not None else None


class TradeOptions(TypedDict, total=False):
    """The fields of a TradeQuery given as keywords: ``trade_frame(con, destinations=["SN"])``."""

    exporters: Sequence[str] | None
    destinations: Sequence[str] | None
    categories: Sequence[str] | None
    flow: str
    start: str | int | Period | None
    end: str | int | Period | None
    by: Sequence[str]


@dataclass(frozen=True, slots=True)
class TradeQuery:
    """Which trade rows to read and how to group them; checked and normalised when made.

    ``exporters`` and ``destinations`` are ISO codes or region ids (None: all; they are
    resolved, and checked, when the rows are read), ``categories`` category ids (None: all),
    ``flow`` export or import as declared, ``start`` and ``end`` a year or a month (kept as
    Periods), ``by`` grouping keys among GROUP_KEYS (kept in that order).
    """

    exporters: Sequence[str] | None = None
    destinations: Sequence[str] | None = None
    categories: Sequence[str] | None = None
    flow: str = "export"
    start: str | int | Period | None = None
    end: str | int | Period | None = None
    by: Sequence[str] = DEFAULT_BY

    def __post_init__(self) -> None:
        if self.flow not in FLOWS:
            raise ParameterError(f"flow: expected export or import, found {self.flow!r}")
        fixed = {
            "by": check_by(self.by),
            "start": _period(self.start, "start"),
            "end": _period(self.end, "end"),
            "categories": _categories(self.categories),
            "exporters": tuple(self.exporters) if self.exporters else None,
            "destinations": tuple(self.destinations) if self.destinations else None,
        }
        for name, value in fixed.items():
            object.__setattr__(self, name, value)

    @property
    def first(self) -> Period | None:
        """The first period (inclusive), None for no lower bound."""
        return self.start if isinstance(self.start, Period) else None

    @property
    def last(self) -> Period | None:
        """The last period (inclusive), None for no upper bound."""
        return self.end if isinstance(self.end, Period) else None


def as_query(query: TradeQuery | None, options: TradeOptions) -> TradeQuery:
    """The query to run: the keyword options applied over ``query`` (or over the defaults)."""
    if query is None:
        return TradeQuery(**options)
    return replace(query, **options) if options else query
