"""What exists: the one check of country and region codes (web, API and CLI), and what an
empty answer should say instead of nothing (the years and places the store holds).

An unknown code is an ``InputError`` naming the parameter as the caller spells it
(``destination`` on the web and the API, ``--destination`` on the command line) and listing
the codes that exist; the web and the API answer 422, the command line exits with 2.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from fairmilk.errors import InputError
from fairmilk.outputs.queries import REGIONS
from fairmilk.reference.geo import countries
from fairmilk.text import Msg, msg

ALL = "all"


def known_areas(regions: Sequence[str] = REGIONS) -> tuple[str, ...]:
    """Every code a country or region parameter accepts: the regions, then ISO alpha-2."""
    return (*regions, *sorted(c.iso2 for c in countries()))


def check_area(
    value: str, *, param: str, allow_all: bool = True, regions: Sequence[str] = REGIONS
) -> str:
    """``value`` as a canonical code (ISO upper case, region lower case), else InputError."""
    key = value.strip()
    if allow_all and key.lower() == ALL:
        return ALL
    if key.lower() in regions:
        return key.lower()
    if key.upper() in {c.iso2 for c in countries()}:
        return key.upper()
    head = [ALL] if allow_all else []
    listed = ", ".join([*head, *known_areas(regions)])
    raise InputError(
        f"unknown country or region code for {param}",
        column=param,
        expected=f"one of {listed}",
        found=value,
    )


def check_areas(
    values: Sequence[str] | None, *, param: str, regions: Sequence[str] = REGIONS
) -> list[str] | None:
    """Each comma-separated code of a CLI option checked (None stays None)."""
    if values is None:
        return None
    return [check_area(v, param=param, allow_all=False, regions=regions) for v in values]


def _span(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[str]
) -> tuple[object, object, list[str]]:
    row = con.execute(f"SELECT min(year), max(year) FROM ({sql})", params).fetchone()
    first, last = row if row else (None, None)
    found = con.execute(f"SELECT DISTINCT geo FROM ({sql}) ORDER BY 1", params).fetchall()
    return first, last, [str(p) for (p,) in found]


def trade_available(con: duckdb.DuckDBPyConnection, *, flow: str = "export") -> Msg:
    """A note for an empty trade answer: the years, exporters and destinations stored."""
    side = "reporter" if flow == "export" else "partner"
    other = "partner" if flow == "export" else "reporter"
    base = "SELECT year, {col} AS geo FROM trade_current WHERE flow = ?"
    first, last, exporters = _span(con, base.format(col=side), [flow])
    _f, _l, destinations = _span(con, base.format(col=other), [flow])
    if first is None:
        return msg("No trade rows are loaded: run 'fairmilk ingest' or 'fairmilk demo'.")
    return msg(
        "No rows for this selection. Stored: years {first}-{last}; exporters {exporters}; "
        "destinations {destinations}.",
        first=first, last=last, exporters=_list(exporters), destinations=_list(destinations),
    )  # fmt: skip


def observations_available(con: duckdb.DuckDBPyConnection) -> Msg:
    """A note for an empty observations answer: the years and places stored."""
    first, last, places = _span(con, "SELECT year, geo FROM observations", [])
    if first is None:
        return msg("No observations are loaded: run 'fairmilk build'.")
    return msg(
        "No rows for this selection. Stored: years {first}-{last}; places {places}.",
        first=first, last=last, places=_list(places),
    )  # fmt: skip


def _list(codes: Sequence[str], most: int = 40) -> str:
    shown = ", ".join(codes[:most])
    return shown + (f" (+{len(codes) - most})" if len(codes) > most else "")
