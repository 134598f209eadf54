"""Scan a trade file with DuckDB: keep only the dairy rows, as text, in a staging table.

The scan is one ``read_csv`` over the file with explicit VARCHAR columns (no type
sniffing), and a WHERE clause on the product code that DuckDB applies while it reads:
first the four-digit heading (cheap), then the exact dairy prefixes. Nothing is converted
yet; validation runs in SQL on the few rows kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import duckdb

from fairmilk.errors import InputError
from fairmilk.ingest.codes import headings
from fairmilk.ingest.layouts import STAGE_COLUMNS, Layout, Source, layouts_for
from fairmilk.ingest.opening import Compression, Header

STAGE = "fm_stage"
Progress = Callable[[str, float | None], None]


def ident(name: str) -> str:
    """A SQL identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A SQL string literal, single-quoted."""
    return "'" + text.replace("'", "''") + "'"


def detect_layout(header: Header, source: Source, *, shown: str) -> Layout:
    """The first layout of ``source`` whose header names all appear in the file's header."""
    names = set(header.names)
    candidates = layouts_for(source)
    for layout in candidates:
        if set(layout.required()) <= names:
            return layout
    closest = min(candidates, key=lambda lay: len(set(lay.required()) - names))
    missing = sorted(set(closest.required()) - names)
    raise InputError(
        f"header does not match any {source} layout",
        file=shown,
        line=1,
        column=missing[0],
        expected=f"the {closest.id} columns ({', '.join(missing)} missing)",
        found=",".join(header.names[:8]) + (",..." if len(header.names) > 8 else ""),
    )


def keep_condition(layout: Layout, prefixes: tuple[str, ...]) -> str:
    """The WHERE clause that keeps dairy rows (and, for Comtrade, total rows only)."""
    product = ident(layout.columns["product"])
    heads = ", ".join(literal(h) for h in headings(prefixes))
    exact = " OR ".join(f"starts_with({product}, {literal(p)})" for p in prefixes)
    parts = [f"left({product}, 4) IN ({heads})", f"({exact})"]
    for name, accepted in layout.extra_filter:
        values = ", ".join(literal(v) for v in accepted)
        parts.append(f"coalesce({ident(name)}, '') IN ({values})")
    return " AND ".join(parts)


def _select_list(layout: Layout) -> str:
    items = []
    for col in STAGE_COLUMNS:
        src = layout.columns.get(col, "")
        items.append(f"{ident(src) if src else 'NULL::VARCHAR'} AS {col}")
    if layout.flag_columns:
        flags = ", ".join(f"{literal(c + '=')} || {ident(c)}" for c in layout.flag_columns)
        items.append(f"nullif(concat_ws(';', {flags}), '') AS flag")
    else:
        items.append("NULL::VARCHAR AS flag")
    return ", ".join(items)


def read_csv_call(path: Path, header: Header, compression: Compression) -> str:
    """The ``read_csv`` call for the file: every column VARCHAR, no sniffing."""
    columns = ", ".join(f"{literal(n)}: 'VARCHAR'" for n in header.names)
    return (
        f"read_csv({literal(str(path))}, header = true, auto_detect = false, "
        f"delim = {literal(header.delimiter)}, quote = '\"', escape = '\"', "
        f"columns = {{{columns}}}, compression = {literal(compression)}, "
        "null_padding = false, strict_mode = true)"
    )


def stage_sql(
    path: Path, header: Header, compression: Compression, layout: Layout, prefixes: tuple[str, ...]
) -> str:
    """The statement that fills the staging table with the kept rows, in file order."""
    return (
        f"CREATE OR REPLACE TEMP TABLE {STAGE} AS SELECT {_select_list(layout)} "
        f"FROM {read_csv_call(path, header, compression)} "
        f"WHERE {keep_condition(layout, prefixes)}"
    )


def run_with_progress(
    con: duckdb.DuckDBPyConnection, sql: str, progress: Progress | None, label: str
) -> None:
    """Execute ``sql``; meanwhile report DuckDB's query progress to ``progress``."""
    if progress is None:
        con.execute(sql)
        return
    done = threading.Event()

    def poll() -> None:
        while not done.wait(0.25):
            try:
                value = con.query_progress()
            except duckdb.Error:
                continue
            if value >= 0:
                progress(label, min(value / 100.0, 1.0))

    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    try:
        con.execute(sql)
    finally:
        done.set()
        watcher.join()
    progress(label, 1.0)
