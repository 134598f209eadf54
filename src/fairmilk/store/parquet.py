"""The tables the indicators and simulators read, written as Parquet for another engine.

``fairmilk export parquet DIR`` writes one ``<table>.parquet`` file per table of
ENGINE_TABLES; ``--engine spark --data DIR`` (see ``fairmilk.store.engines``) reads them
back. The current-vintage views are not written: every engine builds them from their one Ibis
definition (``fairmilk.store.current``). The register's tables (contributors, moderation)
are never exported.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import uuid4

from fairmilk.errors import StoreError

if TYPE_CHECKING:
    import duckdb

# Every table an indicator or simulator reads (tests/store/test_parquet.py holds it).
ENGINE_TABLES = (
    "trade_flows",
    "source_files",
    "ref_products",
    "ref_categories",
    "ref_memberships",
    "observations",
    "prices",
)


def table_file(folder: Path, table: str) -> Path:
    """Where ``table`` lives in a Parquet folder."""
    return folder / f"{table}.parquet"


@dataclass(frozen=True, slots=True)
class ParquetExport:
    """What was written: rows per table, and whether any of it is synthetic demo data."""

    rows: dict[str, int]
    synthetic: bool


def export_parquet(con: duckdb.DuckDBPyConnection, folder: Path) -> ParquetExport:
    """Write every table of ENGINE_TABLES to ``folder`` as Parquet files.

    The files are written to a scratch folder first and moved in together at the end, so a
    failure leaves the folder as it was.
    """
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: expected a folder for the Parquet files, found a file")
    folder.mkdir(parents=True, exist_ok=True)
    scratch = folder / f".partial-{uuid4().hex}"
    scratch.mkdir()
    try:
        counts = {}
        for table in ENGINE_TABLES:
            target = str(table_file(scratch, table)).replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
            found = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = int(found[0]) if found else 0
        for table in ENGINE_TABLES:
            os.replace(table_file(scratch, table), table_file(folder, table))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    flags = con.execute(
        "SELECT (SELECT bool_or(synthetic) FROM source_files WHERE is_current), "
        "(SELECT bool_or(synthetic) FROM prices)"
    ).fetchone()
    return ParquetExport(counts, any(bool(f) for f in flags or ()))
