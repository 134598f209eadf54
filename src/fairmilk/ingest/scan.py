"""Scan a trade file with DuckDB: keep only the dairy rows, as text, in a staging table.

The scan is one ``read_csv`` over the file with explicit VARCHAR columns (no type
sniffing), and a WHERE clause on the product code that DuckDB applies while it reads:
first the four-digit heading (cheap), then the exact dairy prefixes. Nothing is converted
yet; validation runs in SQL on the few rows kept.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

from fairmilk.errors import InputError
from fairmilk.ingest.codes import headings
from fairmilk.ingest.layouts import FLOW_WORDS, STAGE_COLUMNS, Layout, Source, layouts_for
from fairmilk.ingest.opening import Compression, Header

STAGE = "fm_stage"
AS_PUBLISHED = ("value", "quantity_kg", "supp_unit", "supp_quantity")  # staged untouched
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


def confidential_stems(prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The digit stems of a confidential code (``04XXXXXX``) that may hide a dairy product."""
    # A chapter, heading or subheading (2, 4 or 6 digits), as in validate.HIDDEN.
    return tuple(sorted({p[:k] for p in prefixes for k in (2, 4, 6) if k <= len(p)}))


def keep_condition(layout: Layout, prefixes: tuple[str, ...]) -> str:
    """The WHERE clause that keeps dairy rows (and, for Comtrade, total rows only).

    Confidential product codes whose digits may hide a dairy product (``04XXXXXX``,
    ``1901XXXX``) are kept too: they are counted in the quality report, not stored.
    """
    product = ident(layout.columns["product"])
    # The first four characters first (cheap): a dairy heading, or a chapter then XX.
    chapters = sorted({p[:2] + "XX" for p in prefixes})
    heads = heading_ranges(product, (*headings(prefixes), *chapters))
    exact = " OR ".join(f"starts_with({product}, {literal(p)})" for p in prefixes)
    stems = ", ".join(literal(p) for p in confidential_stems(prefixes))
    # list_contains, not IN: DuckDB turns a long IN list into a join that every row of the
    # file goes through (about 15 % of the scan's CPU); list_contains runs only on the
    # rows the conditions before it leave (codes with an X).
    hidden = f"(contains({product}, 'X') AND list_contains([{stems}], rtrim({product}, 'X')))"
    parts = [heads, f"({exact} OR {hidden})"]
    for name, accepted in layout.extra_filter:
        values = ", ".join(literal(v) for v in accepted)
        parts.append(f"coalesce({ident(name)}, '') IN ({values})")
    return " AND ".join(parts)


def heading_ranges(column: str, heads: tuple[str, ...]) -> str:
    """``left(column, 4) IN heads`` as ranges of byte-wise string comparisons (cheaper).

    A text starts with the ASCII ``h`` exactly when ``h <= text < h'``, ``h'`` being ``h``
    with its last character one higher; consecutive headings (0401 to 0406) share a range.
    """
    ranges: list[list[str]] = []
    for head in sorted(set(heads)):
        if not head.isascii() or not head:
            raise ValueError(f"a heading must be ASCII text: {head!r}")
        after = head[:-1] + chr(ord(head[-1]) + 1)
        if ranges and ranges[-1][1] == head:
            ranges[-1][1] = after
        else:
            ranges.append([head, after])
    tests = [f"({column} >= {literal(low)} AND {column} < {literal(high)})" for low, high in ranges]
    return "(" + " OR ".join(tests or ["false"]) + ")"


def normalised(column: str, system: str) -> str:
    """A code as compared and stored: trimmed, upper case; numeric codes without leading zeros.

    ``FR``, ``fr`` and `` FR`` are one code; so are Comtrade ``686`` and ``0686``.
    """
    text = f"upper(trim({column}))"
    if system != "m49":
        return text
    return f"coalesce(CAST(TRY_CAST({text} AS BIGINT) AS VARCHAR), {text})"


def _flow(layout: Layout, header: Header) -> str:
    code = f"upper(trim({ident(layout.columns['flow'])}))"
    if not layout.flow_text or layout.flow_text not in header.names:
        return code
    text = f"upper(trim({ident(layout.flow_text)}))"
    words = " ".join(
        f"WHEN {text} IN ({', '.join(literal(w) for w in names)}) THEN {literal(flow)}"
        for flow, names in FLOW_WORDS.items()
    )
    by_text = f"CASE {words} ELSE {text} END"
    return f"CASE WHEN coalesce({code}, '') IN ('', '0') THEN {by_text} ELSE {code} END"


def _code_in_python(raw: str, system: str) -> str:
    """``normalised`` in Python: the staged value of a non-empty code cell."""
    text = raw.strip().upper()
    if system == "m49" and text.lstrip("+-").isdigit() and "_" not in text:
        return str(int(text))
    return text


def _flow_in_python(cells: dict[str, str], layout: Layout) -> str | None:
    """``_flow`` in Python: the staged flow of a row."""
    code = cells.get(layout.columns["flow"], "")
    mapped = code.strip().upper() if code else None
    if not layout.flow_text or layout.flow_text not in cells or (mapped or "") not in ("", "0"):
        return mapped
    text = cells[layout.flow_text].strip().upper() if cells[layout.flow_text] else None
    for flow, names in FLOW_WORDS.items():
        if text in names:
            return flow
    return text


def staged_key(
    cells: dict[str, str], layout: Layout, names: tuple[str, ...]
) -> tuple[str | None, ...]:
    """The staged values of ``names`` (staging columns) of one parsed row, as the scan stages.

    Used to find a staged row's line in the file: the staged order need not be file order
    (DuckDB reads in parallel), the values are the same.
    """
    codes = {
        "reporter": layout.reporter_codes,
        "partner": layout.partner_codes,
        "partner_code": layout.partner_codes,
    }
    out: list[str | None] = []
    for col in names:
        src = layout.columns.get(col, "")
        raw = cells.get(src, "") if src else ""
        if col == "flow":
            out.append(_flow_in_python(cells, layout))
        elif not raw:
            out.append(None)
        elif col in AS_PUBLISHED:
            out.append(raw)
        elif col in codes:
            out.append(_code_in_python(raw, codes[col]))
        else:
            out.append(raw.strip().upper())
    return tuple(out)


def _select_list(layout: Layout, header: Header) -> str:
    codes = {
        "reporter": layout.reporter_codes,
        "partner": layout.partner_codes,
        "partner_code": layout.partner_codes,
    }
    items = []
    for col in STAGE_COLUMNS:
        src = layout.columns.get(col, "")
        if not src:
            items.append(f"NULL::VARCHAR AS {col}")
        elif col == "flow":
            items.append(f"{_flow(layout, header)} AS flow")
        elif col in codes:
            items.append(f"{normalised(ident(src), codes[col])} AS {col}")
        elif col in AS_PUBLISHED:
            items.append(f"{ident(src)} AS {col}")
        else:
            items.append(f"upper(trim({ident(src)})) AS {col}")
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
        f"encoding = {literal(header.encoding)}, null_padding = false, strict_mode = true)"
    )


def stage_sql(
    path: Path, header: Header, compression: Compression, layout: Layout, prefixes: tuple[str, ...]
) -> str:
    """The statement that fills the staging table with the kept rows, in file order."""
    return (
        f"CREATE OR REPLACE TEMP TABLE {STAGE} AS SELECT {_select_list(layout, header)} "
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


def profile_scans(con: duckdb.DuckDBPyConnection) -> None:
    """Make DuckDB keep, silently, the row counts of the operators of each query."""
    con.execute("SET enable_profiling = 'no_output'; SET profiling_mode = 'standard'")


def rows_read(con: duckdb.DuckDBPyConnection) -> int | None:
    """The rows the last query's ``read_csv`` read (all rows of the file, kept or not).

    Taken from DuckDB's profile of the query (see :func:`profile_scans`); None when the
    profile holds no ``read_csv`` count (then the caller counts the lines itself).
    """
    try:
        tree = json.loads(con.get_profiling_information(format="json"))
    except (duckdb.Error, ValueError, AttributeError):
        return None
    counts = list(_csv_reads(tree))
    return counts[0] if len(counts) == 1 else None


def _csv_reads(node: object) -> Iterator[int]:
    if not isinstance(node, dict):
        return
    name = node.get("operator_name") or node.get("operator_type") or ""
    count = node.get("operator_cardinality")
    if str(name).strip().upper() == "READ_CSV" and isinstance(count, int):
        yield count
    for child in node.get("children") or ():
        yield from _csv_reads(child)
