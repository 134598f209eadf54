"""Load price series into the store: the embedded price reference files and user price files.

Reference rows are reloaded in full on every call (``file_id`` NULL, ``dataset`` = the
reference id). A user file is one vintage of ``prices:<file name>``: loading the same bytes
again does nothing; new bytes become the current vintage. All of a load is written, or none.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from fairmilk import __version__
from fairmilk.ingest.prices import PriceRecord, read_price_file
from fairmilk.reference import gdt
from fairmilk.reference.catalog import provenance, read_rows
from fairmilk.reference.geo import members
from fairmilk.reference.observations import fao_producer_price
from fairmilk.store.bulk import insert_rows
from fairmilk.store.db import transaction

EU_DATASET = "prices/eu_milk_prices_costs"
EU_ANNUAL_DATASET = "prices/eu_annual_series"
WA_DATASET = "prices/west_africa_prices"
GDT_DATASET = gdt.DATASET
FAO_PP_DATASET = "series/faostat_pp_raw_milk_of_cattle_producer_price_usd_tonne"
FAO_PP_SERIES = "local_producer_price_fao"
FAO_PP_URL = "https://www.fao.org/faostat/en/#data/PP"
FAO_PP_NOTE = (
    "FAOSTAT producer price of raw milk of cattle (annual farm-gate price), USD per tonne; "
    "dataset series/faostat_pp_raw_milk_of_cattle_producer_price_usd_tonne"
)
COLUMNS = (
    "file_id, dataset, series, geo, market, product, stage, period, period_type, year, month, "
    "value, value_low, value_high, unit, approximate, derived, synthetic, source_org, "
    "source_url, note"
)


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def _int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _yes(text: str) -> bool:
    return text.strip().lower() in ("yes", "true")


def _eu_rows(dataset: str) -> list[tuple[Any, ...]]:
    """Rows of a file in the EU layout (``prices/eu_milk_prices_costs`` and alike)."""
    synthetic = provenance(dataset).synthetic
    return [
        (
            None,
            dataset,
            r["series"],
            r["geo"],
            None,
            None,
            None,
            r["period"],
            r["period_type"],
            _int(r["year"]),
            _int(r["month"]),
            _num(r["value"]),
            _num(r["value_low"]),
            _num(r["value_high"]),
            r["unit"],
            _yes(r["approximate"]),
            _yes(r["derived"]),
            synthetic,
            r["source_org"],
            r["source_url"],
            r["note"] or None,
        )
        for r in read_rows(dataset)
    ]


def _wa_value(r: dict[str, str]) -> float | None:
    """A single published value; a range keeps value NULL (low and high are stored)."""
    if r["value_low"] and r["value_low"] == r["value_high"]:
        return float(r["value_low"])
    return None


def _wa_rows() -> list[tuple[Any, ...]]:
    synthetic = provenance(WA_DATASET).synthetic
    return [
        (
            None,
            WA_DATASET,
            f"{r['product_class']}_price",
            r["geo"],
            r["location"],
            r["product"],
            r["stage"],
            r["period"] or "undated",
            "year" if r["year"] else "undated",
            _int(r["year"]),
            None,
            _wa_value(r),
            _num(r["value_low"]),
            _num(r["value_high"]),
            r["unit"],
            _yes(r["approximate"]) or r["date_uncertain"] != "no",
            _yes(r["derived"]),
            synthetic,
            None,
            r["source_url"],
            _wa_note(r),
        )
        for r in read_rows(WA_DATASET)
    ]


def _wa_note(r: dict[str, str]) -> str:
    parts = [r["season_or_month"], r["price_stage"], r["note"]]
    if r["date_uncertain"] != "no":
        parts.insert(0, "date uncertain" if r["date_uncertain"] == "yes" else "date not given")
    return "; ".join(p for p in parts if p)


def _gdt_rows() -> list[tuple[Any, ...]]:
    """GDT auction prices: one row per product and trading event, dated by the event."""
    prov = provenance(GDT_DATASET)
    url = str(prov.extra["origin"]["url"])
    return [
        (None, GDT_DATASET, p.series, gdt.GEO, "GlobalDairyTrade auction", None, None,
         p.day.isoformat(), "event", p.day.year, p.day.month, p.value, None, None, gdt.UNIT,
         False, False, prov.synthetic, gdt.SOURCE_ORG, url, f"GDT trading event {p.event}")
        for p in gdt.gdt_prices()
    ]  # fmt: skip


def _fao_producer_rows() -> list[tuple[Any, ...]]:
    """FAOSTAT producer prices of the West African countries as local fresh-milk prices."""
    synthetic = provenance(FAO_PP_DATASET).synthetic
    west_africa = set(members("west-africa", date(2020, 1, 1)))
    return [
        (None, FAO_PP_DATASET, FAO_PP_SERIES, o.geo, "national (FAOSTAT)", "raw cow milk",
         "producer", o.period, "year", o.year, None, o.value, o.value, o.value, o.unit, False,
         False, synthetic, "FAO (FAOSTAT producer prices)", FAO_PP_URL, FAO_PP_NOTE)
        for o in fao_producer_price()
        if o.geo in west_africa and o.value is not None
    ]  # fmt: skip


def _insert(con: duckdb.DuckDBPyConnection, rows: Iterable[tuple[Any, ...]]) -> int:
    """Insert rows (tuples in the order of COLUMNS) in one statement, not row by row."""
    return insert_rows(con, "prices", [c.strip() for c in COLUMNS.split(",")], rows)


def load_price_reference(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """(Re)load the embedded price reference files; returns rows loaded per dataset."""
    with transaction(con):
        con.execute("DELETE FROM prices WHERE file_id IS NULL")
        counts = {d: _insert(con, _eu_rows(d)) for d in (EU_DATASET, EU_ANNUAL_DATASET)}
        counts[WA_DATASET] = _insert(con, _wa_rows())
        counts[GDT_DATASET] = _insert(con, _gdt_rows())
        counts[FAO_PP_DATASET] = _insert(con, _fao_producer_rows())
        return counts


def _record_row(rec: PriceRecord, file_id: str, dataset: str) -> tuple[Any, ...]:
    period_type = "month" if rec.month else "year"
    return (
        file_id,
        dataset,
        rec.series,
        rec.geo,
        rec.market,
        rec.product,
        rec.stage,
        rec.period,
        period_type,
        rec.year,
        rec.month,
        rec.value,
        rec.value_low,
        rec.value_high,
        rec.unit,
        rec.approximate,
        False,
        False,
        None,
        rec.source_url,
        rec.note,
    )


def load_price_file(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[str, int]:
    """Validate and load a user price file; returns (file_id, rows loaded; 0 if already loaded)."""
    records = read_price_file(path)  # raises InputError before anything is written
    data = path.read_bytes()
    file_id = hashlib.sha256(data).hexdigest()
    key = f"prices:{path.name}"
    if con.execute("SELECT 1 FROM source_files WHERE file_id = ?", [file_id]).fetchone():
        return file_id, 0
    started = datetime.now()
    with transaction(con):
        found = con.execute(
            "SELECT coalesce(max(vintage), 0) FROM source_files WHERE dataset_key = ?", [key]
        ).fetchone()
        vintage = int(found[0]) + 1 if found else 1
        con.execute("UPDATE source_files SET is_current = FALSE WHERE dataset_key = ?", [key])
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, layout, rows_read, rows_kept, rows_rejected, started_at, "
            "finished_at, fairmilk_version, synthetic) "
            "VALUES (?, 'prices', ?, ?, TRUE, ?, ?, 'prices-long', ?, ?, 0, ?, ?, ?, FALSE)",
            [
                file_id,
                key,
                vintage,
                path.name,
                len(data),
                len(records),
                len(records),
                started,
                datetime.now(),
                __version__,
            ],
        )
        count = _insert(con, (_record_row(r, file_id, f"user:{path.name}") for r in records))
    return file_id, count
