"""FAOSTAT trade (TCL): dairy import quantities and values of the West African countries.

Eight embedded files under ``reference/data/fao_trade`` (FAOSTAT domain TCL, 1961-2020):
import quantity (tonnes) and import value (1000 US$) of skimmed and whole milk powder,
butter and cheese, for the 16 West African countries and FAO's Western Africa total (5105).
Each row becomes one observation: series ``fao_import_quantity_t`` (t) or
``fao_import_value_usd`` (USD, converted from 1000 US$), product ``smp``, ``wmp``,
``butter`` or ``cheese``. Rows that sit on a known break in the source carry flag
``break`` and a note saying what the break is.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.catalog import read_rows
from fairmilk.reference.observations import Observation, _num, _source, fao_geo

PREFIX = "fao_trade/faostat_tcl_"
SERIES_QUANTITY = "fao_import_quantity_t"
SERIES_VALUE = "fao_import_value_usd"
ITEMS = {
    "milk_skimmed_dried": "smp",
    "milk_whole_dried": "wmp",
    "butter_cow_milk": "butter",
    "cheese_whole_cow_milk": "cheese",
}
ELEMENTS = {"quantity": (SERIES_QUANTITY, "t", 1.0), "value": (SERIES_VALUE, "USD", 1000.0)}

SN_2001 = (
    "Break in the source: Senegal's powder imports move from skimmed (SMP) to whole milk "
    "powder (WMP) in 2001 (SMP 14,111 t in 2000, 373 t in 2001; WMP rows start in 2001 at "
    "13,233 t). Read SMP and WMP together."
)
NG_2007 = (
    "Spike in the source: Nigeria 2007, SMP 72,982 t (17,853 t in 2006, 29,367 t in 2008) and "
    "butter 22,145 t (4,225 t in 2006, 8,053 t in 2008), about four to five times the "
    "adjacent years; the Western Africa totals of 2007 include it."
)
BREAKS: dict[tuple[str, str], tuple[tuple[int, ...], str]] = {
    ("SN", "smp"): ((2000, 2001), SN_2001),
    ("SN", "wmp"): ((2001,), SN_2001),
    ("NG", "smp"): ((2007,), NG_2007),
    ("NG", "butter"): ((2007,), NG_2007),
    ("west-africa", "smp"): ((2007,), NG_2007),
    ("west-africa", "butter"): ((2007,), NG_2007),
}
"""(geo, product) -> (years on the break, note). Checked against the files by a test."""


def dataset_id(item: str, element: str) -> str:
    """The embedded dataset id of one FAO item and element (quantity or value)."""
    return f"{PREFIX}{item}_import_{element}__west_africa"


def break_note(geo: str, product: str, year: int) -> str | None:
    """The note of a known break for this country, product and year, if any."""
    years, note = BREAKS.get((geo, product), ((), ""))
    return note if year in years else None


def read(item: str, element: str) -> list[Observation]:
    """One FAO trade file as observations (FAO World and Africa codes are not in it)."""
    name = dataset_id(item, element)
    series, unit, factor = ELEMENTS[element]
    product = ITEMS[item]
    src, geo, out = _source(name), fao_geo(), []
    column = f"tcl_{item}_import_{element}"
    for i, row in enumerate(read_rows(name), start=2):
        where = f"reference/data/{name}.csv:{i}"
        code = geo.get(row["geo"])
        if code is None:
            raise ReferenceDataError(
                f"{where}: field geo: expected a West African FAO area code, found {row['geo']!r}"
            )
        value = _num(row[column], f"{where}: field {column}")
        year = int(row["year"])
        note = break_note(code, product, year)
        out.append(Observation(
            name, series, code, row["year"], unit, None if value is None else value * factor,
            src.url, year=year, product=product, flag="break" if note else None,
            source_org=src.org, licence=src.licence, note=note,
        ))  # fmt: skip
    return out


READERS: dict[str, Callable[[], list[Observation]]] = {
    dataset_id(item, element): partial(read, item, element)
    for item in ITEMS
    for element in ELEMENTS
}
"""Dataset id -> reader, for the reference loader."""
