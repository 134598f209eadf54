"""Fetch EU raw-milk prices from the European Commission's agri-food data portal API.

``GET https://www.ec.europa.eu/agrifood/api/rawMilk/prices?memberStateCodes=DE,FR&years=2024``
answers a JSON list of records such as::

    {"memberStateCode": "NL", "memberStateName": "Netherlands", "beginDate": "04/07/2017",
     "endDate": "11/08/2017", "month": 7, "monthName": "Jul", "price": "€33.19",
     "unit": "100KG", "year": 2017, "product": "Raw milk"}

Each record becomes a ``PriceRecord`` of series ``farmgate_milk_price`` (EUR/100kg), with
the request URL as its source. Any unexpected answer raises ``FetchError``.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from fairmilk.errors import FetchError
from fairmilk.ingest.prices import OPTIONAL, REQUIRED, PriceRecord

BASE_URL = "https://www.ec.europa.eu/agrifood/api"
RAW_MILK_PATH = "/rawMilk/prices"
UNITS = {"100KG": "EUR/100kg", "KG": "EUR/kg", "T": "EUR/t", "TONNE": "EUR/t"}
EU_CODES = {"EU": "eu27", "EU27": "eu27", "EU28": "eu28"}


def _price(text: Any, where: str) -> float:
    raw = str(text).replace("€", "").replace(",", "").strip()
    try:
        value = float(raw)
    except ValueError:
        raise FetchError(f"{where}: price {text!r} is not a number") from None
    if value < 0:
        raise FetchError(f"{where}: negative price {text!r}")
    return value


def _record(item: dict[str, Any], url: str, i: int) -> PriceRecord:
    where = f"agri-food API record {i}"
    try:
        code, year, month = str(item["memberStateCode"]), int(item["year"]), int(item["month"])
        unit = UNITS[str(item["unit"]).upper()]
    except (KeyError, TypeError, ValueError) as exc:
        raise FetchError(f"{where}: missing or unexpected field ({exc})") from exc
    if not 1 <= month <= 12:
        raise FetchError(f"{where}: month {month} out of range")
    geo = EU_CODES.get(code.upper(), code.upper())
    product = str(item.get("product") or "Raw milk")
    organic = "organic" in product.lower()
    return PriceRecord(
        series="farmgate_milk_price_organic" if organic else "farmgate_milk_price",
        geo=geo, period=f"{year}-{month:02d}", year=year, month=month,
        value=_price(item.get("price"), where), value_low=None, value_high=None, unit=unit,
        source_url=url, product=product, stage="producer", market=None,
        note=f"EC agri-food data portal, {item.get('beginDate')}-{item.get('endDate')}",
    )  # fmt: skip


def fetch_raw_milk_prices(
    *,
    member_states: Sequence[str],
    years: Sequence[int],
    client: httpx.Client | None = None,
    base_url: str = BASE_URL,
) -> list[PriceRecord]:
    """Raw-milk prices of the member states and years; FetchError on any failure."""
    params = {"memberStateCodes": ",".join(member_states), "years": ",".join(map(str, years))}
    own = client is None
    http = client or httpx.Client(timeout=60)
    try:
        response = http.get(base_url + RAW_MILK_PATH, params=params)
    except httpx.HTTPError as exc:
        raise FetchError(f"agri-food API unreachable: {exc}") from exc
    finally:
        if own:
            http.close()
    if response.status_code != 200:
        raise FetchError(f"agri-food API answered HTTP {response.status_code} for {response.url}")
    try:
        items = response.json()
    except ValueError as exc:
        raise FetchError("agri-food API answer is not JSON") from exc
    if not isinstance(items, list):
        raise FetchError("agri-food API answer is not a list of price records")
    return [_record(item, str(response.url), i) for i, item in enumerate(items, start=1)]


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
