"""Import dependency and milk available per person, from FAOSTAT and World Bank observations.

The main figures count the milk of all animals (FAOSTAT item 1780 "Milk": cow, goat, sheep,
camel, buffalo); the cow-milk figures are kept beside them in columns named ``*_cow*``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

import ibis

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Con, Frame, backend, execute
from fairmilk.indicators.periods import (
    Period,
    keep_members,
    parse_period,
    split_geo,
)
from fairmilk.text import msg

TONNES = {
    "t": 1.0,
    "tonnes": 1.0,
    "t milk equivalent": 1.0,
    "1000 t": 1000.0,
    "1000 t milk equivalent": 1000.0,
}
PERSONS = {"persons": 1.0, "people": 1.0, "number": 1.0, "1000 persons": 1000.0}


@dataclass(frozen=True, slots=True)
class DependencySeries:
    """The observation series ids the indicators read (set by the reference loader)."""

    production: str = "milk_production_all"
    production_cow: str = "cow_milk_production"
    imports_me: str = "milk_imports_me"
    exports_me: str = "milk_exports_me"
    population: str = "population"


DEFAULT_SERIES = DependencySeries()


NOTES = (
    msg(
        "Import dependency = imports in milk equivalent / (local milk production + imports in "
        "milk equivalent), in %. dependency_pct counts the milk of all animals (FAOSTAT item "
        "'Milk': cow, goat, sheep, camel, buffalo; production_all_t); dependency_cow_pct counts "
        "cow milk only (production_cow_t) and understates local supply where herds are pastoral. "
        "FAOSTAT imports cover all milk products (excluding butter) in milk equivalent."
    ),
    msg(
        "Milk available per person = (production + imports - exports) / population, kg per "
        "person per year: kg_per_person with all milk, kg_per_person_cow with cow milk only. A "
        "value is a gap (–) when any of its inputs is missing."
    ),
)


class DependencyOptions(TypedDict, total=False):
    """The keywords of the dependency tables: countries (ISO codes or region ids; default
    west-africa), first and last year (default: all) and the series read (DEFAULT_SERIES)."""

    countries: Sequence[str]
    start: str | int | Period | None
    end: str | int | Period | None
    series: DependencySeries


def _series(db: ibis.BaseBackend, name: str, units: dict[str, float]) -> ibis.Table:
    """(geo, year, value, url) of one annual series, scaled to tonnes or persons."""
    o = db.table("observations")
    s = o.filter((o.series == name) & o.month.isnull() & o.year.notnull())
    found = set(s.select("unit").distinct().to_pyarrow().column(0).to_pylist())
    unknown = sorted(found - set(units))
    if unknown:
        raise ConversionError(
            f"series {name}: expected a unit among {', '.join(units)}, found {unknown[0]!r}"
        )
    scale = s.unit.cases(*units.items(), else_=ibis.null().cast("float64"))
    s = s.mutate(scaled=s.value * scale)
    g = s.group_by(["geo", "year"]).aggregate(
        low=s.scaled.min(), high=s.scaled.max(), url=s.source_url.min()
    )
    # Two sources that disagree for the same country and year are a gap, not a pick.
    value = ibis.ifelse(g.low == g.high, g.low, ibis.null().cast("float64"))
    return g.select(geo=g.geo, year=g.year, value=value, url=g.url)


def _in_years(keys: ibis.Table, options: DependencyOptions) -> ibis.Table:
    """Keep the years from start to end (a year, or a month of which only the year counts)."""
    start, end = options.get("start"), options.get("end")
    first = parse_period(start, name="start").year if start is not None else None
    last = parse_period(end, name="end").year if end is not None else None
    if first is not None:
        keys = keys.filter(keys.year >= first)
    if last is not None:
        keys = keys.filter(keys.year <= last)
    return keys


def inputs(con: Con, **options: Unpack[DependencyOptions]) -> ibis.Table:
    """One row per country and year with production, imports, exports (t) and population."""
    db = backend(con)
    series = options.get("series", DEFAULT_SERIES)
    parts = {
        "production_all_t": _series(db, series.production, TONNES),
        "production_cow_t": _series(db, series.production_cow, TONNES),
        "imports_me_t": _series(db, series.imports_me, TONNES),
        "exports_me_t": _series(db, series.exports_me, TONNES),
        "population": _series(db, series.population, PERSONS),
    }
    keys = ibis.union(*[p.select("geo", "year") for p in parts.values()], distinct=True)
    isos, regions = split_geo(options.get("countries", ("west-africa",)), name="countries")
    keys = keys.mutate(when=ibis.date(keys.year.cast("int32"), 7, 1))
    keys = keep_members(db, keys, "geo", isos, regions).drop("when")
    t = _in_years(keys, options)
    urls = []
    for name, part in parts.items():
        part = part.rename({f"{name}_v": "value", f"{name}_url": "url"})
        t = t.left_join(part, ["geo", "year"]).select(t, part[f"{name}_v"], part[f"{name}_url"])
        t = t.rename({name: f"{name}_v"})
        urls.append(ibis.literal(f"{name.removesuffix('_t')}: ") + t[f"{name}_url"])
    return t.mutate(sources=ibis.literal("; ").join(urls)).drop(*[f"{n}_url" for n in parts])


def _share(t: ibis.Table, production: ibis.Value) -> ibis.Value:
    total = production + t.imports_me_t
    return ibis.ifelse(total > 0, t.imports_me_t / total * 100.0, ibis.null().cast("float64"))


def _per_person(t: ibis.Table, production: ibis.Value) -> ibis.Value:
    available = production + t.imports_me_t - t.exports_me_t
    return ibis.ifelse(
        t.population > 0, available * 1000.0 / t.population, ibis.null().cast("float64")
    )


def import_dependency(con: Con, **options: Unpack[DependencyOptions]) -> ibis.Table:
    """Import dependency by country and year (%): all milk, and cow milk only; NULL on a gap."""
    t = inputs(con, **options)
    return t.select(
        "geo", "year", "production_all_t", "production_cow_t", "imports_me_t",
        dependency_pct=_share(t, t.production_all_t),
        dependency_cow_pct=_share(t, t.production_cow_t), sources="sources",
    ).order_by(["geo", "year"])  # fmt: skip


def milk_per_person(con: Con, **options: Unpack[DependencyOptions]) -> ibis.Table:
    """Milk available per person and year, kg: (production + imports - exports) / population."""
    t = inputs(con, **options)
    return t.select(
        "geo", "year", "production_all_t", "production_cow_t", "imports_me_t", "exports_me_t",
        "population", kg_per_person=_per_person(t, t.production_all_t),
        kg_per_person_cow=_per_person(t, t.production_cow_t), sources="sources",
    ).order_by(["geo", "year"])  # fmt: skip


def dependency_frame(con: Con, **options: Unpack[DependencyOptions]) -> Frame:
    """Import dependency and milk per person in one table, with sources and notes."""
    dep = import_dependency(con, **options)
    per = milk_per_person(con, **options)
    t = dep.join(per, ["geo", "year"]).select(
        dep.geo, dep.year, dep.production_all_t, dep.production_cow_t, dep.imports_me_t,
        per.exports_me_t, per.population, dep.dependency_pct, dep.dependency_cow_pct,
        per.kg_per_person, per.kg_per_person_cow, dep.sources,
    )  # fmt: skip
    frame = execute(t.order_by(["geo", "year"]), title=msg("Import dependency and milk per person"))
    urls = sorted({u for s in frame.column("sources") if s for u in s.split("; ")})
    frame.sources, frame.notes = urls, list(NOTES)
    return frame
