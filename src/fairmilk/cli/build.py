"""Command: build the store from the embedded data and print the headline tables."""

from __future__ import annotations

import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.config import db_path


def build(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Load the embedded reference data and the synthetic demo sample, then print headlines.

    Safe to run again: reference rows are replaced, files already loaded are left as they are.
    """
    from fairmilk.ingest.demo import demo_files
    from fairmilk.outputs.headline import headline_results
    from fairmilk.outputs.tables import print_result
    from fairmilk.store.generations import publishing
    from fairmilk.store.prices import load_price_reference
    from fairmilk.store.reference import load_reference
    from fairmilk.store.trade import ingest_file

    check_format(fmt)
    path = db_path(db)
    with publishing(path, note="fairmilk build") as con:
        counts = load_reference(con)
        prices = load_price_reference(con)
        reports = [ingest_file(con, f, source="comext", synthetic=True) for f in demo_files()]
        if fmt == "table":
            typer.echo(f"Store: {path}")
            typer.echo(
                f"Reference: {counts.get('observations', 0)} observations, "
                f"{sum(prices.values())} price rows; demo trade files: "
                + ", ".join(f"{r.file_name} ({r.status}, SYNTHETIC)" for r in reports)
            )
        for result in headline_results(con):
            print_result(result, fmt)


def register(app: typer.Typer) -> None:
    """Add the build command to ``app``."""
    app.command("build")(build)
