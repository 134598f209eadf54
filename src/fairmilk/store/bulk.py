"""Insert many Python rows into a store table, through a temporary CSV file.

Binding Python values, or registering an Arrow table, makes DuckDB's Python client import
pandas (and the Arrow path pyarrow): about half a second that making a new store does not
need. The rows are written as CSV instead and read back by DuckDB with the table's own
column types: every text quoted (so an empty text stays a text), NULL as an unquoted
``\\N`` (a quoted ``"\\N"`` stays the text), a float as Python's ``repr`` (read back as the
same double), dates and times in ISO 8601.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

import duckdb

from fairmilk.ingest.literals import sql_string
from fairmilk.ingest.scan import ident

NULL = "\\N"


def insert_rows(
    con: duckdb.DuckDBPyConnection,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
) -> int:
    """Insert ``rows`` (values in the order of ``columns``) into ``table``; the rows inserted."""
    types = {
        name: kind
        for _cid, name, kind, *_ in con.execute(f"PRAGMA table_info('{table}')").fetchall()
    }
    missing = [c for c in columns if c not in types]
    if missing:
        raise ValueError(f"table {table} has no column {', '.join(missing)}")
    handle, name = tempfile.mkstemp(prefix="fairmilk-rows-", suffix=".csv")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            count = 0
            for row in rows:
                out.write(",".join(field(v) for v in row) + "\n")
                count += 1
        if count:
            con.execute(_insert_sql(table, columns, types, path))
        return count
    finally:
        path.unlink(missing_ok=True)


def _insert_sql(table: str, columns: Sequence[str], types: dict[str, str], path: Path) -> str:
    quoted = ", ".join(ident(c) for c in columns)
    typed = ", ".join(f"{sql_string(c)}: {sql_string(types[c])}" for c in columns)
    return (
        f"INSERT INTO {ident(table)} ({quoted}) SELECT * FROM read_csv({sql_string(str(path))}, "
        f"header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"', "
        "new_line = '\\n', "
        f"nullstr = {sql_string(NULL)}, allow_quoted_nulls = false, columns = {{{typed}}}, "
        "strict_mode = true, parallel = false)"
    )


def field(value: object) -> str:
    """One CSV field as :func:`insert_rows` writes it."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)
    if isinstance(value, str):
        if "\0" in value:
            raise ValueError("a text to store cannot hold a NUL character")
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            raise TypeError(f"store times are naive UTC, not {value!r}")
        return '"' + value.isoformat(sep=" ") + '"'
    if isinstance(value, date):
        return '"' + value.isoformat() + '"'
    raise TypeError(f"no CSV field for {type(value).__name__} {value!r}")
