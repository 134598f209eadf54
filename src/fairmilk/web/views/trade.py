"""The trade explorer and the overview's trade figures, from the categorised trade rows."""

from __future__ import annotations

import duckdb

from fairmilk.outputs import charts, queries
from fairmilk.outputs.availability import trade_available
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.names import category_names, with_names
from fairmilk.web.views.params import area, area_options, categories, choice, year
from fairmilk.web.views.view import MEASURE_UNITS, MEASURES, Block, Control, Figure, Query, View


def trade_filter(query: Query) -> queries.TradeFilter:
    """The trade filter described by a page's query string (validated)."""
    return queries.TradeFilter(
        categories=categories(query),
        exporter=area(query, "exporter", "eu27"),
        destination=area(query, "destination", "west-africa"),
        year_from=year(query, "from", 1999),
        year_to=year(query, "to", 2100),
        flow=choice(query, "flow", ("export", "import"), "export"),
    )


def trade_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Powders (and other products) by exporter, destination and year, in t, EUR and ME."""
    _ = translator(lang)
    filt = trade_filter(query)
    by = choice(query, "by", queries.TRADE_GROUPS, "year")
    measure = choice(query, "measure", MEASURES, "tonnes")
    result = with_names(queries.trade_table(con, filt, by=by), category_names(con, lang))
    result.lang = lang
    result.title = _("Dairy trade by {by}", by=_(by))
    result.notes = [  # a new list: the trade table may be shared by EN and FR pages
        *result.notes,
        _("Milk equivalent uses the sourced factor of each category; no factor gives a gap."),
    ]
    if not result.rows:
        result.notes.append(trade_available(con, flow=filt.flow))
    unit = MEASURE_UNITS[measure]
    chart = None
    if any(rec[measure] is not None for rec in result.records()):
        chart = charts.trade_chart(
            result,
            by=by,
            measure=measure,
            title=result.title,
            y_title=f"{_(measure)} ({unit})",
        )
    params = _params(filt, by=by, measure=measure)
    view = View("trade", _("Trade explorer"), lang, params)
    view.intro = _(
        "Flows as declared by the exporting (or, with flow=import, the importing) country."
    )
    view.blocks.append(Block("trade", result.title, result, chart))
    view.controls = _controls(con, params, lang)
    return view


def _params(filt: queries.TradeFilter, *, by: str, measure: str) -> dict[str, str]:
    return {
        "category": ",".join(filt.categories),
        "exporter": filt.exporter,
        "destination": filt.destination,
        "from": str(filt.year_from),
        "to": str(filt.year_to),
        "flow": filt.flow,
        "by": by,
        "measure": measure,
    }


def _controls(con: duckdb.DuckDBPyConnection, params: dict[str, str], lang: str) -> list[Control]:
    _ = translator(lang)
    names = category_names(con, lang)
    cats = [(",".join(queries.POWDERS), _("Milk powders (SMP, WMP, FFMP)"))]
    cats += [(c, names.get(c, c)) for c in queries.CATEGORIES]
    areas = area_options(con, lang)
    return [
        Control("category", _("Products"), params["category"], cats),
        Control("exporter", _("Exporter"), params["exporter"], areas),
        Control("destination", _("Destination"), params["destination"], areas),
        Control("from", _("From year"), params["from"], kind="number"),
        Control("to", _("To year"), params["to"], kind="number"),
        Control("flow", _("Declared as"), params["flow"], _pairs(lang, ("export", "import"))),
        Control("by", _("Group by"), params["by"], _pairs(lang, queries.TRADE_GROUPS)),
        Control("measure", _("Measure"), params["measure"], _pairs(lang, MEASURES)),
    ]


def _pairs(lang: str, ids: tuple[str, ...]) -> list[tuple[str, str]]:
    _ = translator(lang)
    return [(i, _(i)) for i in ids]


def powder_figures(con: duckdb.DuckDBPyConnection, *, lang: str) -> list[Figure]:
    """EU27 exports of each powder to West Africa in the latest year with data."""
    _ = translator(lang)
    filt = queries.TradeFilter()
    table = queries.trade_table(con, filt, by="year")
    if not table.rows:
        return []
    last = max(int(r[0]) for r in table.rows)
    latest = queries.TradeFilter(year_from=last, year_to=last)
    sources = queries.trade_sources(con, latest)
    names = category_names(con, lang)
    figures = []
    for rec in table.records():
        if int(rec["year"]) != last:
            continue
        label = _("EU27 exports of {product} to West Africa", product=names.get(rec["category"]))
        figures.append(Figure(label, rec["tonnes"], "t", str(last), sources))
    return figures
