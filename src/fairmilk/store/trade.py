"""The one write path for trade files: idempotent, atomic loads by vintage.

A file is identified by the sha256 of its bytes. Loading the same bytes again changes
nothing ("unchanged"). A file that covers every reporter/period/flow cell of loaded files
becomes their new current vintage (``fairmilk.store.revisions``); older vintages stay in
``trade_flows`` with ``source_files.is_current = false``. A real file retires the synthetic
sample of its source (``fairmilk.store.retirement``). Everything is written in one
transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb

from fairmilk import __version__
from fairmilk.errors import QualityIssue
from fairmilk.ingest.known import KnownFile
from fairmilk.ingest.layouts import Layout, Source
from fairmilk.ingest.literals import sql_row, sql_string, sql_strings
from fairmilk.ingest.prepare import Prepared, prepared
from fairmilk.ingest.scan import STAGE, Progress
from fairmilk.ingest.validate import code_key, lookup, stored_condition
from fairmilk.store.db import transaction
from fairmilk.store.retirement import first_real_file, retire_synthetic
from fairmilk.store.revisions import check_revision, overlaps, same_key

Status = Literal["loaded", "unchanged", "replaced"]
MAX_NAMED = 3  # a Comext key names up to this many reporters, and counts more
SYNTHETIC_KEY = ":synthetic"  # synthetic files never share a dataset (or vintages) with real ones


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did: which vintage of which dataset, and how many rows."""

    file_id: str
    file_name: str
    source: str
    dataset_key: str
    vintage: int
    status: Status
    layout: str
    rows_read: int
    rows_kept: int
    rows_rejected: int
    synthetic: bool
    issues: list[QualityIssue] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)  # synthetic files this load retired
    replaced: list[str] = field(default_factory=list)  # files this load revised
    current: bool = True  # False: a synthetic file stored retired (real data is loaded)


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
    before_write: Callable[[], None] | None = None,
) -> IngestReport:
    """Load one Comext or Comtrade file into the store (all of it, or nothing).

    ``key`` names the dataset when the caller knows it better than the rows do (an API
    extract of some partners is not a revision of a whole bulk file): such a file revises
    only the current files of the same key. ``before_write`` is called once the file is read
    and checked, before anything is written (the command line waits there for the reference
    data loading meanwhile).
    """
    started = _now()
    synthetic = synthetic or "synthetic" in Path(path).name.lower()
    try:
        with prepared(
            con, Path(path), source=source, progress=progress, known=_loaded_ids(con)
        ) as prep:
            return _load(
                con,
                prep,
                started=started,
                source=source,
                synthetic=synthetic,
                progress=progress,
                key=key,
                before_write=before_write,
            )
    except KnownFile as known:  # the same bytes as a loaded file: read no further
        report = _already_loaded(con, known.sha256)
        if report is None:  # pragma: no cover - the ids were read from the store above
            raise
        return report


def _loaded_ids(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    """The ids (sha256) of every file the store holds."""
    return frozenset(r[0] for r in con.execute("SELECT file_id FROM source_files").fetchall())


def _load(
    con: duckdb.DuckDBPyConnection,
    prep: Prepared,
    *,
    started: datetime,
    source: Source,
    synthetic: bool,
    progress: Progress | None,
    key: str | None,
    before_write: Callable[[], None] | None,
) -> IngestReport:
    previous = _already_loaded(con, prep.digest.sha256)
    if previous is not None:
        return previous
    by_key = key is not None
    if key is None:
        key = dataset_key(con, prep.layout, file_id=prep.digest.sha256)
        key += SYNTHETIC_KEY if synthetic else ""
    if progress is not None:
        progress("write", None)
    if before_write is not None:
        before_write()
    return _write(con, prep, key, started, source=source, synthetic=synthetic, by_key=by_key)


def _write(
    con: duckdb.DuckDBPyConnection,
    prep: Prepared,
    key: str,
    started: datetime,
    *,
    source: Source,
    synthetic: bool,
    by_key: bool = False,
) -> IngestReport:
    """Write a prepared file in one transaction: its rows, issues, vintage and retirements."""
    with transaction(con):
        real = first_real_file(con, source) if synthetic else None
        _insert_source(con, prep, key, started, synthetic=synthetic, retired_by=real)
        _insert_flows(con, prep)
        _insert_issues(con, prep)
        vintage, replaced = _revise(
            con, prep, key, source=source, synthetic=synthetic, by_key=by_key
        )
        retired = [] if synthetic else retire_synthetic(con, source, by=prep.digest.sha256)
    return IngestReport(
        file_id=prep.digest.sha256,
        file_name=prep.path.name,
        source=source,
        dataset_key=key,
        vintage=vintage,
        status="replaced" if replaced else "loaded",
        replaced=replaced,
        layout=prep.layout.id,
        rows_read=prep.rows_read,
        rows_kept=prep.rows_kept,
        rows_rejected=prep.rows_rejected,
        synthetic=synthetic,
        issues=prep.issues,
        retired=retired,
        current=real is None,
    )


def _already_loaded(con: duckdb.DuckDBPyConnection, sha: str) -> IngestReport | None:
    # Values are written as literals, never bound: see fairmilk.ingest.literals.
    row = con.execute(
        "SELECT file_id, file_name, dataset_key, vintage, layout, rows_read, rows_kept, "
        f"rows_rejected, synthetic, is_current, source FROM source_files "
        f"WHERE file_id = {sql_string(sha)}"
    ).fetchone()
    if row is None:
        return None
    issues = [
        QualityIssue(row[1], r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7])
        for r in con.execute(
            "SELECT line, column_name, kind, message, count, quantity_kg, value, currency "
            f"FROM quality_issues WHERE file_id = {sql_string(sha)} ORDER BY kind"
        ).fetchall()
    ]
    return IngestReport(
        file_id=row[0],
        file_name=row[1],
        source=row[10],
        dataset_key=row[2],
        vintage=row[3],
        status="unchanged",
        layout=row[4] or "",
        rows_read=row[5] or 0,
        rows_kept=row[6] or 0,
        rows_rejected=row[7] or 0,
        synthetic=bool(row[8]),
        issues=issues,
        current=bool(row[9]),
    )


def dataset_key(con: duckdb.DuckDBPyConnection, layout: Layout, *, file_id: str) -> str:
    """What the stored rows cover: source, reporter scope, periods (Comtrade: flows, HS4).

    A file without dairy rows is a dataset of its own (its key holds its file id), so that
    such files never become vintages of each other.
    """
    row = con.execute(
        f"SELECT min(period), max(period), "
        f"string_agg(DISTINCT {lookup(layout.reporter_codes, 'reporter')}, '+' ORDER BY 1), "
        f"string_agg(DISTINCT {_flow_sql(layout)}, '+' ORDER BY 1), "
        f"string_agg(DISTINCT left(product, 4), '+' ORDER BY 1) "
        f"FROM {STAGE} WHERE {stored_condition(layout)}"
    ).fetchone()
    if row is None or row[0] is None:
        return f"{layout.source}:no-dairy-rows:{file_id[:12]}"
    low, high = str(row[0]), str(row[1])
    if low.endswith("52") and len(low) == 6 and low == high:
        periods = low[:4]
    else:
        periods = low if low == high else f"{low}-{high}"
    reporters = str(row[2]).split("+")
    if layout.source == "comext":
        scope = row[2] if len(reporters) <= MAX_NAMED else f"{len(reporters)}-reporters"
        return f"comext:{scope}:{periods}"
    return f"comtrade:{row[2]}:{periods}:{row[3]}:{row[4]}"


def _revise(
    con: duckdb.DuckDBPyConnection,
    prep: Prepared,
    key: str,
    *,
    source: str,
    synthetic: bool,
    by_key: bool = False,
) -> tuple[int, list[str]]:
    """Make the new file the current revision of the files it covers; its vintage, and them.

    The vintage counts on from the highest vintage of its dataset key and of the files it
    replaces. InputError (and nothing written) when it covers a loaded file only in part.
    With ``by_key`` (a key given by the caller) it replaces the current files of its key.
    """
    sha = prep.digest.sha256
    if by_key:
        found = same_key(con, sha, key)
    else:
        found = overlaps(con, sha, source=source, synthetic=synthetic)
        if not synthetic:  # synthetic demonstration files may overlap in part (labelled)
            check_revision(found, shown=prep.shown)
        found = [o for o in found if o.covered == o.cells]
    ids = [o.file_id for o in found]
    row = con.execute(
        f"SELECT coalesce(max(vintage), 0) FROM source_files WHERE file_id <> {sql_string(sha)} "
        f"AND (dataset_key = {sql_string(key)} OR list_contains({sql_strings(ids)}, file_id))"
    ).fetchone()
    vintage = (int(row[0]) if row else 0) + 1
    con.execute(
        "UPDATE source_files SET is_current = false "
        f"WHERE list_contains({sql_strings(ids)}, file_id)"
    )
    con.execute(f"UPDATE source_files SET vintage = {vintage:d} WHERE file_id = {sql_string(sha)}")
    return vintage, sorted(o.file_name for o in found)


def _insert_source(
    con: duckdb.DuckDBPyConnection,
    prep: Prepared,
    key: str,
    started: datetime,
    *,
    synthetic: bool,
    retired_by: str | None,
) -> None:
    con.execute(
        "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, file_name, "
        "size_bytes, layout, rows_read, rows_kept, rows_rejected, started_at, finished_at, "
        "fairmilk_version, synthetic, retired_by) VALUES "
        + sql_row(
            [
                prep.digest.sha256,
                prep.layout.source,
                key,
                0,  # set by _revise once the file's coverage is known
                retired_by is None,
                prep.path.name,
                prep.digest.size,
                prep.layout.id,
                prep.rows_read,
                prep.rows_kept,
                prep.rows_rejected,
                started,
                _now(),
                __version__,
                synthetic,
                retired_by,
            ]
        )
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
        SELECT {sql_string(prep.digest.sha256)}, '{layout.source}',
               {lookup(layout.reporter_codes, "reporter")},
               {_partner_sql(layout)}, product, '{layout.code_system}', {_flow_sql(layout)},
               CAST(left(period, 4) AS SMALLINT),
               CASE WHEN length(period) = 6 AND substr(period, 5) <> '52'
                    THEN CAST(substr(period, 5) AS TINYINT) END,
               {value if eur else "NULL"}, {"NULL" if eur else value},
               CAST(quantity_kg AS DOUBLE), supp_unit, CAST(supp_quantity AS DOUBLE),
               stat_regime, flag
        FROM {STAGE} WHERE {stored_condition(layout)} ORDER BY rowid
        """
    )


def _insert_issues(con: duckdb.DuckDBPyConnection, prep: Prepared) -> None:
    if prep.issues:
        rows = ", ".join(
            sql_row(
                [
                    prep.digest.sha256,
                    i.line,
                    i.column,
                    i.kind,
                    i.message,
                    i.count,
                    i.quantity_kg,
                    i.value,
                    i.currency,
                ]
            )
            for i in prep.issues
        )
        con.execute(
            "INSERT INTO quality_issues (file_id, line, column_name, kind, message, count, "
            f"quantity_kg, value, currency) VALUES {rows}"
        )


SOURCE_COLUMNS = [
    "dataset_key",
    "vintage",
    "is_current",
    "status",
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
    "retired_by",
    "file_id",
]
# current: in use; retired: a synthetic file kept but not used (real data of its source is
# loaded, or the demo was turned off); superseded: an older vintage of a dataset.
STATUS_SQL = (
    "CASE WHEN is_current THEN 'current' WHEN retired_by IS NOT NULL THEN 'retired' "
    "ELSE 'superseded' END AS status"
)


def list_sources(
    con: duckdb.DuckDBPyConnection, *, vintages: bool = False, source: str | None = None
) -> tuple[list[str], list[tuple[object, ...]]]:
    """The loaded files, trade and reference: columns, rows.

    By default the current vintages and the retired synthetic files (so that a reader sees
    the sample was retired); with ``vintages`` every file.
    """
    where = "TRUE" if vintages else "(is_current OR retired_by IS NOT NULL)"
    params: list[str] = []
    if source is not None:
        where += " AND source = ?"
        params.append(source)
    names = ", ".join(STATUS_SQL if c == "status" else c for c in SOURCE_COLUMNS)
    rows = con.execute(
        f"SELECT {names} FROM source_files WHERE {where} ORDER BY source, dataset_key, vintage",
        params,
    ).fetchall()
    return list(SOURCE_COLUMNS), rows


QUALITY_COLUMNS = [
    "file_name",
    "kind",
    "count",
    "tonnes",
    "value",
    "currency",
    "line",
    "column_name",
    "message",
]


def list_quality(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple[object, ...]]]:
    """The data-quality issues of the current vintages, by file and kind: columns, rows.

    ``tonnes`` and ``value`` (in ``currency``) are what the rows of the issue hold: for a
    confidential product or partner, what cannot be attributed.
    """
    rows = con.execute(
        "SELECT f.file_name, q.kind, q.count, q.quantity_kg / 1000, q.value, q.currency, "
        "q.line, q.column_name, q.message "
        "FROM quality_issues q JOIN source_files f USING (file_id) "
        "WHERE f.is_current ORDER BY f.file_name, q.kind"
    ).fetchall()
    return list(QUALITY_COLUMNS), rows
