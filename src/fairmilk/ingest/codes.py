"""The codes a trade file is checked against: countries by code system, dairy prefixes."""

from __future__ import annotations

from functools import cache

from fairmilk.reference.geo import EUROSTAT_ALIASES, countries
from fairmilk.reference.products import dairy_prefixes

__all__ = ["country_codes", "dairy_prefixes", "headings"]


@cache
def country_codes() -> tuple[tuple[str, str, str], ...]:
    """Every (code system, code, ISO alpha-2) known: systems ``iso2``, ``comext``, ``m49``.

    ``iso2`` also accepts Eurostat's aliases (EL for Greece, UK for the United Kingdom).
    """
    rows: list[tuple[str, str, str]] = []
    for country in countries():
        rows.append(("iso2", country.iso2, country.iso2))
        if country.comext_code:
            rows.append(("comext", str(int(country.comext_code)), country.iso2))
        if country.comtrade_code:
            rows.append(("m49", str(int(country.comtrade_code)), country.iso2))
    rows += [("iso2", alias, iso2) for alias, iso2 in EUROSTAT_ALIASES.items()]
    return tuple(rows)


def headings(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct first four digits of the prefixes: a cheap first filter for the scan."""
    return tuple(sorted({p[:4] for p in prefixes}))
