"""The prices-and-costs and per-litre pages."""

from __future__ import annotations

from typing import Any

import duckdb

from fairmilk.errors import InputError
from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.price_tables import (
    anomaly_table,
    cost_coverage_table,
    per_litre_table,
    west_africa,
)
from fairmilk.outputs import charts, queries
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.tables import Result
from fairmilk.reference.price_series import price_series, series_by_id, series_label, series_title
from fairmilk.web.views.blocks import STAGES, chart_from, computed, controls_for, pairs
from fairmilk.web.views.params import area, choice, fmt_param, number, year
from fairmilk.web.views.view import POWDER_IDS, Block, Control, Query, View

PRICE_COLUMNS = (
    "series, geo, market, product, stage, period, year, month, value, value_low, value_high, "
    "unit, approximate, derived, synthetic, source_org, source_url, note"
)
PAGE_ROWS = 500
ANOMALY_MIN_MONTHS = 48  # IPA needs 3 earlier years of each calendar month, plus one


def prices_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Price and cost series as published, and how far farm-gate prices cover full costs."""
    _ = translator(lang)
    series_ids = stored_series(con)
    first = "farmgate_milk_price" if "farmgate_milk_price" in series_ids else ""
    series = query.get("series") or first or next(iter(series_ids), "")
    if series and series not in series_ids:
        raise InputError("unknown series", column="series", expected=" | ".join(series_ids))
    geo = area(query, "geo", "all")
    view = View("prices", _("Prices and production costs"), lang, {"series": series, "geo": geo})
    view.intro = _("Farm-gate milk prices and production costs as published, each with its source.")
    geos = [("all", _("All"))] + [
        (str(g), str(g))
        for (g,) in con.execute(
            "SELECT DISTINCT geo FROM prices_current WHERE series = ? ORDER BY 1", [series]
        ).fetchall()
    ]
    view.controls = [
        Control("series", _("Series"), series, [(s, series_label(s, lang)) for s in series_ids]),
        Control("geo", _("Country or region"), geo, geos),
    ]
    if series:
        view.blocks.append(_price_block(con, series, geo, lang))
        view.blocks += _anomaly_blocks(con, series, geo, lang)
    wanted = () if geo == "all" else (geo,)
    cover = computed(
        "coverage",
        _("Cost coverage: farm-gate price / full production cost"),
        lambda: cost_coverage_table(con, geo=wanted),
        lang,
    )
    view.blocks.append(
        chart_from(
            cover,
            x="period",
            y="coverage_pct",
            color="geo",
            kind="line",
            y_title="%",
            rules=[charts.Rule(100, _("100 %: the price covers the full cost"))],
        )
    )
    return view


def stored_series(con: duckdb.DuckDBPyConnection) -> tuple[str, ...]:
    """The series ids in the store: catalogued ones in catalogue order, then any other by id."""
    found = {
        str(s) for (s,) in con.execute("SELECT DISTINCT series FROM prices_current").fetchall()
    }
    known = tuple(e.id for e in price_series() if e.id in found)
    return known + tuple(sorted(found - set(known)))


def _price_block(con: duckdb.DuckDBPyConnection, series: str, geo: str, lang: str) -> Block:
    _ = translator(lang)
    where, params = "series = ?", [series]
    if geo != "all":
        where, params = where + " AND geo = ?", [*params, geo]
    total = queries.count(con, f"SELECT count(*) FROM prices_current WHERE {where}", params)
    result = queries.rows(
        con,
        f"SELECT {PRICE_COLUMNS} FROM prices_current WHERE {where} "
        f"ORDER BY geo, period, unit LIMIT {PAGE_ROWS}",
        params,
    )
    title = series_title(series, lang)
    result.title, result.lang = title, lang
    entry = series_by_id().get(series)
    if entry:
        result.notes.append(entry.description(lang))
    result.synthetic = any(r["synthetic"] for r in result.records())
    found = con.execute(
        f"SELECT DISTINCT source_org, source_url FROM prices_current WHERE {where} ORDER BY 2",
        params,
    ).fetchall()
    result.sources = [" — ".join(str(x) for x in r if x) for r in found]
    if total > PAGE_ROWS:
        result.notes.append(
            _("Showing {n} of {total} rows; the API gives them all.", n=PAGE_ROWS, total=total)
        )
    block = Block("prices", title, result)
    units = sorted({str(r["unit"]) for r in result.records()})
    if len(units) == 1 and result.rows:
        data = [(r["period"], r["value"], r["geo"]) for r in result.records()]
        table = Result(title, ["year", "value", "label"], data)
        block.chart = charts.series_chart(table, title=title, y_title=units[0])
    elif result.rows:
        block.note = _("Several units: pick one country to chart the series.")
    return block


def _anomaly_blocks(
    con: duckdb.DuckDBPyConnection, series: str, geo: str, lang: str
) -> list[Block]:
    """IPA flags when the series has one place and dated or monthly prices in 48+ months."""
    where, params = "series = ? AND month IS NOT NULL", [series]
    if geo != "all":
        where, params = where + " AND geo = ?", [*params, geo]
    found = con.execute(
        f"SELECT DISTINCT geo, year, month FROM prices_current WHERE {where}", params
    ).fetchall()
    places = {str(g) for g, _, _ in found}
    if len(places) != 1 or len(found) < ANOMALY_MIN_MONTHS:
        return []
    (place,) = places
    _ = translator(lang)
    title = _("Price anomalies (FAO GIEWS IPA): {series}", series=series_title(series, lang))
    block = computed("anomalies", title, lambda: anomaly_table(con, series=series, geo=place), lang)
    return [chart_from(block, x="period", y="ipa", color=None, kind="line", y_title="IPA")]


def per_litre_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Landed cost of a litre of milk from imported powder vs local fresh milk, by country."""
    _ = translator(lang)
    country = area(query, "country", "all")
    powder = choice(query, "powder", ("all", *POWDER_IDS), "all")
    params = PerLitreParams(
        freight_pct=number(query, "freight_pct", 11.4, 0, 500),
        margin_pct=number(query, "margin_pct", 0.0, 0, 500),
        stage=choice(query, "stage", STAGES, "any"),
    )
    when = year(query, "year", 2000) if query.get("year") else None
    state: dict[str, Any] = {"country": country, "powder": powder, "year": when or ""}
    state |= {k: getattr(params, k) for k in ("freight_pct", "margin_pct", "stage")}
    shown = {k: fmt_param(v) for k, v in state.items()}
    view = View("per-litre", _("Price per litre by country"), lang, shown)
    view.intro = _("Local milk and milk reconstituted from imported powder, per litre.")
    wa = [("all", _("West Africa")), *((c, c) for c in west_africa())]
    fields = [
        ("powder", "Powder", pairs(POWDER_IDS, lang, add_all=True)),
        ("freight_pct", "Freight and insurance (% of FOB)", []),
        ("margin_pct", "Importer and retail margin (%)", []),
        ("stage", "Local price stage", pairs(STAGES, lang)),
    ]
    view.controls = [Control("country", _("Country"), country, wa)]
    view.controls += controls_for(lang, shown, fields)
    countries = () if country == "all" else (country,)
    powders = POWDER_IDS if powder == "all" else (powder,)
    block = computed(
        "per-litre",
        _("Landed cost per litre vs local fresh milk"),
        lambda: per_litre_table(
            con, countries=countries, powders=powders, params=params, year=when
        ),
        lang,
    )
    view.blocks.append(
        chart_from(block, x="country", y="ratio_high", color="category", kind="grouped",
                   y_title=_("local price / landed cost"),
                   rules=[charts.Rule(1, _("1: local milk costs as much as imported"))])
    )  # fmt: skip
    return view
