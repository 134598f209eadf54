"""Fetch EU dairy product quotations (butter, SMP, WMP...) from the EC agri-food data portal.

``GET {BASE_URL}/dairy/prices`` belongs to the "Milk and dairy products" API
(https://agridata.ec.europa.eu/extensions/API_Documentation/milk.html: "weekly prices of raw
milk as well as eight representative dairy products per Member State and weighted averages
over the Union"; services ``dairy/prices``, ``dairy/products``, ``dairy/production``). Its
optional parameters are ``memberStateCodes`` (``EU`` for the Union average), ``products``
(BUTTER, SMP, WMP, WHEYPOWDER, CHEDDAR, EMMENTAL, GOUDA, EDAM, BUTTEROIL...), ``years``,
``weeks``, ``beginDate`` and ``endDate`` (dd/mm/yyyy). The answer is a JSON list with one
record per member state, product and week, of the same shape as the raw-milk records::

    {"memberStateCode": "EU", "memberStateName": "European Union", "product": "SMP",
     "beginDate": "04/07/2022", "endDate": "10/07/2022", "weekNumber": 27,
     "price": "€372.50", "unit": "100KG"}

(``weekNumber`` is read when present, else the ISO week of ``beginDate``.) The dairy part of
the documentation page was not fully readable when this module was written: the parameter
and field names were checked against public client code calling the endpoint (e.g.
``products=wmp,wheypowder&memberStateCodes=IE,DE&years=2022&weeks=5``).

fairmilk's price layout holds years and months, not weeks, so the weekly quotations are
turned into monthly means: a week counts in the month of its ``beginDate``; the mean of a
month with fewer quotations than weeks beginning in it is flagged approximate. The note of
every row says which weeks it averages. The request URL is the source of every row.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import httpx

from fairmilk.errors import FetchError, InputError
from fairmilk.ingest.agridata import (
    BASE_URL,
    date_of,
    date_params,
    field,
    geo_of,
    get_records,
    price_of,
    unit_of,
    where_of,
)
from fairmilk.ingest.prices import PriceRecord

DAIRY_PATH = "/dairy/prices"
# The portal's product code -> fairmilk's price series id.
DAIRY_SERIES = {
    "BUTTER": "eu_butter_price",
    "SMP": "eu_smp_price",
    "WMP": "eu_wmp_price",
    "WHEYPOWDER": "eu_whey_powder_price",
    "CHEDDAR": "eu_cheddar_price",
    "EMMENTAL": "eu_emmental_price",
    "GOUDA": "eu_gouda_price",
    "EDAM": "eu_edam_price",
    "BUTTEROIL": "eu_butteroil_price",
}
DEFAULT_PRODUCTS = ("BUTTER", "SMP", "WMP")


@dataclass(frozen=True, slots=True)
class DairyQuote:
    """One weekly quotation as published: product, place, week and price."""

    series: str
    product: str
    geo: str
    begin: date
    end: date
    week: int
    value: float
    unit: str


def product_code(name: str) -> str:
    """The portal's code of a product asked for as butter, SMP, wheypowder..."""
    code = name.strip().upper().replace(" ", "").replace("_", "")
    if code not in DAIRY_SERIES:
        expected = ", ".join(DAIRY_SERIES).lower()
        raise InputError("unknown dairy product", column="--product", expected=expected, found=name)
    return code


def _quote(item: dict[str, Any], i: int) -> DairyQuote:
    where = where_of(item, i)
    product = str(field(item, "product", where)).strip()
    code = product.upper().replace(" ", "")
    if code not in DAIRY_SERIES:
        raise FetchError(f"{where}: field 'product' {product!r} is not a known dairy product")
    begin, end = date_of(item, "beginDate", where), date_of(item, "endDate", where)
    if end < begin:
        raise FetchError(f"{where}: field 'endDate' {end:%d/%m/%Y} is before beginDate")
    try:
        week = int(item.get("weekNumber") or begin.isocalendar().week)
    except (TypeError, ValueError):
        raise FetchError(f"{where}: field 'weekNumber' {item.get('weekNumber')!r}") from None
    return DairyQuote(
        series=DAIRY_SERIES[code], product=product, geo=geo_of(item, where), begin=begin,
        end=end, week=week, value=price_of(field(item, "price", where), where),
        unit=unit_of(item, where),
    )  # fmt: skip


def parse_quotes(items: Sequence[dict[str, Any]]) -> list[DairyQuote]:
    """Validate every record of an answer; a repeated week is an error, not a second price."""
    quotes = [_quote(item, i) for i, item in enumerate(items, start=1)]
    seen: set[tuple[str, str, date, str]] = set()
    for i, q in enumerate(quotes, start=1):
        key = (q.series, q.geo, q.begin, q.unit)
        if key in seen:
            raise FetchError(f"{where_of(items[i - 1], i)}: a second price for the same week")
        seen.add(key)
    return quotes


def _weeks_beginning_in(year: int, month: int, weekday: int) -> int:
    """How many weeks (starting on ``weekday``) begin in the month."""
    days = calendar.monthrange(year, month)[1]
    return sum(1 for d in range(1, days + 1) if date(year, month, d).weekday() == weekday)


def _month(key: tuple[str, str, str, int, int], weeks: list[DairyQuote], url: str) -> PriceRecord:
    series, geo, unit, year, month = key
    expected = _weeks_beginning_in(year, month, weeks[0].begin.weekday())
    partial = len(weeks) < expected
    note = (
        f"EC agri-food data portal, weekly quotations; fairmilk's mean of {len(weeks)} of "
        f"{expected} weeks beginning in the month (weeks {', '.join(str(q.week) for q in weeks)}: "
        f"{weeks[0].begin:%d/%m/%Y}-{weeks[-1].end:%d/%m/%Y})"
        + ("; partial month" if partial else "")
    )
    return PriceRecord(
        series=series, geo=geo, period=f"{year}-{month:02d}", year=year, month=month,
        value=round(sum(q.value for q in weeks) / len(weeks), 4), value_low=None,
        value_high=None, unit=unit, source_url=url, product=weeks[0].product,
        stage="wholesale", market=None, note=note, approximate=partial,
    )  # fmt: skip


def monthly_means(quotes: Sequence[DairyQuote], source_url: str) -> list[PriceRecord]:
    """One price per series, place, unit and month: the mean of its weekly quotations."""
    groups: dict[tuple[str, str, str, int, int], list[DairyQuote]] = defaultdict(list)
    for q in quotes:
        groups[(q.series, q.geo, q.unit, q.begin.year, q.begin.month)].append(q)
    return [
        _month(key, sorted(weeks, key=lambda q: q.begin), source_url)
        for key, weeks in sorted(groups.items())
    ]


def fetch_dairy_prices(
    *,
    member_states: Sequence[str],
    products: Sequence[str] = DEFAULT_PRODUCTS,
    years: Sequence[int] = (),
    begin: date | None = None,
    end: date | None = None,
    client: httpx.Client | None = None,
    base_url: str = BASE_URL,
) -> list[PriceRecord]:
    """Monthly means of the weekly dairy quotations, as price records; FetchError on failure."""
    params = {
        "memberStateCodes": ",".join(member_states),
        "products": ",".join(product_code(p) for p in products),
        "years": ",".join(map(str, years)),
        **date_params(begin, end),
    }
    items, url = get_records(DAIRY_PATH, params, client=client, base_url=base_url)
    return monthly_means(parse_quotes(items), url)
