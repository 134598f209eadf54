"""Price series from the store: read them, convert them, and the exchange rates they need.

The store holds prices in the ``prices`` table (see ``fairmilk.store.prices``) and the
exchange-rate series in ``observations``: ``eur_per_usd`` (EUR per USD) and
``exchange_rate_lcu_per_usd`` (local currency per USD, by country). Reading (Ibis, on any
engine) is the only store access; conversion and every indicator are pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Con, Frame, backend, rows_of
from fairmilk.indicators.units import (
    COUNTRY_CURRENCY,
    PEG_SOURCE,
    XOF_PER_EUR,
    Rate,
    RateTable,
    convert_price,
)
from fairmilk.ingest.price_units import parse_unit
from fairmilk.store.current import prices_current
from fairmilk.text import msg

FX_EUR_SERIES = "eur_per_usd"
FX_LCU_SERIES = "exchange_rate_lcu_per_usd"


@dataclass(frozen=True, slots=True)
class PricePoint:
    """One stored price (or a published range), with its unit and source."""

    series: str
    geo: str
    period: str
    year: int | None
    month: int | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    source_url: str
    dataset: str
    stage: str | None = None
    product: str | None = None
    market: str | None = None
    approximate: bool = False
    derived: bool = False
    synthetic: bool = False
    note: str | None = None

    @property
    def low(self) -> float | None:
        """The value, or the low end of the range."""
        return self.value if self.value is not None else self.value_low

    @property
    def high(self) -> float | None:
        """The value, or the high end of the range."""
        return self.value if self.value is not None else self.value_high


_FIELDS = (
    "series", "geo", "period", "year", "month", "value", "value_low", "value_high", "unit",
    "source_url", "dataset", "stage", "product", "market", "approximate", "derived", "synthetic",
    "note",
)  # fmt: skip


def read_prices(
    con: Con,
    *,
    series: Sequence[str] | None = None,
    geo: Sequence[str] | None = None,
    stage: Sequence[str] | None = None,
) -> list[PricePoint]:
    """The current price rows, filtered by series, geo and stage, in time order."""
    p = prices_current(backend(con))
    for column, values in (("series", series), ("geo", geo), ("stage", stage)):
        if values:
            p = p.filter(p[column].isin(list(values)))
    ordered = p.select(*_FIELDS).order_by(["series", "geo", "period", "dataset"])
    return [PricePoint(*row) for row in rows_of(ordered)]


def read_rates(con: Con) -> RateTable:
    """Annual exchange rates per USD from the observations table (EUR and West African).

    Where several datasets give a rate for the same currency and year, the first by dataset
    id is kept (as for the trade tables' EUR per USD rate).
    """
    table = RateTable()
    o = backend(con).table("observations")
    wanted = o.series.isin([FX_EUR_SERIES, FX_LCU_SERIES]) & (o.value > 0)
    found = o.filter(wanted & o.year.notnull() & o.month.isnull())
    found = found.select("series", "geo", "year", "value", "source_url", "dataset")
    # The last rate added for a currency and year is kept: add the first dataset id last.
    ordered = found.order_by(["series", "geo", "year", found.dataset.desc(), "source_url"])
    for series, geo, year, value, url, _dataset in rows_of(ordered):
        currency = "EUR" if series == FX_EUR_SERIES else COUNTRY_CURRENCY.get(geo)
        if currency and currency != "XOF":  # XOF goes through the fixed EUR peg
            table.add(Rate(currency, int(year), float(value), f"{series}: {url}"))
    return table


def convert_point(
    point: PricePoint, unit: str, *, rates: RateTable, kg_per_litre: float | None = None
) -> tuple[float | None, float | None, float | None]:
    """(value, low, high) of a price in another unit; ConversionError if it cannot convert."""

    def one(v: float | None) -> float | None:
        if v is None:
            return None
        return convert_price(
            v, point.unit, unit, year=point.year, rates=rates, kg_per_litre=kg_per_litre
        )

    return one(point.value), one(point.value_low), one(point.value_high)


PRICE_COLUMNS = [
    "series", "geo", "period", "stage", "value", "value_low", "value_high", "unit",
    "approximate", "source_url", "note",
]  # fmt: skip


def price_frame(points: Sequence[PricePoint], *, unit: str | None, rates: RateTable) -> Frame:
    """A table of price points, converted to ``unit`` when given (gaps where it cannot)."""
    rows = []
    notes: list[str] = []
    for p in points:
        values: tuple[float | None, ...] = (p.value, p.value_low, p.value_high)
        shown = p.unit
        if unit and p.unit not in ("%", "index"):
            try:
                values, shown = convert_point(p, unit, rates=rates), parse_unit(unit).code
            except ConversionError as exc:
                values, shown = (None, None, None), parse_unit(unit).code
                where = f"{p.series} {p.geo} {p.period}"
                notes.append(msg("{where}: not converted: {reason}", where=where, reason=str(exc)))
        rows.append((p.series, p.geo, p.period, p.stage, *values, shown, p.approximate))
        rows[-1] += (p.source_url, p.note)
    sources = sorted({p.source_url for p in points})
    if unit:
        sources += [PEG_SOURCE, *rates.sources()]
    return Frame(
        msg("Price series"), PRICE_COLUMNS, rows, sources, notes, any(p.synthetic for p in points)
    )


def rates_frame(rates: RateTable, *, currencies: Sequence[str] = ()) -> Frame:
    """The exchange rates held (per USD), with their sources; XOF follows the EUR peg."""
    rows = [
        (r.currency, r.year, r.per_usd, r.source)
        for (cur, _), r in sorted(rates.rates.items())
        if not currencies or cur in currencies
    ]
    notes: list[str] = [
        msg(
            "Units of the currency per US dollar, annual averages. XOF is not listed: it converts "
            "at the fixed peg of {peg} XOF per EUR.",
            peg=XOF_PER_EUR,
        ),
        msg("A year without a rate is a gap: conversions that need it fail with a clear error."),
    ]
    columns = ["currency", "year", "per_usd", "source"]
    title = msg("Exchange rates per US dollar")
    return Frame(title, columns, rows, [PEG_SOURCE, *rates.sources()], notes)
