"""Pages built from published observations: prices and costs, per-litre, milk offensive.

Each page picks the observation series of its theme from the store (by series name and
unit), lets the reader choose a series and a place, and shows every value with its source.
A page never shows more than ``PAGE_ROWS`` rows, and says so, with the API link for all.
"""

from __future__ import annotations

from typing import Any

import duckdb

from fairmilk.errors import InputError
from fairmilk.outputs import charts, queries
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.tables import Result
from fairmilk.outputs.views import Block, Control, Query, View, area

PAGE_ROWS = 500
THEMES: dict[str, str] = {
    "prices": "(series ILIKE '%price%' OR series ILIKE '%cost%') AND unit NOT ILIKE '%litre%'",
    "per-litre": "(unit ILIKE '%litre%' OR unit ILIKE '%/l' OR series ILIKE '%per_litre%')",
    "offensive": "(series ILIKE '%production%' OR series ILIKE '%target%' "
    "OR series ILIKE '%collect%' OR dataset ILIKE '%offensive%')",
}
TITLES = {
    "prices": "Prices and production costs",
    "per-litre": "Price per litre by country",
    "offensive": "Milk offensive tracker",
}
INTROS = {
    "prices": "Farm-gate milk prices and production costs as published, each with its source.",
    "per-litre": "Local milk and milk reconstituted from imported powder, per litre.",
    "offensive": "West African milk production and collection against the ECOWAS Milk "
    "Offensive targets (double production, 20% local milk in dairies by 2030).",
}
COLUMNS = (
    "geo, series, product, period, year, value, value_low, value_high, unit, approximate, "
    "derived, flag, source_org, source_url, note"
)


def series_options(con: duckdb.DuckDBPyConnection, theme: str) -> list[tuple[str, str]]:
    """The series of a theme present in the store, with their units."""
    found = con.execute(
        f"SELECT series, string_agg(DISTINCT unit, ', ') FROM observations "
        f"WHERE {THEMES[theme]} GROUP BY series ORDER BY series"
    ).fetchall()
    return [(str(s), f"{s} ({u})") for s, u in found]


def obs_view(con: duckdb.DuckDBPyConnection, theme: str, query: Query, *, lang: str) -> View:
    """A theme page: the chosen series in the chosen place, table, chart and sources."""
    _ = translator(lang)
    options = series_options(con, theme)
    series = _series(query, options)
    geo = area(query, "geo", "all")
    params = {"series": series, "geo": geo}
    view = View(theme, _(TITLES[theme]), lang, params, intro=_(INTROS[theme]))
    view.controls = [
        Control("series", _("Series"), series, options),
        Control("geo", _("Country or region"), geo, _geo_options(con, series, lang)),
    ]
    if series:
        view.blocks.append(_obs_block(con, theme, series, geo, lang))
    return view


def _series(query: Query, options: list[tuple[str, str]]) -> str:
    ids = tuple(o[0] for o in options)
    value = query.get("series") or (ids[0] if ids else "")
    if value and value not in ids:
        raise InputError("unknown series", column="series", expected=" | ".join(ids), found=value)
    return value


def _geo_options(con: duckdb.DuckDBPyConnection, series: str, lang: str) -> list[tuple[str, str]]:
    _ = translator(lang)
    found = con.execute(
        "SELECT DISTINCT geo FROM observations WHERE series = ? ORDER BY geo", [series]
    ).fetchall()
    return [("all", _("All")), *((str(g), str(g)) for (g,) in found)]


def _obs_block(
    con: duckdb.DuckDBPyConnection, theme: str, series: str, geo: str, lang: str
) -> Block:
    _ = translator(lang)
    where = f"{THEMES[theme]} AND series = ?"
    params: list[Any] = [series]
    if geo != "all":
        where += " AND geo = ?"
        params.append(geo)
    total = queries.count(con, f"SELECT count(*) FROM observations WHERE {where}", params)
    result = queries.rows(
        con,
        f"SELECT {COLUMNS} FROM observations WHERE {where} "
        f"ORDER BY geo, year, month, period LIMIT {PAGE_ROWS}",
        params,
    )
    result.title = series
    result.sources = queries.observation_sources(con, where, params)
    if total > PAGE_ROWS:
        result.notes.append(
            _("Showing {n} of {total} rows; the API gives them all.", n=PAGE_ROWS, total=total)
        )
    chart = _chart(result, series) if result.rows else None
    return Block("observations", series, result, chart)


def _chart(result: Result, series: str) -> charts.Spec:
    recs = result.records()
    units = sorted({str(r["unit"]) for r in recs})
    data = [(r["period"], r["value"], f"{r['geo']} {r['product'] or ''}".strip()) for r in recs]
    table = Result(series, ["year", "value", "label"], data)
    return charts.series_chart(table, title=series, y_title=", ".join(units))
