"""Command: build the store from the embedded data and print the headline tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.config import db_path

if TYPE_CHECKING:
    import duckdb

DemoOption = Annotated[
    bool | None,
    typer.Option(
        "--demo/--no-demo",
        help=(
            "Load the SYNTHETIC demo trade sample (--demo) or retire it (--no-demo). Default: "
            "the sample is used only while no real trade data of its source is loaded."
        ),
        show_default=False,
    ),
]


def build(db: DbOption = None, fmt: FormatOption = "table", demo: DemoOption = None) -> None:
    """Load the embedded reference data and the synthetic demo sample, then print headlines.

    Safe to run again: reference rows are replaced, files already loaded are left as they are.
    Synthetic never mixes with real: once a real trade file of a source is loaded, the
    synthetic sample of that source is retired (kept in the store, not used).
    """
    from fairmilk.outputs.headline import headline_results
    from fairmilk.outputs.tables import print_result
    from fairmilk.store.complete import bring_up_to_date
    from fairmilk.store.generations import publishing

    check_format(fmt)
    path = db_path(db)
    with publishing(path, note="fairmilk build") as con:
        bring_up_to_date(con, force=True)
        demo_line = _demo(con, demo)
        if fmt == "table":
            typer.echo(f"Store: {path}")
            typer.echo(_reference_line(con) + demo_line)
        for result in headline_results(con):
            print_result(result, fmt)


def _reference_line(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute(
        "SELECT (SELECT count(*) FROM observations), "
        "(SELECT count(*) FROM prices WHERE file_id IS NULL)"
    ).fetchone()
    observations, prices = row if row else (0, 0)
    return f"Reference: {observations} observations, {prices} price rows; "


def _demo(con: duckdb.DuckDBPyConnection, demo: bool | None) -> str:
    """Load, keep or retire the synthetic demo sample; the line that says what happened."""
    from fairmilk.ingest.demo import demo_files
    from fairmilk.store.db import transaction
    from fairmilk.store.retirement import (
        NO_DEMO,
        first_real_file,
        restore_synthetic,
        retire_synthetic,
    )
    from fairmilk.store.trade import ingest_file

    if demo is False:
        with transaction(con):
            gone = retire_synthetic(con, "comext", by=NO_DEMO)
        return "demo trade sample: not loaded" + (f" (retired: {', '.join(gone)})" if gone else "")
    real = first_real_file(con, "comext")
    if real is not None and demo is None:
        return "demo trade sample: not used, real comext data is loaded (synthetic never mixes)"
    with transaction(con):
        restore_synthetic(con, "comext")
    reports = [ingest_file(con, f, source="comext", synthetic=True) for f in demo_files()]
    return "demo trade files: " + ", ".join(
        f"{r.file_name} ({r.status if r.current else 'retired: real data loaded'}, SYNTHETIC)"
        for r in reports
    )


def register(app: typer.Typer) -> None:
    """Add the build command to ``app``."""
    app.command("build")(build)
