"""Commands: ingest comext|comtrade, sources, quality."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.config import db_path
from fairmilk.ingest.layouts import Source
from fairmilk.text import msg

if TYPE_CHECKING:
    from fairmilk.errors import QualityIssue
    from fairmilk.store.trade import IngestReport

ingest_app = typer.Typer(
    help="Load trade files (Comext, Comtrade) into the store.", no_args_is_help=True
)

FilesArg = Annotated[
    list[Path], typer.Argument(help="Files: plain, .gz or .7z.", show_default=False)
]
SyntheticOption = Annotated[
    bool, typer.Option("--synthetic", help="Mark the files as synthetic demonstration data.")
]
ProgressFn = Callable[[str, float | None], None]


@contextmanager
def _progress(label: str) -> Iterator[ProgressFn]:
    """A progress callback: a rich bar on a terminal, plain lines otherwise."""
    if not sys.stdout.isatty():
        seen: set[str] = set()

        def plain(stage: str, fraction: float | None) -> None:
            if stage not in seen:
                seen.add(stage)
                typer.echo(f"{label}: {stage}...")

        yield plain
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task(label, total=1.0)

        def rich(stage: str, fraction: float | None) -> None:
            bar.update(
                task,
                description=f"{label}: {stage}",
                completed=fraction if fraction is not None else None,
            )

        yield rich


def _ingest(files: list[Path], source: Source, db: Path | None, synthetic: bool) -> None:
    from fairmilk.store.complete import updating
    from fairmilk.store.generations import publishing
    from fairmilk.store.trade import ingest_file

    note = f"fairmilk ingest {source} " + " ".join(f.name for f in files)
    # The reference data is brought up to date while the first file is read.
    with publishing(db_path(db), note=note) as con, updating(con) as ready:
        for file in files:
            with _progress(file.name) as progress:
                report = ingest_file(
                    con,
                    file,
                    source=source,
                    synthetic=synthetic,
                    progress=progress,
                    before_write=ready,
                )
            _print_report(report)


def _print_report(report: IngestReport) -> None:
    if report.status == "unchanged":
        typer.echo(
            f"{report.file_name}: already loaded ({report.dataset_key}, "
            f"vintage {report.vintage}); nothing changed"
        )
        _print_retirement(report)
        return
    verb = "loaded" if report.status == "loaded" else "loaded as a new vintage of"
    revised = f", revising {', '.join(report.replaced)}" if report.replaced else ""
    typer.echo(
        f"{report.file_name}: {verb} {report.dataset_key}{revised} (vintage {report.vintage}, "
        f"layout {report.layout}{', SYNTHETIC' if report.synthetic else ''}): "
        f"{report.rows_read:,} rows read, {report.rows_kept:,} kept, "
        f"{report.rows_rejected:,} rejected"
    )
    for issue in report.issues:
        where = f"first at line {issue.line}" if issue.line else "line unknown"
        typer.echo(
            f"  quality: {issue.kind} x{issue.count:,} ({issue.column}, {where}{_held(issue)}): "
            f"{issue.message}"
        )
    _print_retirement(report)


def _held(issue: QualityIssue) -> str:
    """What the rows of an issue hold: tonnes and value (gaps shown as gaps)."""
    if issue.quantity_kg is None and issue.value is None:
        return ""
    tonnes = "–" if issue.quantity_kg is None else f"{issue.quantity_kg / 1000:,.1f}"
    value = "–" if issue.value is None else f"{issue.value:,.0f}"
    return f"; {tonnes} t, {value} {issue.currency or ''}".rstrip()


def _print_retirement(report: IngestReport) -> None:
    """One line when a load retired the synthetic sample, or was itself stored retired."""
    if report.retired:
        typer.echo(
            f"Synthetic sample retired: {', '.join(report.retired)} (kept in the store, no "
            f"longer used; real {report.source} data is loaded)"
        )
    elif report.synthetic and not report.current:
        typer.echo(
            f"{report.file_name}: stored retired, not used (real {report.source} data is "
            "loaded; synthetic never mixes with real)"
        )


@ingest_app.command("comext")
def ingest_comext(files: FilesArg, db: DbOption = None, synthetic: SyntheticOption = False) -> None:
    """Load Eurostat Comext bulk product files (classic or full_v2 layout)."""
    _ingest(files, "comext", db, synthetic)


@ingest_app.command("comtrade")
def ingest_comtrade(
    files: FilesArg, db: DbOption = None, synthetic: SyntheticOption = False
) -> None:
    """Load UN Comtrade CSV exports (bulk, API/plus or legacy column set)."""
    _ingest(files, "comtrade", db, synthetic)


def sources(
    vintages: Annotated[
        bool, typer.Option("--vintages", help="Show every vintage, not only the current ones.")
    ] = False,
    source: Annotated[
        str | None,
        typer.Option(
            "--source", help="Only files of one source: comext, comtrade, reference, prices."
        ),
    ] = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """List the loaded source files with their provenance (current vintages by default)."""
    from fairmilk.outputs.tables import Result, print_result
    from fairmilk.store import open_store
    from fairmilk.store.trade import list_sources

    con = open_store(db_path(db), read_only=True)
    try:
        columns, rows = list_sources(con, vintages=vintages, source=source)
        # The label follows the files in use: a retired sample does not make the data synthetic.
        used = [r for r in rows if r[columns.index("is_current")]]
        synthetic = any(r[columns.index("synthetic")] for r in used)
        if fmt == "table":
            columns, rows = _narrow(columns, rows)
        title = "Source files" + (" (all vintages)" if vintages else " (current vintages)")
        result = Result(
            title,
            columns,
            rows,
            synthetic=synthetic,
            sources=["Each row is a loaded file; its producer, licence and URL are in the store"],
            notes=[STATUS_NOTE]
            if any(r[columns.index("status")] == "retired" for r in rows)
            else [],
        )
        print_result(result, check_format(fmt))
    finally:
        con.close()


STATUS_NOTE = msg(
    "status retired: a synthetic sample kept in the store but not used, because real trade "
    "data of the same source is loaded (or the demo was turned off with build --no-demo); "
    "synthetic data never mixes with real data"
)
TABLE_COLUMNS = (
    "dataset_key",
    "vintage",
    "status",
    "file_name",
    "layout",
    "rows_read",
    "rows_kept",
    "synthetic",
    "licence",
    "file_id",
)


def _narrow(
    columns: list[str], rows: list[tuple[object, ...]]
) -> tuple[list[str], list[tuple[object, ...]]]:
    """Fewer columns for the terminal, and a short file id (the first 12 hex digits)."""
    index = [columns.index(c) for c in TABLE_COLUMNS]
    narrow = [
        tuple(str(r[i])[:12] if columns[i] == "file_id" else r[i] for i in index) for r in rows
    ]
    return list(TABLE_COLUMNS), narrow


def quality(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Show the data-quality report: tolerable oddities found while loading, by file."""
    from fairmilk.outputs.tables import Result, print_result
    from fairmilk.store import open_store
    from fairmilk.store.trade import list_quality

    con = open_store(db_path(db), read_only=True)
    try:
        columns, rows = list_quality(con)
        print_result(
            Result("Data-quality issues (current vintages)", columns, rows), check_format(fmt)
        )
    finally:
        con.close()


# Shared with cli.fetch_comext: load files with progress, print an ingest report.
ingest_files = _ingest
print_report = _print_report


def register(app: typer.Typer) -> None:
    """Add this module's commands to app."""
    app.add_typer(ingest_app, name="ingest")
    app.command("sources")(sources)
    app.command("quality")(quality)
