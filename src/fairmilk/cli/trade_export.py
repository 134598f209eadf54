"""Commands: ``export`` and ``headline`` (trade tables written to files or printed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.cli.show import compact
from fairmilk.cli.trade_options import (
    Category,
    Destination,
    End,
    Exporter,
    Flow,
    Start,
    checked_areas,
    read_store,
    split_list,
)
from fairmilk.errors import ParameterError
from fairmilk.indicators.trade_keys import DEFAULT_BY
from fairmilk.outputs.exports_meta import FORMATS
from fairmilk.outputs.tables import Result, print_result

if TYPE_CHECKING:
    import duckdb

EXPORTABLE = ("trade", "ffmp", "ffmp-share", "dependency", "headline", "parquet")


def _frames(
    con: duckdb.DuckDBPyConnection,
    what: str,
    *,
    exporter: str | None,
    destination: str | None,
    category: str | None,
    start: str | None,
    end: str | None,
    flow: str,
    by: str | None,
) -> list[Result]:
    """The results to export for one table name."""
    from fairmilk.indicators.dependency import dependency_frame
    from fairmilk.indicators.ffmp import ffmp_frame
    from fairmilk.indicators.trade import trade_frame
    from fairmilk.outputs.exports import to_result
    from fairmilk.outputs.headline import headline_results

    exp, dest = checked_areas(exporter, destination)
    if what == "trade":
        keys = split_list(by) or DEFAULT_BY
        frame = trade_frame(con, exporters=exp, destinations=dest, categories=split_list(category),
                            flow=flow, start=start, end=end, by=keys)  # fmt: skip
    elif what in ("ffmp", "ffmp-share"):
        frame = ffmp_frame(con, share=what == "ffmp-share", exporters=exp or ["eu27"],
                           destinations=dest or ["west-africa"], start=start, end=end,
                           by=split_list(by) or ("year",))  # fmt: skip
    elif what == "dependency":
        frame = dependency_frame(con, countries=dest or ["west-africa"], start=start, end=end)
    else:
        return headline_results(con)
    return [to_result(frame)]


def export_command(
    what: Annotated[str, typer.Argument(help=f"Table: {', '.join(EXPORTABLE)}.")],
    folder: Annotated[
        Path | None,
        typer.Argument(help="parquet: the folder for the store's tables.", show_default=False),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (or folder for a data package).")
    ] = None,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(FORMATS)} (default: from the suffix; "
            "csv-fr = ';' separator, decimal comma, UTF-8 BOM).",
            show_default=False,
        ),
    ] = None,
    exporter: Exporter = None,
    destination: Destination = None,
    category: Category = None,
    start: Start = None,
    end: End = None,
    flow: Flow = "export",
    by: Annotated[str | None, typer.Option("--by", help="Group by (as for trade).")] = None,
    db: DbOption = None,
) -> None:
    """Write a table with its sources as CSV, French CSV, XLSX, Parquet or a data package.

    Example: fairmilk export trade -o trade.xlsx --destination west-africa --by year,category

    'fairmilk export parquet DIR' writes the tables the indicators read, for --engine.
    """
    if what not in EXPORTABLE:
        raise ParameterError(f"export: expected one of {', '.join(EXPORTABLE)}, found {what!r}")
    if what == "parquet":
        from fairmilk.cli.engine import write_parquet

        return write_parquet(folder or output, db=db)
    if folder is not None or output is None:
        raise ParameterError(f"export {what}: expected -o FILE (or a folder for a data package)")
    con = read_store(db)
    try:
        results = _frames(con, what, exporter=exporter, destination=destination,
                          category=category, start=start, end=end, flow=flow, by=by)  # fmt: skip
    finally:
        con.close()
    _write(results, output, fmt)


def _write(results: list[Result], output: Path, fmt: str | None) -> None:
    """Export the results and say which files were written (and if they are synthetic)."""
    from fairmilk.outputs.exports import export

    if len(results) > 1 and fmt is None and output.suffix:
        raise ParameterError("several tables: write a data package (a folder, or -f datapackage)")
    for path in export(results, output, fmt=fmt):
        typer.echo(f"Wrote {path}")
    if any(r.synthetic for r in results):
        typer.echo("Note: includes SYNTHETIC demonstration data (labelled in the files).")


def headline_command(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Print the headline tables (EU exports to West Africa, FFMP share, dependency)."""
    check_format(fmt)
    from fairmilk.outputs.headline import headline_results

    con = read_store(db)
    try:
        results = headline_results(con)
    finally:
        con.close()
    for result in results:
        print_result(compact(result) if fmt == "table" else result, fmt)


def register(app: typer.Typer) -> None:
    """Add export and headline to app."""
    app.command("export")(export_command)
    app.command("headline")(headline_command)
