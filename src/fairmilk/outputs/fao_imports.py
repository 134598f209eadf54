"""A country's dairy imports from all origins as FAOSTAT publishes them (domain TCL).

The country page and brief show them three ways, all from ``indicators.fao_trade``:

- the milk-powder totals (SMP + WMP) of a year, for the key message: a year in which either
  powder is missing is a gap, never a partial sum (``powder_years``);
- a chart of tonnes by product over the last ``CHART_YEARS`` years, every year of the range
  present so that a missing year breaks the line (``chart_result``);
- a short table of the latest year and ten years earlier, in reader units: tonnes, 1000 US$
  (as FAO publishes the value), USD/t, EUR/kg and local currency/kg (``table_result``).

Rows on a known break in the source carry its note (Senegal 2001, Nigeria 2007); the notes
are shown under the chart and table in the reader's language (``break_notes``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import duckdb

from fairmilk.indicators.fao_trade import fao_trade_frame
from fairmilk.indicators.frame import Frame
from fairmilk.outputs.i18n import localise
from fairmilk.outputs.memo import remember
from fairmilk.outputs.tables import Result
from fairmilk.text import Msg, msg, term

POWDERS = ("smp", "wmp")
CHART_YEARS = 21  # the latest year and the twenty before it (2000-2020 for FAO's 2020)
LOOK_BACK = 10  # the key message and the table compare with ten years earlier
TABLE_COLUMNS = ("year", "product", "quantity_t", "value_kusd", "unit_value_usd_per_t",
                 "unit_value_eur_per_kg", "unit_value_lcu_per_kg")  # fmt: skip


@dataclass(frozen=True, slots=True)
class PowderYear:
    """SMP + WMP of one year: tonnes and US dollars (None: a gap in either powder)."""

    year: int
    tonnes: float | None
    usd: float | None
    sources: tuple[str, ...]


def fao_frame(con: duckdb.DuckDBPyConnection, iso2: str) -> Frame:
    """The country's FAOSTAT imports, every product and year (kept once per store state)."""
    return remember(("profile-fao", iso2), lambda: fao_trade_frame(con, countries=[iso2]))


def _total(values: Sequence[Any]) -> float | None:
    """The sum, or None when any part is a gap."""
    if any(v is None for v in values):
        return None
    return float(sum(values))


def powder_years(frame: Frame) -> dict[int, PowderYear]:
    """Year -> SMP + WMP of that year; a powder without a row that year makes the sum a gap."""
    rows: dict[int, dict[str, dict[str, Any]]] = {}
    for rec in frame.records():
        if rec["product"] in POWDERS:
            rows.setdefault(int(rec["year"]), {})[str(rec["product"])] = rec
    out = {}
    for year, found in rows.items():
        recs = [found.get(p) for p in POWDERS]
        tonnes = _total([r["quantity_t"] if r else None for r in recs])
        usd = _total([r["value_usd"] if r else None for r in recs])
        # the FAO file of each row; exchange rates play no part in tonnes and dollars
        urls = {str(r["sources"]).split("; ")[0] for r in recs if r and r["sources"]}
        out[year] = PowderYear(year, tonnes, usd, tuple(sorted(urls)))
    return out


def latest_year(frame: Frame) -> int | None:
    """The latest year with any FAOSTAT row for the country (None: no row at all)."""
    years = [int(y) for y in frame.column("year")]
    return max(years) if years else None


def chart_result(frame: Frame, names: dict[str, str], lang: str) -> Result:
    """Tonnes by year and product over the last ``CHART_YEARS`` years; absent years are None.

    Columns: year, category (the product id, which fixes the colour), product (its name in
    the reader's language), quantity_t.
    """
    last = latest_year(frame)
    kept: dict[tuple[int, str], Any] = {}
    for rec in frame.records():
        kept[(int(rec["year"]), str(rec["product"]))] = rec["quantity_t"]
    products = sorted({p for _y, p in kept}, key=_product_order)
    years = range(last - CHART_YEARS + 1, last + 1) if last is not None else range(0)
    rows = [
        (year, p, names.get(p, p), kept.get((year, p)))
        for p in products
        for year in years
        if any((y, p) in kept for y in years)
    ]
    return Result("", ["year", "category", "product", "quantity_t"], rows, lang=lang)


def _product_order(product: str) -> int:
    order = ("smp", "wmp", "butter", "cheese")
    return order.index(product) if product in order else len(order)


def table_result(frame: Frame, names: dict[str, str], lang: str, title: str) -> Result:
    """The latest year and ten years earlier, one row per product, in reader units."""
    last = latest_year(frame)
    years = {last, last - LOOK_BACK} if last is not None else set()
    recs = [r for r in frame.records() if int(r["year"]) in years]
    recs.sort(key=lambda r: (-int(r["year"]), _product_order(str(r["product"]))))
    rows = [
        (int(r["year"]), names.get(str(r["product"]), str(r["product"])), r["quantity_t"],
         None if r["value_usd"] is None else r["value_usd"] / 1000.0,
         r["unit_value_usd_per_t"], r["unit_value_eur_per_kg"], r["unit_value_lcu_per_kg"])
        for r in recs
    ]  # fmt: skip
    sources = sorted(frame.sources, key=lambda s: "fao.org" not in s)  # FAOSTAT first
    return Result(title, list(TABLE_COLUMNS), rows, sources, [], frame.synthetic, lang)


def break_notes(frame: Frame, first_year: int) -> list[str]:
    """The notes of the known breaks in the source from ``first_year`` on, once each."""
    notes: list[str] = []
    for rec in frame.records():
        note = rec["note"]
        shown = rec["flag"] == "break" and note and int(rec["year"]) >= first_year
        if shown and note not in notes:
            notes.append(str(note))
    return notes


def table_notes(frame: Frame, lang: str) -> list[str]:
    """Under the table and chart: the breaks shown, then what the figures are, in ``lang``."""
    last = latest_year(frame)
    first = (last or 0) - CHART_YEARS + 1
    notes: list[Msg] = [term(n) for n in break_notes(frame, first)]
    currency = next((str(c) for c in frame.column("currency") if c), None)
    notes.append(
        msg(
            "FAOSTAT, imports from all origins: quantity in tonnes, value in 1000 US dollars "
            "as published; unit value = value / quantity, in EUR and in local currency "
            "({currency}) per kg at the year's annual rate. Fat-filled milk powder (FFMP) is "
            "not in these items. A gap (–) is a figure FAOSTAT does not give.",
            currency=currency or "–",
        )
    )
    return [str(localise(n, lang)) for n in notes]
