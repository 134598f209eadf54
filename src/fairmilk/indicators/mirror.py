"""Mirror view: West African dairy imports from the EU as the importers report them (UN
Comtrade) beside EU exports to them as the EU reports them (Eurostat Comext), and the gap.

Both sides cover the same products (the six-digit HS codes of the product table; a Comext
CN8 code counts under its first six digits), the same partners (EU members of the year)
and whole years. A side with no rows is a gap, and so is the difference.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict, Unpack

import ibis

from fairmilk.indicators.frame import Con, Frame, backend, execute
from fairmilk.indicators.periods import keep_members, mid_date, split_geo
from fairmilk.indicators.sources import file_sources
from fairmilk.reference.hs6 import dairy_hs6
from fairmilk.store.current import trade_current
from fairmilk.text import Msg, msg

FX_SERIES = "eur_per_usd"


def notes() -> list[Msg]:
    """What the columns mean and why the two sides differ."""
    return [
        msg(
            "Importer side: imports reported by the West African country to UN Comtrade, in "
            "US dollars (converted to euros at the year's eur_per_usd rate), from EU members. "
            "EU side: exports reported by the EU members to Eurostat Comext, in euros. Gap = "
            "importer side - EU side; gap % = gap / EU side x 100. Products: the six-digit HS "
            "codes {codes}.",
            codes=", ".join(dairy_hs6()),
        ),
        msg(
            "Why the two sides differ: importers value goods CIF (with freight and insurance), "
            "exporters FOB, so the importer's figure is usually higher (the IMF's Direction of "
            "Trade Statistics assumes 10 % when it derives one from the other); goods shipped "
            "in December may be recorded on arrival in January (timing); importers credit the "
            "country of origin, exporters the country of destination, so goods re-exported "
            "through an EU port or a neighbouring country land on different partners; the EU "
            "keeps some trade confidential; the two sides may classify one product under "
            "different codes; exchange rates add a small difference."
        ),
    ]


class MirrorOptions(TypedDict, total=False):
    """Countries (ISO codes or region ids; default west-africa), the EU region (default
    eu27), first and last year, and whether to show each EU partner on its own row."""

    countries: Sequence[str]
    eu: str
    start: int | None
    end: int | None
    by_partner: bool


def _annual(t: ibis.Table) -> ibis.Table:
    """Annual rows, plus monthly rows of reporter-years that have no annual row."""
    annual_rows = t.month.isnull().cast("int64").sum().over(group_by=[t.reporter, t.year])
    t = t.mutate(annual_rows=annual_rows)
    return t.filter(t.month.isnull() | (t.annual_rows == 0)).drop("annual_rows")


def _side(db: ibis.BaseBackend, source: str, options: MirrorOptions) -> ibis.Table:
    """(country, eu, year, value, kg, file_id, synthetic) of one side, in scope."""
    t = trade_current(db)
    importing = source == "comtrade"
    t = t.filter(
        (t.source == source)
        & (t.flow == ("import" if importing else "export"))
        & t.product_code.left(6).isin(list(dairy_hs6()))
    )
    t = _annual(t)
    t = t.mutate(
        country=t.reporter if importing else t.partner,
        eu=t.partner if importing else t.reporter,
        value=t.value_usd if importing else t.value_eur,
        when=mid_date(t.year, t.month),
    )
    isos, regions = split_geo(options.get("countries", ("west-africa",)), name="countries")
    t = keep_members(db, t, "country", isos, regions)
    t = keep_members(db, t, "eu", [], [options.get("eu", "eu27")])
    start, end = options.get("start"), options.get("end")
    if start is not None:
        t = t.filter(t.year >= start)
    if end is not None:
        t = t.filter(t.year <= end)
    return t.select("country", "eu", "year", "value", "quantity_kg", "file_id", "synthetic")


def _total(t: ibis.Table, keys: list[str], prefix: str) -> ibis.Table:
    """Sums by keys; the tonnes are a gap when any row has no quantity."""
    missing = t.quantity_kg.isnull().cast("int64").sum()
    tonnes = ibis.ifelse(missing == 0, t.quantity_kg.sum() / 1000.0, ibis.null().cast("float64"))
    return t.group_by(keys).aggregate(
        **{
            f"{prefix}_value": t.value.sum(),
            f"{prefix}_t": tonnes,
            f"{prefix}_synthetic": t.synthetic.any(),
        }
    )


def _fx(db: ibis.BaseBackend) -> ibis.Table:
    o = db.table("observations")
    fx = o.filter((o.series == FX_SERIES) & o.value.notnull() & o.month.isnull())
    first = ibis.row_number().over(group_by=fx.year, order_by=[fx.dataset, fx.geo])
    fx = fx.mutate(pick=first)
    return fx.filter(fx.pick == 0).select(fx_year=fx.year, rate=fx.value)


def _pct(gap: ibis.Value, base: ibis.Value) -> ibis.Value:
    return ibis.ifelse(base > 0, gap / base * 100.0, ibis.null().cast("float64"))


def mirror(con: Con, **options: Unpack[MirrorOptions]) -> ibis.Table:
    """One row per country and year (and EU partner): both sides and the gap."""
    db = backend(con)
    keys = ["country", "eu", "year"] if options.get("by_partner") else ["country", "year"]
    imp = _total(_side(db, "comtrade", options), keys, "importer")
    exp = _total(_side(db, "comext", options), keys, "eu")
    joined = imp.outer_join(exp, keys)
    both = joined.select(
        **{k: ibis.coalesce(joined[k], joined[f"{k}_right"]) for k in keys},
        importer_value_usd=joined.importer_value,
        importer_t=joined.importer_t,
        eu_value_eur=joined.eu_value,
        eu_t=joined.eu_t,
        synthetic=joined.importer_synthetic.fill_null(False) | joined.eu_synthetic.fill_null(False),
    )
    fx = _fx(db)
    t = both.view().left_join(fx, [("year", "fx_year")])
    t = t.mutate(importer_value_eur=t.importer_value_usd * t.rate)
    t = t.mutate(gap_value_eur=t.importer_value_eur - t.eu_value_eur, gap_t=t.importer_t - t.eu_t)
    return t.select(
        *keys,
        "importer_value_usd",
        "importer_value_eur",
        "eu_value_eur",
        "gap_value_eur",
        gap_value_pct=_pct(t.gap_value_eur, t.eu_value_eur),
        importer_t="importer_t",
        eu_t="eu_t",
        gap_t="gap_t",
        gap_t_pct=_pct(t.gap_t, t.eu_t),
        synthetic="synthetic",
    ).order_by(keys)


def mirror_frame(con: Con, **options: Unpack[MirrorOptions]) -> Frame:
    """The mirror table with its source files, notes and synthetic flag."""
    db = backend(con)
    used = _side(db, "comtrade", options).union(_side(db, "comext", options))
    files, synthetic = file_sources(db, used)
    return execute(
        mirror(db, **options),
        title=msg("Mirror trade: West African imports from the EU beside EU exports"),
        sources=files,
        notes=list(notes()),
        synthetic=synthetic,
    )
