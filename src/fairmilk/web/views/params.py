"""Page parameters: each arrives as a string in the URL and is validated here.

A bad value raises InputError naming the parameter and what was expected (a 422 on the web).
"""

from __future__ import annotations

from typing import Any

import duckdb

from fairmilk.errors import InputError
from fairmilk.outputs import queries
from fairmilk.outputs.availability import check_area
from fairmilk.outputs.collation import by_name
from fairmilk.outputs.i18n import pick, translator
from fairmilk.web.views.view import Query


def choice(query: Query, name: str, allowed: tuple[str, ...], default: str) -> str:
    """The parameter ``name`` if it is one of ``allowed``, else InputError (absent: default)."""
    value = query.get(name) or default
    if value not in allowed:
        raise InputError("bad parameter", column=name, expected=" | ".join(allowed), found=value)
    return value


def year(query: Query, name: str, default: int) -> int:
    """A year parameter between 1900 and 2100, else InputError."""
    raw = query.get(name) or str(default)
    if not raw.isdigit() or not 1900 <= int(raw) <= 2100:
        raise InputError("bad year", column=name, expected="a year 1900-2100", found=raw)
    return int(raw)


def area(query: Query, name: str, default: str) -> str:
    """A country (ISO alpha-2), a region id or ``all``, else InputError listing what exists."""
    return check_area(query.get(name) or default, param=name)


def categories(query: Query) -> tuple[str, ...]:
    """The product categories, comma-separated in ``category`` (default: the powders)."""
    raw = query.get("category") or ",".join(queries.POWDERS)
    found = tuple(c.strip() for c in raw.split(",") if c.strip())
    bad = [c for c in found if c not in queries.CATEGORIES]
    if bad or not found:
        expected = "comma-separated ids among " + ", ".join(queries.CATEGORIES)
        raise InputError("bad category", column="category", expected=expected, found=raw)
    return found


def number(query: Query, name: str, default: float, lo: float, hi: float) -> float:
    """A number parameter within [lo, hi], else InputError naming the parameter."""
    raw = query.get(name) or repr(default)
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not lo <= value <= hi:
        raise InputError("bad number", column=name, expected=f"a number {lo:g}-{hi:g}", found=raw)
    return value


def fmt_param(value: Any) -> str:
    """A parameter as it appears in the URL (``11.4``, ``5``)."""
    return f"{value:g}" if isinstance(value, float) else str(value)


def area_options(con: duckdb.DuckDBPyConnection, lang: str) -> list[tuple[str, str]]:
    """Choices for an exporter or destination field: all, the regions, then the countries."""
    _ = translator(lang)
    out = [("all", _("All"))]
    regions = con.execute("SELECT region, name_en, name_fr FROM ref_regions ORDER BY 1")
    out += [(str(r), pick(lang, en, fr)) for r, en, fr in regions.fetchall()]
    col = "name_fr" if lang == "fr" else "name_en"
    found = con.execute(f"SELECT iso2, {col} FROM ref_countries").fetchall()
    countries = by_name((str(c), str(n)) for c, n in found)
    return out + [(c, f"{n} ({c})") for c, n in countries]
