"""FAOSTAT dairy imports of West Africa: tonnes, US dollars and unit values in three currencies.

From the observations ``fao_import_quantity_t`` (t) and ``fao_import_value_usd`` (US$) of
the embedded FAOSTAT trade files (domain TCL, 1961-2020), by country, product and year::

    unit value (USD/t)   = value in USD / tonnes                      (gap when either is)
    unit value (EUR/kg)  = USD/t / 1000 × EUR per USD of the year    (gap without a rate)
    unit value (LCU/kg)  = USD/t / 1000 × local currency per USD of the year

EUR per USD is the year's ``eur_per_usd`` observation (the first dataset by id, as in the
trade tables). XOF and CVE follow the euro peg (655.957 XOF, 110.265 CVE per EUR) from 1999
and are a gap before; other currencies use the country's ``exchange_rate_lcu_per_usd``
observation. FAO's Western Africa total has no currency: its local-currency value is a gap.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, Unpack

import ibis

from fairmilk.errors import ParameterError
from fairmilk.indicators.frame import Con, Frame, backend, execute
from fairmilk.indicators.periods import parse_period, split_geo
from fairmilk.indicators.units import COUNTRY_CURRENCY, PEG_SINCE, PEG_SOURCES, PEGS
from fairmilk.text import msg

QUANTITY = "fao_import_quantity_t"
VALUE = "fao_import_value_usd"
EUR_SERIES = "eur_per_usd"
LCU_SERIES = "exchange_rate_lcu_per_usd"
PRODUCTS = ("smp", "wmp", "butter", "cheese")
TOTAL = "west-africa"  # FAO area 5105 Western Africa, loaded as its own geo

PLAUSIBLE_USD_PER_T = (1000.0, 8000.0)
"""Unit values outside this band are flagged ``check`` (ASSUMPTION, fairmilk's band: dairy
commodity prices, GlobalDairyTrade 2010-2026 annual means 1,950-4,680 USD/t, lie well within)."""

TITLE = msg("FAOSTAT dairy imports of West Africa: tonnes, value and unit value")
NOTES = (
    msg(
        "FAOSTAT trade (TCL), import quantity in tonnes and import value in US dollars "
        "(published in 1000 US$), 1961-2020. Products: smp = milk, skimmed dried; wmp = milk, "
        "whole dried; butter = butter of cow milk; cheese = cheese of whole cow milk. Fat-filled "
        "milk powder (CN 1901 90) is not in these items."
    ),
    msg(
        "Unit value = value / quantity (USD/t); EUR/kg and local currency/kg at the year's "
        "annual rate; XOF and CVE at their euro peg from 1999. A missing rate or input is a gap."
    ),
    msg(
        "geo west-africa is FAO's Western Africa total (its 16 countries sum to it). Rows on "
        "a known break in the source have flag 'break' and say so in their note: Senegal 2001 "
        "(skimmed to whole powder), Nigeria 2007 (SMP and butter spike)."
    ),
    msg(
        "flag 'check': a unit value below 1,000 or above 8,000 USD/t, outside the band fairmilk "
        "takes as plausible for dairy products (ASSUMPTION); it is in the source as published."
    ),
)
COLUMNS = (
    "geo", "year", "product", "quantity_t", "value_usd", "unit_value_usd_per_t",
    "unit_value_eur_per_kg", "currency", "unit_value_lcu_per_kg", "flag", "note", "sources",
)  # fmt: skip


class FaoTradeOptions(TypedDict, total=False):
    """Filters: countries (ISO codes; west-africa = FAO's regional total; default all),
    products (default all four), first and last year."""

    countries: Sequence[str]
    products: Sequence[str]
    start: str | int | None
    end: str | int | None


def _annual(db: ibis.BaseBackend, series: str) -> ibis.Table:
    o = db.table("observations")
    return o.filter((o.series == series) & o.month.isnull() & o.year.notnull())


def _first_by_dataset(t: ibis.Table, keys: list[str]) -> ibis.Table:
    """One row per key: the first dataset by id (the same rule as the trade tables)."""
    t = t.filter(t.value.notnull() & (t.value > 0))
    t = t.mutate(pick=ibis.row_number().over(group_by=keys, order_by=[t.dataset]))
    return t.filter(t.pick == 0).drop("pick")


def _amounts(db: ibis.BaseBackend) -> ibis.Table:
    """(geo, year, product, quantity_t, value_usd, flag, note, sources): outer join of both."""
    q, v = _annual(db, QUANTITY), _annual(db, VALUE)
    keys = ["geo", "year", "product"]
    q = q.select(*keys, quantity_t=q.value, q_flag=q.flag, q_note=q.note, q_url=q.source_url)
    v = v.select(*keys, value_usd=v.value, v_flag=v.flag, v_note=v.note, v_url=v.source_url)
    both = q.outer_join(v, keys)
    return both.select(
        geo=ibis.coalesce(both.geo, both.geo_right),
        year=ibis.coalesce(both.year, both.year_right),
        product=ibis.coalesce(both.product, both.product_right),
        quantity_t=both.quantity_t,
        value_usd=both.value_usd,
        flag=ibis.coalesce(both.q_flag, both.v_flag),
        note=ibis.coalesce(both.q_note, both.v_note),
        sources=_both_urls(both.q_url, both.v_url),
    )


def _both_urls(q_url: ibis.Value, v_url: ibis.Value) -> ibis.Value:
    """The quantity's source and the value's, once when they are the same file or page."""
    one = q_url.isnull() | v_url.isnull() | (q_url == v_url)
    return ibis.ifelse(one, ibis.coalesce(q_url, v_url), q_url + "; " + v_url)


def _rates(db: ibis.BaseBackend) -> tuple[ibis.Table, ibis.Table]:
    """(year, eur_per_usd, eur_url) and (geo, year, lcu_per_usd, lcu_url)."""
    eur = _first_by_dataset(_annual(db, EUR_SERIES), ["year"])
    lcu = _first_by_dataset(_annual(db, LCU_SERIES), ["geo", "year"])
    return (
        eur.select(r_year=eur.year, eur_per_usd=eur.value, eur_url=eur.source_url),
        lcu.select(r_geo=lcu.geo, l_year=lcu.year, lcu_per_usd=lcu.value, lcu_url=lcu.source_url),
    )


def _currency(geo: ibis.Value) -> ibis.Value:
    return geo.cases(*COUNTRY_CURRENCY.items(), else_=ibis.null().cast("string"))


def _lcu_per_usd(t: ibis.Table) -> ibis.Value:
    """Local currency per USD: the euro peg for XOF and CVE from 1999, else the country rate."""
    peg = t.currency.cases(*PEGS.items(), else_=ibis.null().cast("float64"))
    pegged = ibis.ifelse(t.year >= PEG_SINCE, peg * t.eur_per_usd, ibis.null().cast("float64"))
    return ibis.ifelse(t.currency.isin(list(PEGS)), pegged, t.lcu_per_usd)


def fao_imports(con: Con, **options: Unpack[FaoTradeOptions]) -> ibis.Table:
    """One row per geo, year and product with tonnes, US$ and the three unit values."""
    db = backend(con)
    t = _filtered(_amounts(db), options).view()  # a relation of its own before joining
    eur, lcu = _rates(db)
    t = t.left_join(eur, t.year == eur.r_year).drop("r_year")
    t = t.left_join(lcu, (t.geo == lcu.r_geo) & (t.year == lcu.l_year)).drop("r_geo", "l_year")
    t = t.mutate(currency=_currency(t.geo))
    usd_t = ibis.ifelse(
        (t.quantity_t > 0) & t.value_usd.notnull(),
        t.value_usd / t.quantity_t,
        ibis.null().cast("float64"),
    )
    low, high = PLAUSIBLE_USD_PER_T
    odd = (usd_t < low) | (usd_t > high)
    flag = ibis.coalesce(t.flag, ibis.ifelse(odd, ibis.literal("check"), ibis.null("string")))
    t = t.mutate(unit_value_usd_per_t=usd_t, lcu_rate=_lcu_per_usd(t), flag=flag)
    rate_url = ibis.ifelse(t.currency.isin(list(PEGS)), t.eur_url, t.lcu_url)
    return t.select(
        "geo", "year", "product", "quantity_t", "value_usd", "unit_value_usd_per_t",
        unit_value_eur_per_kg=usd_t / 1000.0 * t.eur_per_usd,
        currency=t.currency,
        unit_value_lcu_per_kg=usd_t / 1000.0 * t.lcu_rate,
        flag=t.flag, note=t.note,
        # DuckDB's concat_ws skips a NULL: a missing rate leaves no empty "; ; " entry
        sources=ibis.literal("; ").join([t.sources, t.eur_url, rate_url]),
    ).order_by(["geo", "product", "year"])  # fmt: skip


def _filtered(t: ibis.Table, options: FaoTradeOptions) -> ibis.Table:
    products = [p.lower() for p in options.get("products", ())]
    unknown = sorted(set(products) - set(PRODUCTS))
    if unknown:
        raise ParameterError(
            f"product: expected one of {', '.join(PRODUCTS)}, found {unknown[0]!r}"
        )
    if products:
        t = t.filter(t["product"].isin(products))
    codes = list(options.get("countries", ()))
    if codes:
        isos, regions = split_geo(codes, name="country")
        other = sorted(set(regions) - {TOTAL})
        if other:
            raise ParameterError(
                f"country: FAO trade has one regional total, {TOTAL}; found {other[0]!r}"
            )
        t = t.filter(t.geo.isin(isos + regions))
    start, end = options.get("start"), options.get("end")
    if start is not None:
        t = t.filter(t.year >= parse_period(start, name="start").year)
    if end is not None:
        t = t.filter(t.year <= parse_period(end, name="end").year)
    return t


def fao_trade_frame(con: Con, **options: Unpack[FaoTradeOptions]) -> Frame:
    """The FAOSTAT imports table with its sources (FAO files, rates, euro pegs) and notes."""
    frame = execute(fao_imports(con, **options), title=TITLE, notes=list(NOTES))
    urls = {u for s in frame.column("sources") if s for u in str(s).split("; ") if u}
    pegs = {PEG_SOURCES[c] for c in frame.column("currency") if c in PEG_SOURCES}
    frame.sources = sorted(urls | pegs)
    return frame
