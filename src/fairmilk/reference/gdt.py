"""GlobalDairyTrade (GDT) auction prices per trading event, as shipped in ``prices/gdt_events``.

One row per trading event (2010-06 to 2026-07): the event number, its date and the average
price in US dollars per tonne of anhydrous milk fat (``amf``), butter (``but``), skim milk
powder (``smp``) and whole milk powder (``wmp``). An empty cell is a gap (butter before
event 86 was imputed by the mirror and is left out; buttermilk powder is not shipped).
The provenance record says where each value comes from and what was filtered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.catalog import read_rows

DATASET = "prices/gdt_events"
GEO = "world"
UNIT = "USD/t"
SOURCE_ORG = "GlobalDairyTrade"


@dataclass(frozen=True, slots=True)
class GdtProduct:
    """A product column of the file and the price series it becomes.

    Titles and descriptions live in the price-series catalogue (``prices/price_series``).
    """

    column: str
    series: str


PRODUCTS: tuple[GdtProduct, ...] = (
    GdtProduct("smp", "gdt_smp_price"),
    GdtProduct("wmp", "gdt_wmp_price"),
    GdtProduct("amf", "gdt_amf_price"),
    GdtProduct("but", "gdt_butter_price"),
)


@dataclass(frozen=True, slots=True)
class GdtPrice:
    """One product's average price at one trading event, in USD per tonne."""

    event: int
    day: date
    series: str
    value: float


_EVENT = re.compile(r"^[1-9][0-9]{0,3}$")
_PRICE = re.compile(r"^[0-9]+(\.[0-9]+)?$")


def _bad(line: int, column: str, expected: str, found: str) -> ReferenceDataError:
    return ReferenceDataError(
        f"reference/data/{DATASET}.csv:{line}: column {column}: expected {expected}, "
        f"found {found!r}"
    )


def _day(text: str, line: int) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _bad(line, "date", "a date YYYY-MM-DD", text) from None


def _prices(row: dict[str, str], line: int) -> list[GdtPrice]:
    if not _EVENT.match(row["trading_event"]):
        raise _bad(line, "trading_event", "an event number", row["trading_event"])
    event, day = int(row["trading_event"]), _day(row["date"], line)
    out = []
    for product in PRODUCTS:
        text = row[product.column].strip()
        if not text:
            continue  # a gap stays a gap
        if not _PRICE.match(text) or float(text) <= 0:
            raise _bad(line, product.column, "a positive price in USD/t", text)
        out.append(GdtPrice(event, day, product.series, float(text)))
    return out


def gdt_prices() -> list[GdtPrice]:
    """Every shipped price, in file order (events ascending, then the products' order)."""
    out: list[GdtPrice] = []
    for line, row in enumerate(read_rows(DATASET), start=2):
        out += _prices(row, line)
    return out


def series_ids() -> tuple[str, ...]:
    """The price series ids this dataset loads."""
    return tuple(p.series for p in PRODUCTS)
