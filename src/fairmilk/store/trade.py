"""The one write path for trade files: idempotent, atomic loads by vintage.

A file is identified by the sha256 of its bytes. Loading the same bytes again changes
nothing ("unchanged"). A different file covering the same dataset (same source and period
coverage) becomes the new current vintage; older vintages stay in ``trade_flows`` with
``source_files.is_current = false``. Everything is written in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb

from fairmilk import __version__
from fairmilk.errors import QualityIssue
from fairmilk.ingest.layouts import Layout, Source
from fairmilk.ingest.prepare import Prepared, prepared
from fairmilk.ingest.scan import STAGE, Progress
from fairmilk.ingest.validate import code_key, lookup, stored_condition
from fairmilk.store.db import transaction

Status = Literal["loaded", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: which vintage of which dataset, and how many rows."""

    file_id: str
    file_name: str
    dataset_key: str
    vintage: int
    status: Status
    layout: str
    rows_read: int
    rows_kept: int
    rows_rejected: int
    synthetic: bool
    issues: list[QualityIssue] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def ingest_file(
    con: duckdb.DuckDBPyConnection,
    path: Path | str,
    *,
    source: Source,
    synthetic: bool = False,
    progress: Progress | None = None,
    key: str | None = None,
) -> IngestReport:
    """Load one Comext or Comtrade file into the store (all of it, or nothing).

    ``key`` names the dataset when the caller knows it better than the rows do (an API
    extract of some partners is not a revision of a whole bulk file).
    """
    started = _now()
    synthetic = synthetic or "synthetic" in Path(path).name.lower()
    with prepared(con, Path(path), source=source, progress=progress) as prep:
        previous = _already_loaded(con, prep.digest.sha256)
        if previous is not None:
            return previous
        key = key or dataset_key(con, prep.layout)
        if progress is not None:
            progress("write", None)
        with transaction(con):
            vintage, replaced = _next_vintage(con, key)
            _insert_source(con, prep, key, vintage, started, synthetic=synthetic)
            _insert_flows(con, prep)
            _insert_issues(con, prep)
    return IngestReport(
        file_id=prep.digest.sha256,
        file_name=Path(path).name,
        dataset_key=key,
        vintage=vintage,
        status="replaced" if replaced else "loaded",
        layout=prep.layout.id,
        rows_read=prep.digest.data_lines,
        rows_kept=prep.rows_kept,
        rows_rejected=prep.rows_rejected,
        synthetic=synthetic,
        issues=prep.issues,
    )


def _already_loaded(con: duckdb.DuckDBPyConnection, sha: str) -> IngestReport | None:
    row = con.execute(
        "SELECT file_id, file_name, dataset_key, vintage, layout, rows_read, rows_kept, "
        "rows_rejected, synthetic FROM source_files WHERE file_id = ?",
        [sha],
    ).fetchone()
    if row is None:
        return None
    issues = [
        QualityIssue(file=row[1], line=r[0], column=r[1], kind=r[2], message=r[3], count=r[4])
        for r in con.execute(
            "SELECT line, column_name, kind, message, count FROM quality_issues "
            "WHERE file_id = ? ORDER BY kind",
            [sha],
        ).fetchall()
    ]
    return IngestReport(
        file_id=row[0],
        file_name=row[1],
        dataset_key=row[2],
        vintage=row[3],
        status="unchanged",
        layout=row[4] or "",
        rows_read=row[5] or 0,
        rows_kept=row[6] or 0,
        rows_rejected=row[7] or 0,
        synthetic=bool(row[8]),
        issues=issues,
    )


def dataset_key(con: duckdb.DuckDBPyConnection, layout: Layout) -> str:
    """What the stored rows cover: source, periods (and for Comtrade reporters and flows)."""
    row = con.execute(
        f"SELECT min(period), max(period), "
        f"string_agg(DISTINCT {lookup(layout.reporter_codes, 'reporter')}, '+' ORDER BY 1), "
        f"string_agg(DISTINCT {_flow_sql(layout)}, '+' ORDER BY 1), "
        f"string_agg(DISTINCT left(product, 4), '+' ORDER BY 1) "
        f"FROM {STAGE} WHERE {stored_condition(layout)}"
    ).fetchone()
    if row is None or row[0] is None:
        return f"{layout.source}:no-dairy-rows"
    low, high = str(row[0]), str(row[1])
    if low.endswith("52") and len(low) == 6 and low == high:
        periods = low[:4]
    else:
        periods = low if low == high else f"{low}-{high}"
    if layout.source == "comext":
        return f"comext:{periods}"
    return f"comtrade:{row[2]}:{periods}:{row[3]}:{row[4]}"


def _next_vintage(con: duckdb.DuckDBPyConnection, key: str) -> tuple[int, bool]:
    row = con.execute(
        "SELECT coalesce(max(vintage), 0) FROM source_files WHERE dataset_key = ?", [key]
    ).fetchone()
    last = int(row[0]) if row else 0
    con.execute("UPDATE source_files SET is_current = false WHERE dataset_key = ?", [key])
    return last + 1, last > 0


def _insert_source(
    con: duckdb.DuckDBPyConnection,
    prep: Prepared,
    key: str,
    vintage: int,
    started: datetime,
    *,
    synthetic: bool,
) -> None:
    con.execute(
        "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, file_name, "
        "size_bytes, layout, rows_read, rows_kept, rows_rejected, started_at, finished_at, "
        "fairmilk_version, synthetic) VALUES (?, ?, ?, ?, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            prep.digest.sha256,
            prep.layout.source,
            key,
            vintage,
            prep.path.name,
            prep.digest.size,
            prep.layout.id,
            prep.digest.data_lines,
            prep.rows_kept,
            prep.rows_rejected,
            started,
            _now(),
            __version__,
            synthetic,
        ],
    )


def _flow_sql(layout: Layout) -> str:
    imports = ", ".join(f"'{f}'" for f in layout.import_flows)
    return f"CASE WHEN flow IN ({imports}) THEN 'import' ELSE 'export' END"


def _partner_sql(layout: Layout) -> str:
    known = lookup(layout.partner_codes, "partner")
    raw = "coalesce(nullif(trim(partner), ''), trim(partner_code), '?')"
    shown = code_key(layout.partner_codes, "partner") if layout.partner_codes == "m49" else raw
    return f"coalesce({known}, 'X:' || coalesce({shown}, {raw}))"


def _insert_flows(con: duckdb.DuckDBPyConnection, prep: Prepared) -> None:
    layout = prep.layout
    eur = layout.currency == "EUR"
    value = "CAST(value AS DOUBLE)"
    con.execute(
        f"""
        INSERT INTO trade_flows
        SELECT ?, '{layout.source}', {lookup(layout.reporter_codes, "reporter")},
               {_partner_sql(layout)}, product, '{layout.code_system}', {_flow_sql(layout)},
               CAST(left(period, 4) AS SMALLINT),
               CASE WHEN length(period) = 6 AND substr(period, 5) <> '52'
                    THEN CAST(substr(period, 5) AS TINYINT) END,
               {value if eur else "NULL"}, {"NULL" if eur else value},
               CAST(quantity_kg AS DOUBLE), supp_unit, CAST(supp_quantity AS DOUBLE),
               stat_regime, flag
        FROM {STAGE} WHERE {stored_condition(layout)} ORDER BY rowid
        """,
        [prep.digest.sha256],
    )


def _insert_issues(con: duckdb.DuckDBPyConnection, prep: Prepared) -> None:
    if prep.issues:
        con.executemany(
            "INSERT INTO quality_issues VALUES (?, ?, ?, ?, ?, ?)",
            [
                [prep.digest.sha256, i.line, i.column, i.kind, i.message, i.count]
                for i in prep.issues
            ],
        )


SOURCE_COLUMNS = [
    "dataset_key",
    "vintage",
    "is_current",
    "source",
    "file_name",
    "layout",
    "size_bytes",
    "rows_read",
    "rows_kept",
    "rows_rejected",
    "synthetic",
    "finished_at",
    "licence",
    "url",
    "file_id",
]


def list_sources(
    con: duckdb.DuckDBPyConnection, *, vintages: bool = False, source: str | None = None
) -> tuple[list[str], list[tuple[object, ...]]]:
    """The loaded files, trade and reference (current vintages, or all): columns, rows."""
    where = "TRUE" if vintages else "is_current"
    params: list[str] = []
    if source is not None:
        where += " AND source = ?"
        params.append(source)
    rows = con.execute(
        f"SELECT {', '.join(SOURCE_COLUMNS)} FROM source_files "
        f"WHERE {where} ORDER BY source, dataset_key, vintage",
        params,
    ).fetchall()
    return list(SOURCE_COLUMNS), rows


QUALITY_COLUMNS = ["file_name", "kind", "count", "line", "column_name", "message"]


def list_quality(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[object, ...]]]:
    """The data-quality issues of the current vintages, by file and kind: columns, rows."""
    rows = con.execute(
        "SELECT f.file_name, q.kind, q.count, q.line, q.column_name, q.message "
        "FROM quality_issues q JOIN source_files f USING (file_id) "
        "WHERE f.is_current ORDER BY f.file_name, q.kind"
    ).fetchall()
    return list(QUALITY_COLUMNS), rows
