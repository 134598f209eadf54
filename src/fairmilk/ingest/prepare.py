"""Prepare a trade file for loading: scan it, check it, and describe what was kept.

This is the ingest half of a load: everything up to (not including) the write to the
store. Bad input raises InputError with file, line and column; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path
from tempfile import TemporaryDirectory

import duckdb

from fairmilk.errors import InputError, QualityIssue
from fairmilk.ingest.codes import dairy_prefixes
from fairmilk.ingest.known import ScanStop
from fairmilk.ingest.layouts import STAGE_COLUMNS, Layout, Source
from fairmilk.ingest.opening import (
    Compression,
    Digest,
    Header,
    count_lines,
    read_header,
    readable,
    start_digest,
)
from fairmilk.ingest.rescan import Key, first_non_utf8_line, lines_of_keys, locate_problem
from fairmilk.ingest.scan import (
    STAGE,
    Progress,
    detect_layout,
    literal,
    profile_scans,
    rows_read,
    run_with_progress,
    stage_sql,
)
from fairmilk.ingest.validate import (
    Oddity,
    Problem,
    first_problem,
    load_codes,
    oddities,
    stored_condition,
)

MAX_KEYS = 100_000  # keys looked for per issue when the file is read again for lines


@dataclass(frozen=True, slots=True)
class Prepared:
    """A scanned and checked file: its digest, layout, kept rows (staged) and oddities."""

    path: Path
    shown: str
    digest: Digest
    layout: Layout
    rows_read: int  # the file's data rows
    rows_kept: int
    rows_rejected: int
    issues: list[QualityIssue]


@dataclass(frozen=True, slots=True)
class _Scan:
    data: Path
    compression: Compression
    header: Header
    layout: Layout
    prefixes: tuple[str, ...]
    shown: str
    not_utf8: int | None = None  # the first line that is not UTF-8 (read as Latin-1)
    stop: ScanStop | None = None  # stops the scan of a file already loaded


@contextmanager
def prepared(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    source: Source,
    progress: Progress | None = None,
    known: Collection[str] = (),
) -> Iterator[Prepared]:
    """Scan and check ``path`` into the staging table; yield what was found.

    Raises KnownFile, without reading the file to its end, when its sha256 is in ``known``.
    """
    shown = str(path)
    if not path.is_file():
        raise InputError("no such file", file=shown)
    if path.stat().st_size == 0:
        raise InputError("empty file", file=shown, line=1, expected="a header line")
    with ThreadPoolExecutor(max_workers=1) as pool, readable(path, shown=shown) as (data, comp):
        header = read_header(data, compression=comp, shown=shown)
        layout = detect_layout(header, source, shown=shown)
        stop = ScanStop(known) if known else None
        scan = _Scan(data, comp, header, layout, dairy_prefixes(), shown, stop=stop)
        digest_job = start_digest(pool, path, data, comp)
        if stop is not None:
            stop.watch(digest_job)
        load_codes(con)
        try:
            yield _scanned(con, scan, digest_job.result, progress)
        finally:
            _drop_stage(con)


def _drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    """Drop the staging table; when DuckDB has invalidated the database (an internal error
    on bytes it could not read), keep the InputError that explains why, not the cleanup's."""
    try:
        con.execute(f"DROP TABLE IF EXISTS {STAGE}")
    except duckdb.FatalException:
        return


def _scanned(
    con: duckdb.DuckDBPyConnection,
    scan: _Scan,
    digest: Callable[[], Digest],
    progress: Progress | None,
) -> Prepared:
    scan, rows = _stage(con, scan, progress)
    digested = digest()
    if digested.data_lines is not None and digested.data_lines < 0:
        # the decompressor failed where DuckDB did not
        locate_problem(scan.data, scan.header, scan.compression, shown=scan.shown)
    lines = digested.data_lines
    if lines is None:  # a plain file: the scan counted its rows
        lines = rows if rows is not None else count_lines(scan.data, scan.compression)
    if lines == 0:
        raise InputError("no data rows after the header", file=scan.shown, line=2)
    _check(con, scan, progress)
    return _describe(con, scan, replace(digested, data_lines=lines), lines)


def _stage(
    con: duckdb.DuckDBPyConnection, scan: _Scan, progress: Progress | None
) -> tuple[_Scan, int | None]:
    """Fill the staging table; a file whose bytes are not all UTF-8 is read again as Latin-1.

    The scan runs in a scratch database (a temporary file): DuckDB may fail on bytes that
    are not UTF-8 in a column it reads with an internal error that invalidates its database,
    and that must never be the store. The kept rows are then copied into the store's
    connection. Returns the scan and the rows it read (None if DuckDB did not say).
    """
    try:
        return scan, _scan_into(con, scan, progress)
    except _NotUtf8 as bad:
        latin = replace(scan, header=replace(scan.header, encoding="latin-1"), not_utf8=bad.line)
        return latin, _scan_into(con, latin, progress)


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(f"line {line} is not UTF-8")
        self.line = line


def _scan_into(
    con: duckdb.DuckDBPyConnection, scan: _Scan, progress: Progress | None
) -> int | None:
    sql = stage_sql(scan.data, scan.header, scan.compression, scan.layout, scan.prefixes)
    with TemporaryDirectory(prefix="fairmilk-scan-") as tmp:
        kept = Path(tmp) / "kept.duckdb"
        rows = _scan_file(scan, sql, kept, progress)
        # The kept rows reach the store's connection through the scratch file, attached
        # read-only: no Python object in between (no pyarrow, no pandas to import).
        con.execute(f"ATTACH {literal(str(kept))} AS fm_scan (READ_ONLY)")
        try:
            # File order is the staging table's rowid order (the ordinal of kept rows).
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE {STAGE} AS "
                f"SELECT * EXCLUDE (fm_ordinal) FROM fm_scan.{STAGE} ORDER BY fm_ordinal"
            )
        finally:
            con.execute("DETACH fm_scan")
    return rows


def _scan_file(scan: _Scan, sql: str, kept: Path, progress: Progress | None) -> int | None:
    """Run the scan in a scratch database (the file ``kept``), never in the store; the rows
    it read (None if DuckDB's profile does not say)."""
    # DuckDB tracks the query's progress (read by run_with_progress) but prints nothing.
    scratch = duckdb.connect(str(kept))
    try:
        scratch.execute("SET enable_progress_bar = true; SET enable_progress_bar_print = false")
        profile_scans(scratch)
        with scan.stop.running(scratch) if scan.stop else nullcontext():
            run_with_progress(scratch, sql, progress, "scan")
        rows = rows_read(scratch)
        scratch.execute(f"CREATE TABLE {STAGE} AS SELECT rowid AS fm_ordinal, * FROM temp.{STAGE}")
    except duckdb.Error as exc:
        if scan.header.encoding == "utf-8":
            line = first_non_utf8_line(scan.data, scan.compression, shown=scan.shown)
            if line is not None:
                raise _NotUtf8(line) from exc
        locate_problem(scan.data, scan.header, scan.compression, shown=scan.shown)
        raise InputError(f"cannot read the file: {_first_line(exc)}", file=scan.shown) from exc
    finally:
        scratch.close()
    return rows


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _check(con: duckdb.DuckDBPyConnection, scan: _Scan, progress: Progress | None) -> None:
    if progress is not None:
        progress("check", None)
    problem = first_problem(con, scan.layout)
    if problem is not None:
        raise _located(con, problem, scan)


def _keys(con: duckdb.DuckDBPyConnection, where: str) -> set[Key]:
    """The staged keys of the rows that meet ``where`` (at most MAX_KEYS of them)."""
    rows = con.execute(f"SELECT DISTINCT {', '.join(STAGE_COLUMNS)} FROM {STAGE} "
                       f"WHERE {where} LIMIT {MAX_KEYS}").fetchall()  # fmt: skip
    return {tuple(r) for r in rows}


def _lines(scan: _Scan, wanted: dict[int, tuple[set[Key], int]]) -> dict[int, int]:
    return lines_of_keys(
        scan.data,
        scan.header,
        scan.compression,
        scan.layout,
        scan.prefixes,
        wanted,
        names=STAGE_COLUMNS,
        shown=scan.shown,
    )


def _located(con: duckdb.DuckDBPyConnection, problem: Problem, scan: _Scan) -> InputError:
    # The row is found by its staged values; identical rows before it are counted (a
    # duplicate row is the second of its values).
    same = " AND ".join(f"s.{c} IS NOT DISTINCT FROM t.{c}" for c in STAGE_COLUMNS)
    row = con.execute(
        f"SELECT count(*) FROM {STAGE} s, (SELECT * FROM {STAGE} WHERE rowid = "
        f"{problem.ordinal}) t WHERE {same} AND s.rowid <= {problem.ordinal}"
    ).fetchone()
    nth = int(row[0]) if row else 1
    lines = _lines(scan, {0: (_keys(con, f"rowid = {problem.ordinal}"), nth)})
    return InputError(
        problem.message,
        file=scan.shown,
        line=lines.get(0),
        column=scan.layout.columns.get(problem.column) or problem.column,
        expected=problem.expected,
        found=problem.found,
    )


def _describe(
    con: duckdb.DuckDBPyConnection, scan: _Scan, digest: Digest, rows_read: int
) -> Prepared:
    found = oddities(con, scan.layout)
    lines = _lines(scan, {i: (_keys(con, o.condition), 1) for i, o in enumerate(found)})
    kept = stored_condition(scan.layout)
    row = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {kept}) FROM {STAGE}").fetchone()
    staged, stored = (int(row[0]), int(row[1])) if row else (0, 0)
    return Prepared(
        path=Path(scan.shown),
        shown=scan.shown,
        digest=digest,
        layout=scan.layout,
        rows_read=rows_read,
        rows_kept=stored,
        rows_rejected=staged - stored,
        issues=[_issue(o, scan, lines.get(i)) for i, o in enumerate(found)]
        + _encoding_issues(scan),
    )


def _encoding_issues(scan: _Scan) -> list[QualityIssue]:
    if scan.header.encoding == "utf-8":
        return []
    return [
        QualityIssue(
            file=Path(scan.shown).name,
            line=scan.not_utf8,
            column=None,
            kind="not_utf8",
            message="bytes that are not UTF-8 in the file: read as Latin-1 (check the names"
            " and codes of the columns read)",
            count=1,
        )
    ]


def _issue(oddity: Oddity, scan: _Scan, line: int | None) -> QualityIssue:
    return QualityIssue(
        file=Path(scan.shown).name,
        line=line,
        column=scan.layout.columns.get(oddity.column) or oddity.column,
        kind=oddity.kind,
        message=oddity.message,
        count=oddity.count,
        quantity_kg=oddity.quantity_kg,
        value=oddity.value,
        currency=scan.layout.currency,
    )
