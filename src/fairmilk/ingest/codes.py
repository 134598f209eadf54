"""The codes a trade file is checked against: countries by code system, dairy prefixes."""

from __future__ import annotations

from functools import cache

from fairmilk.reference.catalog import read_rows
from fairmilk.reference.products import dairy_prefixes

__all__ = ["country_codes", "dairy_prefixes", "headings"]


@cache
def country_codes() -> tuple[tuple[str, str, str], ...]:
    """Every (code system, code, ISO alpha-2) known: systems ``iso2``, ``comext``, ``m49``."""
    rows: list[tuple[str, str, str]] = []
    for row in read_rows("countries"):
        iso2 = row["iso2"]
        rows.append(("iso2", iso2, iso2))
        if row.get("comext_code"):
            rows.append(("comext", row["comext_code"], iso2))
        if row.get("comtrade_code"):
            rows.append(("m49", str(int(row["comtrade_code"])), iso2))
    return tuple(rows)


def headings(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct first four digits of the prefixes: a cheap first filter for the scan."""
    return tuple(sorted({p[:4] for p in prefixes}))
