"""Synthetic never mixes with real: the synthetic sample of a source retires for real data.

The first real (not synthetic) trade file of a source sets ``is_current = false`` on every
current synthetic file of that source and records why in ``retired_by``. The retired files
stay in the store; ``trade_current`` (current vintages only) no longer shows them. A
synthetic file loaded while real data of its source is current is stored retired.
"""

from __future__ import annotations

import duckdb

from fairmilk.ingest.literals import sql_string

NO_DEMO = "build --no-demo"


def first_real_file(con: duckdb.DuckDBPyConnection, source: str) -> str | None:
    """The file id of the first current real trade file of ``source``, or None."""
    row = con.execute(
        f"SELECT file_id FROM source_files WHERE source = {sql_string(source)} "
        "AND NOT synthetic AND is_current ORDER BY started_at, file_id LIMIT 1"
    ).fetchone()
    return str(row[0]) if row else None


def retire_synthetic(con: duckdb.DuckDBPyConnection, source: str, *, by: str) -> list[str]:
    """Retire the current synthetic files of ``source``; the names of the files retired."""
    rows = con.execute(
        f"UPDATE source_files SET is_current = false, retired_by = {sql_string(by)} "
        f"WHERE source = {sql_string(source)} AND synthetic AND is_current RETURNING file_name"
    ).fetchall()
    return sorted(str(r[0]) for r in rows)


def restore_synthetic(con: duckdb.DuckDBPyConnection, source: str) -> list[str]:
    """Bring back the retired synthetic files of ``source`` while it has no real data."""
    if first_real_file(con, source) is not None:
        return []
    rows = con.execute(
        "UPDATE source_files SET is_current = true, retired_by = NULL "
        "WHERE source = ? AND synthetic AND retired_by IS NOT NULL RETURNING file_name",
        [source],
    ).fetchall()
    return sorted(str(r[0]) for r in rows)
