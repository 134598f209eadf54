"""The codes a trade file is checked against: countries by code system, dairy prefixes."""

from __future__ import annotations

from functools import cache

from fairmilk.reference.geo import EUROSTAT_ALIASES, code_variants, countries
from fairmilk.reference.products import dairy_prefixes

__all__ = ["country_codes", "dairy_prefixes", "headings"]


CodeRow = tuple[str, str, str, int | None, int | None]


@cache
def country_codes() -> tuple[CodeRow, ...]:
    """Every (code system, code, country, first year, last year) known.

    Systems ``iso2``, ``comext``, ``m49``. ``iso2`` also accepts Eurostat's aliases (EL for
    Greece, UK for the United Kingdom); ``m49`` also the dated historic and variant codes of
    ``country_code_variants`` (Italy 381, former Germany 280...). A former country with no
    single successor is the country ``X:<code>``: known, so the file loads, but attributed to
    no present-day country. Years are None when the code has no limit.
    """
    rows: list[CodeRow] = []
    for country in countries():
        rows.append(("iso2", country.iso2, country.iso2, None, None))
        if country.comext_code:
            rows.append(("comext", str(int(country.comext_code)), country.iso2, None, None))
        if country.comtrade_code:
            rows.append(("m49", str(int(country.comtrade_code)), country.iso2, None, None))
    rows += [("iso2", alias, iso2, None, None) for alias, iso2 in EUROSTAT_ALIASES.items()]
    for v in code_variants():
        rows.append((v.system, v.code, v.iso2 or f"X:{v.code}", v.valid_from, v.valid_to))
    return tuple(rows)


def headings(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The distinct first four digits of the prefixes: a cheap first filter for the scan."""
    return tuple(sorted({p[:4] for p in prefixes}))
