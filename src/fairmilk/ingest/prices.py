"""Read price files in fairmilk's long layout (CSV or XLSX) into validated price records.

The layout, one price per row (header names are case-insensitive)::

    series,geo,period,value,unit,source_url,product,stage,market
    local_fresh_price,BF,2024-03,550,XOF/L,https://example.org/survey,local milk,consumer,Ouaga

Optional columns: value_low, value_high, product, stage, market, note, approximate.

- ``series``: lower-case id (``farmgate_milk_price``, ``local_fresh_price``, ...);
- ``geo``: ISO 3166 alpha-2 (``BF``), a region id (``eu27``, ``ecowas``...) or ``X:NAME``;
- ``period``: ``YYYY`` or ``YYYY-MM``;
- ``value``: a number >= 0; may be empty when ``value_low``/``value_high`` give a range;
- ``unit``: ``CURRENCY/QUANTITY`` (``EUR/100kg``, ``EURc/kg``, ``EUR/t``, ``XOF/L``,
  ``NGN/L``, ``XOF/bag25kg``...), or ``%`` / ``index`` for ratios;
- ``source_url``: where the price comes from (required: every number is traceable).

Any bad row raises ``InputError`` with file, line, column, what was expected and found.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fairmilk.errors import ConversionError, InputError
from fairmilk.ingest.bounds import PRICE
from fairmilk.ingest.price_units import check_unit

REQUIRED = ("series", "geo", "period", "value", "unit", "source_url")
OPTIONAL = ("value_low", "value_high", "product", "stage", "market", "note", "approximate")
STAGES = ("producer", "consumer", "wholesale", "processor_sale", "cost", "relative", "")
REGIONS = ("eu27", "eu28", "ecowas", "waemu", "west-africa")
_SERIES = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_GEO = re.compile(r"^([A-Z]{2}|X:[A-Za-z0-9_-]{1,32})$")
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, slots=True)
class PriceRecord:
    """One validated price: what, where, when, how much, in which unit, from where."""

    series: str
    geo: str
    period: str
    year: int
    month: int | None
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    source_url: str
    product: str | None = None
    stage: str | None = None
    market: str | None = None
    note: str | None = None
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class _Where:
    file: str
    line: int


def _bad(where: _Where, column: str, expected: str, found: str) -> InputError:
    return InputError(
        "bad value", file=where.file, line=where.line, column=column, expected=expected, found=found
    )


def _number(text: str, where: _Where, column: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text.replace(" ", "").replace(",", "."))
    except ValueError:
        raise _bad(where, column, "a number", text) from None
    if number < 0 or number != number:
        raise _bad(where, column, "a number >= 0 (prices are never negative)", text)
    if number > PRICE.high:
        raise _bad(where, column, PRICE.expected(), text)
    return number


def _text(row: dict[str, str], key: str) -> str:
    return (row.get(key) or "").strip()


def _check_ids(row: dict[str, str], where: _Where) -> re.Match[str]:
    if not _SERIES.match(_text(row, "series")):
        raise _bad(where, "series", "a lower-case id such as farmgate_milk_price", row["series"])
    geo = _text(row, "geo")
    if not (_GEO.match(geo) or geo in REGIONS):
        raise _bad(where, "geo", "ISO alpha-2 (BF), a region id (eu27, ecowas...) or X:NAME", geo)
    period = _PERIOD.match(_text(row, "period"))
    if period is None:
        raise _bad(where, "period", "YYYY or YYYY-MM", row["period"])
    if not _text(row, "source_url"):
        raise _bad(where, "source_url", "the address or reference of the source", "")
    if _text(row, "stage") not in STAGES:
        raise _bad(
            where, "stage", f"one of {', '.join(s for s in STAGES if s)} or empty", row["stage"]
        )
    return period


def _record(row: dict[str, str], where: _Where) -> PriceRecord:
    period = _check_ids(row, where)
    unit = _text(row, "unit")
    try:
        unit = check_unit(unit)
    except ConversionError as exc:
        raise _bad(
            where, "unit", "a price unit such as EUR/100kg, XOF/L, or % / index", unit
        ) from exc
    value = _number(row.get("value") or "", where, "value")
    low = _number(row.get("value_low") or "", where, "value_low")
    high = _number(row.get("value_high") or "", where, "value_high")
    if value is None and low is None and high is None:
        raise _bad(where, "value", "a number, or a range in value_low/value_high", "")
    if low is not None and high is not None and low > high:
        raise _bad(where, "value_high", f"a number >= value_low ({low:g})", str(high))
    return PriceRecord(
        series=_text(row, "series"),
        geo=_text(row, "geo"),
        period=period.group(0),
        year=int(period.group(1)),
        month=int(period.group(2)) if period.group(2) else None,
        value=value,
        value_low=low,
        value_high=high,
        unit=unit,
        source_url=_text(row, "source_url"),
        product=_text(row, "product") or None,
        stage=_text(row, "stage") or None,
        market=_text(row, "market") or None,
        note=_text(row, "note") or None,
        approximate=_text(row, "approximate").lower() in ("yes", "true", "1"),
    )


def parse_rows(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, file: str
) -> list[PriceRecord]:
    """Validate the header and every row; the first bad row raises InputError."""
    names = [str(h or "").strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise InputError(
            "missing columns",
            file=file,
            line=1,
            expected=", ".join(REQUIRED),
            found=",".join(names),
        )
    records = []
    for line, raw in enumerate(rows, start=2):
        cells = ["" if v is None else str(v) for v in raw]
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(names):
            raise InputError(
                "too many fields", file=file, line=line, expected=f"{len(names)} fields"
            )
        row = dict(zip(names, cells + [""] * (len(names) - len(cells)), strict=True))
        records.append(_record(row, _Where(file, line)))
    if not records:
        raise InputError("no price rows", file=file, expected="at least one row after the header")
    return records


def _xlsx_rows(path: Path) -> list[list[Any]]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise InputError(f"not a readable XLSX workbook: {exc}", file=path.name) from exc
    sheet = book.worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def read_price_file(path: Path) -> list[PriceRecord]:
    """Read a long-layout price file (.csv or .xlsx); raises InputError on any bad row."""
    if not path.is_file():
        raise InputError("no such file", file=str(path))
    if path.suffix.lower() == ".xlsx":
        rows = _xlsx_rows(path)
    elif path.suffix.lower() == ".csv":
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError("not UTF-8 text", file=path.name, line=None, expected="UTF-8") from exc
        rows = list(csv.reader(text.splitlines()))
    else:
        raise InputError(
            "unknown file type", file=path.name, expected=".csv or .xlsx", found=path.suffix
        )
    if not rows:
        raise InputError("empty file", file=path.name, expected="a header row")
    return parse_rows(rows[0], rows[1:], file=path.name)
