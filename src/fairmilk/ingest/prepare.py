"""Prepare a trade file for loading: scan it, check it, and describe what was kept.

This is the ingest half of a load: everything up to (not including) the write to the
store. Bad input raises InputError with file, line and column; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from fairmilk.errors import InputError, QualityIssue
from fairmilk.ingest.codes import dairy_prefixes
from fairmilk.ingest.layouts import Layout, Source
from fairmilk.ingest.opening import Compression, Digest, Header, read_header, readable, start_digest
from fairmilk.ingest.rescan import lines_of_kept_rows, locate_problem
from fairmilk.ingest.scan import STAGE, Progress, detect_layout, run_with_progress, stage_sql
from fairmilk.ingest.validate import (
    Oddity,
    Problem,
    first_problem,
    load_codes,
    oddities,
    stored_condition,
)


@dataclass(frozen=True, slots=True)
class Prepared:
    """A scanned and checked file: its digest, layout, kept rows (staged) and oddities."""

    path: Path
    shown: str
    digest: Digest
    layout: Layout
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


@contextmanager
def prepared(
    con: duckdb.DuckDBPyConnection, path: Path, *, source: Source, progress: Progress | None = None
) -> Iterator[Prepared]:
    """Scan and check ``path`` into the staging table; yield what was found."""
    shown = str(path)
    if not path.is_file():
        raise InputError("no such file", file=shown)
    if path.stat().st_size == 0:
        raise InputError("empty file", file=shown, line=1, expected="a header line")
    with ThreadPoolExecutor(max_workers=1) as pool, readable(path, shown=shown) as (data, comp):
        header = read_header(data, compression=comp, shown=shown)
        layout = detect_layout(header, source, shown=shown)
        scan = _Scan(data, comp, header, layout, dairy_prefixes(), shown)
        digest_job = start_digest(pool, path, data, comp)
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
    _stage(con, scan, progress)
    digested = digest()
    if digested.data_lines < 0:  # the decompressor failed where DuckDB did not
        locate_problem(scan.data, scan.header, scan.compression, shown=scan.shown)
    if digested.data_lines == 0:
        raise InputError("no data rows after the header", file=scan.shown, line=2)
    _check(con, scan, progress)
    return _describe(con, scan, digested)


def _stage(con: duckdb.DuckDBPyConnection, scan: _Scan, progress: Progress | None) -> None:
    sql = stage_sql(scan.data, scan.header, scan.compression, scan.layout, scan.prefixes)
    try:
        run_with_progress(con, sql, progress, "scan")
    except duckdb.Error as exc:
        locate_problem(scan.data, scan.header, scan.compression, shown=scan.shown)
        raise InputError(f"cannot read the file: {_first_line(exc)}", file=scan.shown) from exc


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _check(con: duckdb.DuckDBPyConnection, scan: _Scan, progress: Progress | None) -> None:
    if progress is not None:
        progress("check", None)
    problem = first_problem(con, scan.layout)
    if problem is not None:
        raise _located(problem, scan)


def _located(problem: Problem, scan: _Scan) -> InputError:
    lines = lines_of_kept_rows(
        scan.data,
        scan.header,
        scan.compression,
        scan.layout,
        scan.prefixes,
        {problem.ordinal},
        shown=scan.shown,
    )
    return InputError(
        problem.message,
        file=scan.shown,
        line=lines.get(problem.ordinal),
        column=scan.layout.columns.get(problem.column) or problem.column,
        expected=problem.expected,
        found=problem.found,
    )


def _describe(con: duckdb.DuckDBPyConnection, scan: _Scan, digest: Digest) -> Prepared:
    found = oddities(con, scan.layout)
    lines = lines_of_kept_rows(
        scan.data,
        scan.header,
        scan.compression,
        scan.layout,
        scan.prefixes,
        {o.first_ordinal for o in found},
        shown=scan.shown,
    )
    kept = stored_condition(scan.layout)
    row = con.execute(f"SELECT count(*), count(*) FILTER (WHERE {kept}) FROM {STAGE}").fetchone()
    staged, stored = (int(row[0]), int(row[1])) if row else (0, 0)
    return Prepared(
        path=Path(scan.shown),
        shown=scan.shown,
        digest=digest,
        layout=scan.layout,
        rows_kept=stored,
        rows_rejected=staged - stored,
        issues=[_issue(o, scan, lines) for o in found],
    )


def _issue(oddity: Oddity, scan: _Scan, lines: dict[int, int]) -> QualityIssue:
    return QualityIssue(
        file=Path(scan.shown).name,
        line=lines.get(oddity.first_ordinal),
        column=scan.layout.columns.get(oddity.column) or oddity.column,
        kind=oddity.kind,
        message=oddity.message,
        count=oddity.count,
    )
