"""The catalogue of price series ids (``prices/price_series``): EN/FR titles, kind, unit, origin.

One row per series id that the embedded price files load or that ``fairmilk prices
fetch-agridata`` writes; a test keeps it complete. A user's price file may use other ids:
they are loaded as they are, and :func:`series_title` shows them with their raw id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fairmilk.errors import InputError, ReferenceDataError
from fairmilk.reference.catalog import datasets, read_rows

DATASET = "prices/price_series"
COLUMNS = (
    "series",
    "kind",
    "title_en",
    "title_fr",
    "unit",
    "origin",
    "description_en",
    "description_fr",
)
KINDS = ("price", "cost", "ratio", "index", "quotation")
FETCHERS = ("agridata:raw-milk", "agridata:dairy")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class SeriesEntry:
    """One price series id with its titles, kind, usual unit, origins and descriptions."""

    id: str
    kind: str
    title_en: str
    title_fr: str
    unit: str
    origins: tuple[str, ...]
    description_en: str
    description_fr: str

    def title(self, lang: str) -> str:
        """The title in ``lang`` (en or fr)."""
        return self.title_fr if _lang(lang) == "fr" else self.title_en

    def description(self, lang: str) -> str:
        """The description in ``lang`` (en or fr)."""
        return self.description_fr if _lang(lang) == "fr" else self.description_en


def _lang(lang: str) -> str:
    if lang not in ("en", "fr"):
        raise InputError("unknown language", column="lang", expected="en or fr", found=lang)
    return lang


def _bad(line: int, column: str, expected: str, found: str) -> ReferenceDataError:
    return ReferenceDataError(
        f"reference/data/{DATASET}.csv:{line}: column {column}: expected {expected}, "
        f"found {found!r}"
    )


def _origins(text: str, line: int) -> tuple[str, ...]:
    known = (*FETCHERS, *(d for d in datasets() if d != DATASET))
    found = tuple(text.split())
    for origin in found or ("",):
        if origin not in known:
            raise _bad(line, "origin", "space-separated " + " | ".join(known), origin)
    return found


def _entry(row: dict[str, str], line: int) -> SeriesEntry:
    for column, value in row.items():
        if "\n" in value or "\r" in value:
            raise _bad(line, column, "one line per row", value)
    if not _ID.match(row["series"]):
        raise _bad(line, "series", "an id of lower-case letters, digits and _", row["series"])
    if row["kind"] not in KINDS:
        raise _bad(line, "kind", " | ".join(KINDS), row["kind"])
    for column in ("title_en", "title_fr", "unit", "description_en", "description_fr"):
        if not row[column].strip():
            raise _bad(line, column, "a non-empty text", row[column])
    return SeriesEntry(
        id=row["series"],
        kind=row["kind"],
        title_en=row["title_en"].strip(),
        title_fr=row["title_fr"].strip(),
        unit=row["unit"].strip(),
        origins=_origins(row["origin"], line),
        description_en=row["description_en"].strip(),
        description_fr=row["description_fr"].strip(),
    )


@cache
def price_series() -> tuple[SeriesEntry, ...]:
    """Every catalogued series, in file order; ReferenceDataError names a bad line and column."""
    rows = read_rows(DATASET)
    header = tuple(rows[0]) if rows else ()
    if header != COLUMNS:
        raise _bad(1, "(header)", ",".join(COLUMNS), ",".join(header))
    entries: list[SeriesEntry] = []
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):  # line 1 is the header; no cell spans lines
        entry = _entry(row, line)
        if entry.id in seen:
            raise _bad(line, "series", "an id not listed before", entry.id)
        seen.add(entry.id)
        entries.append(entry)
    return tuple(entries)


@cache
def series_by_id() -> dict[str, SeriesEntry]:
    """The catalogue keyed by series id."""
    return {e.id: e for e in price_series()}


def from_origin(origin: str) -> tuple[SeriesEntry, ...]:
    """The catalogued series that come from one dataset or fetcher, in file order."""
    return tuple(e for e in price_series() if origin in e.origins)


def series_title(series: str, lang: str) -> str:
    """The title of a series in ``lang``; an id not in the catalogue is shown as it is."""
    entry = series_by_id().get(series)
    if entry is None:
        _lang(lang)
        return series
    return entry.title(lang)


def series_label(series: str, lang: str) -> str:
    """``title (id)`` for a catalogued series, the raw id for any other."""
    title = series_title(series, lang)
    return f"{title} ({series})" if title != series else series
