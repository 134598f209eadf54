"""Fetch EU raw-milk prices from the European Commission's agri-food data portal API.

The API is documented at https://agridata.ec.europa.eu/extensions/API_Documentation/milk.html
(section "Milk and dairy products"). ``GET {BASE_URL}/rawMilk/prices`` takes the optional
parameters ``memberStateCodes``, ``products`` (see ``/rawMilk/products``: "Raw Milk",
"Organic raw milk"), ``years``, ``months``, ``beginDate`` and ``endDate`` (dd/mm/yyyy) and
answers a JSON list of records with the fields memberStateCode, memberStateName, beginDate,
endDate, product, month, monthName, year, unit and price, e.g. (values are illustrative)::

    {"memberStateCode": "NL", "memberStateName": "Netherlands", "beginDate": "01/07/2017",
     "endDate": "31/07/2017", "month": 7, "monthName": "Jul", "price": "€33.19",
     "unit": "100KG", "year": 2017, "product": "Raw milk"}

Each record becomes a ``PriceRecord`` of series ``farmgate_milk_price`` (or
``farmgate_milk_price_organic``), in EUR/100kg, with the request URL as its source. Any
unexpected answer raises ``FetchError``. The HTTP, price, date and place helpers here are
shared with the dairy quotations fetcher (``fairmilk.ingest.agridata_dairy``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx

from fairmilk.errors import FetchError
from fairmilk.ingest.prices import OPTIONAL, REQUIRED, PriceRecord

BASE_URL = "https://www.ec.europa.eu/agrifood/api"
RAW_MILK_PATH = "/rawMilk/prices"
UNITS = {"100KG": "EUR/100kg", "KG": "EUR/kg", "T": "EUR/t", "TONNE": "EUR/t"}
# The portal's codes that are not ISO alpha-2 or are aggregates.
EU_CODES = {"EU": "eu27", "EU27": "eu27", "EU28": "eu28", "EL": "GR", "UK": "GB"}


def where_of(item: Mapping[str, Any], i: int) -> str:
    """How an error names a record: its position and what it is."""
    what = " ".join(str(item.get(k)) for k in ("memberStateCode", "product", "beginDate"))
    return f"agri-food API record {i} ({what})"


def field(item: Mapping[str, Any], name: str, where: str) -> Any:
    """A field that must be present and not empty."""
    value = item.get(name)
    if value is None or value == "":
        raise FetchError(f"{where}: field {name!r} is missing")
    return value


def price_of(text: Any, where: str) -> float:
    """A published price such as "€33.19", "€682,00" or "€1,234.50" as a number >= 0."""
    raw = str(text).replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," in raw and "." in raw:  # the later separator is the decimal one
        comma_last = raw.rfind(",") > raw.rfind(".")
        raw = raw.replace(".", "").replace(",", ".") if comma_last else raw.replace(",", "")
    elif raw.count(",") == 1 and len(raw.rpartition(",")[2]) != 3:
        raw = raw.replace(",", ".")  # a decimal comma: "682,00"
    else:
        raw = raw.replace(",", "")  # thousands separators: "1,234"
    try:
        value = float(raw)
    except ValueError:
        raise FetchError(f"{where}: field 'price' {text!r} is not a number") from None
    if not math.isfinite(value):
        raise FetchError(f"{where}: field 'price' {text!r} is not a number")
    if value < 0:
        raise FetchError(f"{where}: field 'price' is negative ({text!r})")
    return value


def date_of(item: Mapping[str, Any], name: str, where: str) -> date:
    """A dd/mm/yyyy date field."""
    text = str(field(item, name, where))
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise FetchError(f"{where}: field {name!r} {text!r} is not a dd/mm/yyyy date") from None


def unit_of(item: Mapping[str, Any], where: str) -> str:
    """The project's unit string (EUR/100kg, EUR/t...) for the API's unit ("100KG")."""
    text = str(field(item, "unit", where))
    key = text.upper().replace(" ", "").replace("€/", "").replace("EUR/", "")
    if key not in UNITS:
        raise FetchError(f"{where}: field 'unit' {text!r} is not one of {', '.join(UNITS)}")
    return UNITS[key]


def geo_of(item: Mapping[str, Any], where: str) -> str:
    """fairmilk's geo for the portal's memberStateCode (EU -> eu27, EL -> GR)."""
    code = str(field(item, "memberStateCode", where)).strip().upper()
    return EU_CODES.get(code, code)


def get_records(
    path: str,
    params: Mapping[str, str],
    *,
    client: httpx.Client | None = None,
    base_url: str = BASE_URL,
) -> tuple[list[dict[str, Any]], str]:
    """GET one API path; the answer's records and the request URL. FetchError on failure."""
    own = client is None
    http = client or httpx.Client(timeout=60)
    try:
        response = http.get(base_url + path, params={k: v for k, v in params.items() if v})
    except httpx.HTTPError as exc:
        raise FetchError(f"agri-food API unreachable: {exc}") from exc
    finally:
        if own:
            http.close()
    if response.status_code == 404:  # the portal's answer to a query without results
        raise FetchError(f"agri-food API found no prices for {response.url} (HTTP 404)")
    if response.status_code != 200:
        raise FetchError(f"agri-food API answered HTTP {response.status_code} for {response.url}")
    try:
        items = response.json()
    except ValueError as exc:
        raise FetchError(f"agri-food API answer is not JSON ({response.url})") from exc
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FetchError(f"agri-food API answer is not a list of price records ({response.url})")
    return items, str(response.url)


def date_params(begin: date | None, end: date | None) -> dict[str, str]:
    """The beginDate/endDate request parameters (dd/mm/yyyy), when given."""
    return {
        "beginDate": begin.strftime("%d/%m/%Y") if begin else "",
        "endDate": end.strftime("%d/%m/%Y") if end else "",
    }


def _record(item: dict[str, Any], url: str, i: int) -> PriceRecord:
    where = where_of(item, i)
    try:
        year, month = int(field(item, "year", where)), int(field(item, "month", where))
    except (TypeError, ValueError) as exc:
        raise FetchError(f"{where}: field 'year' or 'month' is not a number ({exc})") from exc
    if not 1 <= month <= 12:
        raise FetchError(f"{where}: field 'month' {month} is out of range 1-12")
    product = str(item.get("product") or "Raw milk")
    organic = "organic" in product.lower()
    return PriceRecord(
        series="farmgate_milk_price_organic" if organic else "farmgate_milk_price",
        geo=geo_of(item, where), period=f"{year}-{month:02d}", year=year, month=month,
        value=price_of(field(item, "price", where), where), value_low=None, value_high=None,
        unit=unit_of(item, where), source_url=url, product=product, stage="producer",
        market=None,
        note=f"EC agri-food data portal, {item.get('beginDate')}-{item.get('endDate')}",
    )  # fmt: skip


def fetch_raw_milk_prices(
    *,
    member_states: Sequence[str],
    years: Sequence[int] = (),
    begin: date | None = None,
    end: date | None = None,
    client: httpx.Client | None = None,
    base_url: str = BASE_URL,
) -> list[PriceRecord]:
    """Raw-milk prices of the member states and years (or dates); FetchError on any failure."""
    params = {
        "memberStateCodes": ",".join(member_states),
        "years": ",".join(map(str, years)),
        **date_params(begin, end),
    }
    items, url = get_records(RAW_MILK_PATH, params, client=client, base_url=base_url)
    return [_record(item, url, i) for i, item in enumerate(items, start=1)]


def write_price_csv(records: Sequence[PriceRecord], path: Path) -> None:
    """Write records in fairmilk's long price layout (readable by ``read_price_file``)."""
    columns = [*REQUIRED, *OPTIONAL]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for r in records:
            cells = {
                **{c: getattr(r, c, None) for c in columns},
                "approximate": "yes" if r.approximate else "no",
            }
            writer.writerow(["" if cells[c] is None else cells[c] for c in columns])
