"""The indicator registry: every module that declares indicators is listed here explicitly.

A module declares its indicators as a tuple ``INDICATORS`` of ``Indicator``; to add one,
import the module below and add it to ``_MODULES``.
"""

from __future__ import annotations

from fairmilk.errors import ParameterError
from fairmilk.indicators import mirror_catalog, price_catalog, trade_catalog
from fairmilk.indicators.indicator import Indicator

_MODULES = (trade_catalog, price_catalog, mirror_catalog)


def all_indicators() -> tuple[Indicator, ...]:
    """Every declared indicator, in declaration order; ids must be unique."""
    found: list[Indicator] = [ind for module in _MODULES for ind in module.INDICATORS]
    ids = [ind.id for ind in found]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ParameterError(f"indicator ids must be unique, found {duplicates[0]!r} twice")
    return tuple(found)


def get(indicator_id: str) -> Indicator:
    """The indicator with this id, or ParameterError listing the known ids."""
    for ind in all_indicators():
        if ind.id == indicator_id:
            return ind
    known = ", ".join(ind.id for ind in all_indicators())
    raise ParameterError(f"indicator: expected one of {known}, found {indicator_id!r}")


__all__ = ["Indicator", "all_indicators", "get"]
