"""Trade indicators: volume, value, unit value, milk equivalent and growth, as Ibis tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

import ibis

from fairmilk.indicators.classify import categorised
from fairmilk.indicators.frame import Con, Frame, backend, execute, materialised
from fairmilk.indicators.periods import (
    REGION_IDS,
    in_period,
    keep_members,
    mid_date,
    split_geo,
    tag_members,
)
from fairmilk.indicators.sources import factor_sources, file_sources, fx_sources
from fairmilk.indicators.trade_keys import DEFAULT_BY as DEFAULT_BY
from fairmilk.indicators.trade_keys import GROUP_KEYS as GROUP_KEYS
from fairmilk.indicators.trade_query import CATEGORY_IDS as CATEGORY_IDS
from fairmilk.indicators.trade_query import TradeOptions as TradeOptions
from fairmilk.indicators.trade_query import TradeQuery as TradeQuery
from fairmilk.indicators.trade_query import as_query, check_by
from fairmilk.indicators.trade_text import RULES, trade_title

FX_SERIES = "eur_per_usd"
WORLD = "X:0"  # UN Comtrade partner code 0, the world total


def _one_frequency(t: ibis.Table, *, monthly: bool) -> ibis.Table:
    """Monthly rows only, or annual rows plus monthly rows of years without annual rows."""
    if monthly:
        return t.filter(t.month.notnull())
    annual = t.filter(t.month.isnull())
    keys = annual.select("source", "reporter", "year").distinct()
    months = t.filter(t.month.notnull()).anti_join(keys, ["source", "reporter", "year"])
    return annual.union(months)


def _with_fx(db: ibis.BaseBackend, t: ibis.Table) -> ibis.Table:
    """Add value_usd_as_eur, converted with the year's eur_per_usd observation."""
    o = db.table("observations")
    fx = o.filter((o.series == FX_SERIES) & o.value.notnull() & o.month.isnull())
    # Several datasets may give the rate: take the first by dataset id, every year the same way.
    first = ibis.row_number().over(group_by=fx.year, order_by=[fx.dataset, fx.geo])
    fx = fx.mutate(pick=first)
    fx = fx.filter(fx.pick == 0).select(
        fx_year=fx.year, rate=fx.value, fx_dataset=fx.dataset, fx_url=fx.source_url
    )
    joined = t.left_join(fx, t.year == fx.fx_year)
    return joined.mutate(value_usd_as_eur=joined.value_usd * joined.rate).drop("fx_year", "rate")


def trade_rows(
    con: Con, query: TradeQuery | None = None, **options: Unpack[TradeOptions]
) -> ibis.Table:
    """The filtered, categorised trade rows behind ``trade_table`` (one row per source row).

    Give a TradeQuery, or its fields as keywords (applied over ``query`` when both are given).
    """
    q = as_query(query, options)
    db = backend(con)
    t = categorised(db)
    # UN Comtrade's partner 0 is the world total: adding it to country rows would count twice.
    t = t.filter((t.flow == q.flow) & ~((t.source == "comtrade") & (t.partner == WORLD)))
    exporting = t.flow == "export"
    t = t.mutate(
        exporter=ibis.ifelse(exporting, t.reporter, t.partner),
        destination=ibis.ifelse(exporting, t.partner, t.reporter),
        when=mid_date(t.year, t.month),
    )
    t = _one_frequency(t, monthly="month" in q.by)
    t = t.filter(in_period(t.year, t.month, q.first, q.last))
    if q.categories:
        t = t.filter(t.category.isin(list(q.categories)))
    if q.exporters:
        isos, regions = split_geo(q.exporters, name="exporters")
        t = keep_members(db, t, "exporter", isos, regions)
    t = _filter_destinations(db, t, q.destinations, by_region="region" in q.by)
    return _with_fx(db, t)


def _filter_destinations(
    db: ibis.BaseBackend, t: ibis.Table, destinations: Sequence[str] | None, *, by_region: bool
) -> ibis.Table:
    """Keep rows going to the destinations; add a region column when grouping by region."""
    isos: list[str] = []
    regions: list[str] = []
    if destinations:
        isos, regions = split_geo(destinations, name="destinations")
    if not by_region:
        return keep_members(db, t, "destination", isos, regions) if destinations else t
    if destinations and not regions:
        return tag_members(db, t.filter(t.destination.isin(isos)), "destination", [], REGION_IDS)
    return tag_members(db, t, "destination", isos, regions or REGION_IDS)


def complete_sum(value: ibis.Value) -> ibis.Value:
    """The sum, or NULL when any value is missing (a gap stays a gap)."""
    missing = value.isnull().cast("int64").sum()
    return ibis.ifelse(missing == 0, value.sum(), ibis.null().cast("float64"))


def aggregate(rows: ibis.Table, by: Sequence[str] = DEFAULT_BY) -> ibis.Table:
    """Sum trade rows by the keys (plus source), with unit value and year-on-year growth."""
    keys = [*check_by(by), "source"]
    me_row = rows.quantity_kg / 1000.0 * rows.me_factor
    both = rows.quantity_kg.notnull() & rows.value_eur.notnull()
    g = rows.group_by(keys).aggregate(
        tonnes=complete_sum(rows.quantity_kg / 1000.0),
        tonnes_reported=rows.quantity_kg.sum() / 1000.0,
        paired_eur=ibis.ifelse(both, rows.value_eur, ibis.null()).sum(),
        paired_t=ibis.ifelse(both, rows.quantity_kg / 1000.0, ibis.null()).sum(),
        value_eur=complete_sum(rows.value_eur),
        value_usd=complete_sum(rows.value_usd),
        value_usd_as_eur=complete_sum(rows.value_usd_as_eur),
        milk_equivalent_t=complete_sum(me_row),
        rows=rows.count(),
        rows_missing_quantity=rows.quantity_kg.isnull().cast("int64").sum(),
        first_year=rows.year.min(),
        last_year=rows.year.max(),
        synthetic=rows.synthetic.any(),
        months_covered=ibis.ifelse(rows.month.isnull().any(), 12, rows.month.nunique()),
    )
    positive = g.paired_t > 0
    g = g.mutate(
        unit_value_eur_per_t=ibis.ifelse(positive, g.paired_eur / g.paired_t, ibis.null()),
        period=_period_label(g, keys),
    )
    if "year" in keys:
        g = _with_growth(g, [k for k in keys if k != "year"])
    measures = ["tonnes", "tonnes_reported", "value_eur", "unit_value_eur_per_t"]
    measures.append("milk_equivalent_t")
    growth = ["growth_tonnes_pct", "growth_value_pct"] if "year" in keys else []
    tail = ["value_usd", "value_usd_as_eur", "months_covered", "rows", "rows_missing_quantity"]
    tail.append("synthetic")
    return g.select("period", *keys, *measures, *growth, *tail).order_by(keys)


def _period_label(g: ibis.Table, keys: Sequence[str]) -> ibis.Value:
    if "month" in keys:
        return g.year.cast("string") + "-" + g.month.cast("string").lpad(2, "0")
    if "year" in keys:
        return g.year.cast("string")
    span = g.first_year.cast("string") + "–" + g.last_year.cast("string")
    return ibis.ifelse(g.first_year == g.last_year, g.first_year.cast("string"), span)


def _with_growth(g: ibis.Table, others: list[str]) -> ibis.Table:
    """Add growth_tonnes_pct and growth_value_pct against the same group a year earlier."""
    prev = g.select(
        *others, year=g.year + 1, prev_t=g.tonnes, prev_v=g.value_eur, prev_m=g.months_covered
    )
    joined = g.left_join(prev, [*others, "year"]).select(g, prev.prev_t, prev.prev_v, prev.prev_m)
    # Partial years are not compared: both years must be complete (or the same month).
    comparable = (joined.months_covered == 12) & (joined.prev_m == 12)
    if "month" in others:
        comparable = joined.prev_m.notnull()

    def pct(now: ibis.Value, before: ibis.Value) -> ibis.Value:
        ok = comparable & (before > 0)
        return ibis.ifelse(ok, (now / before - 1.0) * 100.0, ibis.null())

    return joined.mutate(
        growth_tonnes_pct=pct(joined.tonnes, joined.prev_t),
        growth_value_pct=pct(joined.value_eur, joined.prev_v),
    )


def trade_table(
    con: Con, query: TradeQuery | None = None, **options: Unpack[TradeOptions]
) -> ibis.Table:
    """Trade by the ``by`` keys: tonnes, EUR, EUR/t, milk equivalent (t) and growth (%)."""
    q = as_query(query, options)
    return aggregate(trade_rows(con, q), q.by)


def trade_frame(
    con: Con, query: TradeQuery | None = None, **options: Unpack[TradeOptions]
) -> Frame:
    """Run ``trade_table`` and attach its source files, factor sources and rules."""
    q = as_query(query, options)
    db = backend(con)
    rows = trade_rows(db, q)
    with materialised(db, rows) as cached:  # compile the filters once
        files, synthetic = file_sources(db, cached)
        return execute(
            aggregate(cached, q.by),
            title=trade_title(q.flow, q.by),
            sources=files + factor_sources(cached) + fx_sources(cached),
            notes=list(RULES),
            synthetic=synthetic,
        )
