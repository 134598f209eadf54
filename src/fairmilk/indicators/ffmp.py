"""Fat-filled milk powder (FFMP): measured since CN 2020, estimated with a sourced band before.

Before 2020 FFMP had no customs code of its own: EU exporters declared it under CN 1901 90 99
with other food preparations. AHDB (2018) estimated FFMP at about 50–60 % of EU exports under
that code. From 2020 FFMP has its own line, CN 1901 90 95, and is measured. Estimated and
measured rows are never mixed silently: each row says which it is (``estimated``) and how it
was made (``method``, ``method_source``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

import ibis

from fairmilk.errors import ParameterError
from fairmilk.indicators.frame import Con, Frame, backend, execute
from fairmilk.indicators.periods import Period
from fairmilk.indicators.sources import file_sources
from fairmilk.indicators.trade import TradeQuery, complete_sum, trade_rows
from fairmilk.text import Msg, msg

AHDB_URL = "http://www.dairy.ahdb.org.uk/news/news-articles/october-2018/the-rise-of-fat-filled-milk-powders/"
MEASURED_CODE = "19019095"


@dataclass(frozen=True, slots=True)
class FfmpBand:
    """The share of FFMP in the pre-2020 carrier code: low, central and high, with its source."""

    low: float = 0.50
    central: float = 0.55
    high: float = 0.60
    carrier_code: str = "19019099"
    measured_from: int = 2020
    source: str = msg(
        "AHDB (2018), '{title}': FFMP about {low}-{high} % of EU exports under CN {code}; "
        "central = midpoint of that range (fairmilk's choice)",
        title="The rise of fat-filled milk powders",
        low=50,
        high=60,
        code="1901 90 99",
    )
    source_url: str = AHDB_URL

    def check(self) -> FfmpBand:
        """Return the band, or raise ParameterError when its shares are out of order."""
        if not 0.0 <= self.low <= self.central <= self.high <= 1.0:
            raise ParameterError(
                "FFMP band: expected 0 <= low <= central <= high <= 1, found "
                f"{self.low}, {self.central}, {self.high}"
            )
        return self

    def method(self) -> Msg:
        """The estimation rule in one line."""
        return msg(
            "estimate: CN {code} tonnes x {low:.0f}% / {central:.0f}% / {high:.0f}% "
            "(low / central / high)",
            code=self.carrier_code,
            low=self.low * 100,
            central=self.central * 100,
            high=self.high * 100,
        )


AHDB_2018 = FfmpBand()


def band_source(band: FfmpBand) -> Msg:
    """The source line of the FFMP estimate band, translatable."""
    return msg("FFMP estimate band: {source} ({url})", source=band.source, url=band.source_url)


MEASURED = msg("measured: CN {code} tonnes", code=MEASURED_CODE)


def _part(rows: ibis.Table, cond: ibis.Value) -> ibis.Value:
    """Tonnes of the rows meeting cond (0 when none; NULL when one of them lacks a quantity)."""
    return complete_sum(ibis.ifelse(cond, rows.quantity_kg / 1000.0, 0.0))


def powder_totals(rows: ibis.Table, keys: Sequence[str], band: FfmpBand) -> ibis.Table:
    """SMP, WMP and FFMP tonnes (FFMP as a low/central/high band) by the keys."""
    band.check()
    early = rows.year < band.measured_from
    carrier = early & (rows.product_code == band.carrier_code)
    measured = ~early & (rows.category == "ffmp")
    powders = rows.filter(rows.category.isin(["smp", "wmp"]) | carrier | measured)
    g = powders.group_by(list(keys)).aggregate(
        smp_t=_part(powders, powders.category == "smp"),
        wmp_t=_part(powders, powders.category == "wmp"),
        code_t=_part(powders, carrier | measured),
        code_rows=(carrier | measured).cast("int64").sum(),
        synthetic=powders.synthetic.any(),
    )
    estimated = g.year < band.measured_from
    source = f"{band.source} ({band.source_url})"
    return g.mutate(
        ffmp_low_t=ibis.ifelse(estimated, g.code_t * band.low, g.code_t),
        ffmp_central_t=ibis.ifelse(estimated, g.code_t * band.central, g.code_t),
        ffmp_high_t=ibis.ifelse(estimated, g.code_t * band.high, g.code_t),
        estimated=estimated,
        code=ibis.ifelse(estimated, band.carrier_code, MEASURED_CODE),
        method=ibis.ifelse(estimated, str(band.method()), str(MEASURED)),
        method_source=ibis.ifelse(estimated, source, "Eurostat Comext, CN8 1901 90 95"),
    )


def _keys(by: Sequence[str]) -> list[str]:
    keys = ["year", *[k for k in by if k != "year"]]
    bad = [k for k in keys if k not in ("year", "exporter", "destination", "region")]
    if bad:
        raise ParameterError(
            f"by: expected year, exporter, destination or region, found {bad[0]!r}"
        )
    return keys


class FfmpOptions(TypedDict, total=False):
    """The keywords of the FFMP tables: the trade filters (default: EU-27 to West Africa,
    every period), the grouping keys (year first; default: year) and the pre-2020 band."""

    exporters: Sequence[str] | None
    destinations: Sequence[str] | None
    start: str | int | Period | None
    end: str | int | Period | None
    by: Sequence[str]
    band: FfmpBand


def _rows(con: Con, options: FfmpOptions) -> tuple[ibis.Table, list[str], FfmpBand]:
    """The trade rows the FFMP tables read, their grouping keys and the band."""
    keys = _keys(options.get("by", ("year",)))
    query = TradeQuery(
        exporters=options.get("exporters", ("eu27",)),
        destinations=options.get("destinations", ("west-africa",)),
        start=options.get("start"),
        end=options.get("end"),
        by=keys,
    )
    return trade_rows(con, query), keys, options.get("band", AHDB_2018)


def ffmp_series(con: Con, **options: Unpack[FfmpOptions]) -> ibis.Table:
    """FFMP exports by year: tonnes under the code, the low/central/high band and the method."""
    rows, keys, band = _rows(con, options)
    t = powder_totals(rows, keys, band)
    t = t.filter(t.code_rows > 0)
    return t.select(
        *keys,
        "code",
        code_tonnes=t.code_t,
        ffmp_low_t="ffmp_low_t",
        ffmp_central_t="ffmp_central_t",
        ffmp_high_t="ffmp_high_t",
        estimated="estimated",
        method="method",
        method_source="method_source",
        synthetic="synthetic",
    ).order_by(keys)


def ffmp_powder_share(con: Con, **options: Unpack[FfmpOptions]) -> ibis.Table:
    """FFMP share of milk-powder exports, ffmp / (smp + wmp + ffmp), in %, with its band."""
    rows, keys, band = _rows(con, options)
    t = powder_totals(rows, keys, band)

    def share(ffmp: ibis.Value) -> ibis.Value:
        total = t.smp_t + t.wmp_t + ffmp
        return ibis.ifelse(total > 0, ffmp / total * 100.0, ibis.null())

    return t.select(
        *keys,
        smp_t="smp_t",
        wmp_t="wmp_t",
        ffmp_low_t="ffmp_low_t",
        ffmp_central_t="ffmp_central_t",
        ffmp_high_t="ffmp_high_t",
        share_low_pct=share(t.ffmp_low_t),
        share_central_pct=share(t.ffmp_central_t),
        share_high_pct=share(t.ffmp_high_t),
        estimated="estimated",
        method="method",
        synthetic="synthetic",
    ).order_by(keys)


FFMP_NOTES = (
    msg(
        "FFMP had no customs code of its own before 2020: rows with estimated = true are an "
        "estimate from the tonnes declared under the carrier code, rows with estimated = false "
        "are measured under CN 1901 90 95. Do not read the two as one continuous series."
    ),
    msg(
        "The estimate band applies an EU-wide share (AHDB 2018) to each destination; the true "
        "share for one destination may differ."
    ),
)


def _with_methods(frame: Frame, band: FfmpBand) -> Frame:
    """The frame with its method cells as translatable texts (the store returns plain text)."""
    if "method" not in frame.columns:
        return frame
    i = frame.columns.index("method")
    known: dict[str, Msg] = {str(m): m for m in (band.method(), MEASURED)}
    frame.rows = [(*r[:i], known.get(r[i], r[i]), *r[i + 1 :]) for r in frame.rows]
    return frame


def ffmp_frame(con: Con, *, share: bool = False, **options: Unpack[FfmpOptions]) -> Frame:
    """Run ``ffmp_series`` (or, with share, ``ffmp_powder_share``) with sources and notes."""
    db = backend(con)
    make = ffmp_powder_share if share else ffmp_series
    expr = make(db, **options)
    rows, _, band = _rows(db, options)
    early = rows.year < band.measured_from
    used = rows.filter(
        rows.category.isin(["smp", "wmp"] if share else [])
        | (early & (rows.product_code == band.carrier_code))
        | (~early & (rows.category == "ffmp"))
    )
    files, synthetic = file_sources(db, used)
    title = msg("FFMP share of milk-powder exports (%)") if share else msg("FFMP exports (t)")
    frame = execute(
        expr,
        title=title,
        sources=[*files, band_source(band)],
        notes=list(FFMP_NOTES),
        synthetic=synthetic,
    )
    return _with_methods(frame, band)
