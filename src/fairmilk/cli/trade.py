"""Commands: ``trade`` (with ``ffmp`` and ``dependency``), ``export`` and ``headline``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import duckdb
import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.config import db_path
from fairmilk.errors import ParameterError
from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import AHDB_2018, FfmpBand, ffmp_frame
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.trade import DEFAULT_BY, GROUP_KEYS, trade_frame
from fairmilk.outputs.exports import FORMATS, export, to_result
from fairmilk.outputs.headline import headline_results
from fairmilk.outputs.tables import Result, print_result
from fairmilk.store import open_store

CATEGORIES = (
    "liquid_milk, cream, smp, wmp, ffmp, butter, cheese, whey, condensed, yoghurt, "
    "infant_formula, other"
)
DEFAULT_BY_TEXT = ",".join(DEFAULT_BY)
HIDDEN_IN_TABLE = ("rows", "synthetic", "sources", "note", "source_url", "method_source")

trade_app = typer.Typer(
    help="EU and West African dairy trade: volume, value, unit value, milk equivalent, growth.",
    invoke_without_command=True,
)

Exporter = Annotated[
    str | None,
    typer.Option("--exporter", help="Exporters: ISO2 codes or region ids, comma-separated "
                 "(e.g. IE,PL or eu27).", show_default=False),
]  # fmt: skip
Destination = Annotated[
    str | None,
    typer.Option("--destination", help="Destinations: ISO2 codes or region ids (west-africa, "
                 "ecowas, waemu, eu27, eu28), comma-separated; regions are dated.",
                 show_default=False),
]  # fmt: skip
Category = Annotated[
    str | None,
    typer.Option("--category", help=f"Categories, comma-separated: {CATEGORIES}.",
                 show_default=False),
]  # fmt: skip
Start = Annotated[
    str | None,
    typer.Option("--from", help="First period: a year (2019) or a month (2019-03).",
                 show_default=False),
]  # fmt: skip
End = Annotated[
    str | None,
    typer.Option("--to", help="Last period: a year (2024) or a month (2024-12).",
                 show_default=False),
]  # fmt: skip
Flow = Annotated[str, typer.Option("--flow", help="export or import.")]
By = Annotated[
    str,
    typer.Option("--by", help=f"Group by, comma-separated: {', '.join(GROUP_KEYS)}."),
]


def _split(text: str | None) -> list[str] | None:
    if text is None:
        return None
    items = [t.strip() for t in text.split(",") if t.strip()]
    return items or None


def _store(db: Path | None) -> duckdb.DuckDBPyConnection:
    return open_store(db_path(db), read_only=True)


def compact(result: Result) -> Result:
    """The result for a terminal: no helper columns, no columns that are empty throughout.

    Long per-row texts (notes, URLs) stay in the CSV and JSON output; the sources are listed
    under the table.
    """
    hidden = set(HIDDEN_IN_TABLE) | ({"year", "month"} if "period" in result.columns else set())
    keep = [
        i
        for i, name in enumerate(result.columns)
        if name not in hidden
        and (not result.rows or any(row[i] is not None for row in result.rows))
    ]
    return Result(
        result.title,
        [result.columns[i] for i in keep],
        [tuple(row[i] for i in keep) for row in result.rows],
        result.sources,
        result.notes,
        result.synthetic,
    )


def show(frame: Frame, fmt: str) -> None:
    """Print an indicator frame with its sources (compact columns in table format)."""
    result = to_result(frame)
    print_result(compact(result) if fmt == "table" else result, fmt)


def _run(db: Path | None, make: Callable[[duckdb.DuckDBPyConnection], Frame]) -> Frame:
    con = _store(db)
    try:
        return make(con)
    finally:
        con.close()


@trade_app.callback()
def trade(
    ctx: typer.Context,
    exporter: Exporter = None,
    destination: Destination = None,
    category: Category = None,
    start: Start = None,
    end: End = None,
    flow: Flow = "export",
    by: By = DEFAULT_BY_TEXT,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Trade table: tonnes, EUR, EUR/t, milk equivalent (t) and growth, with sources.

    Example: fairmilk trade --exporter eu27 --destination west-africa --by year,category
    """
    if ctx.invoked_subcommand is not None:
        return
    check_format(fmt)
    frame = _run(db, lambda con: trade_frame(
        con, exporters=_split(exporter), destinations=_split(destination),
        categories=_split(category), flow=flow, start=start, end=end, by=_split(by) or (),
    ))  # fmt: skip
    show(frame, fmt)


def _band(low: float | None, central: float | None, high: float | None) -> FfmpBand:
    if low is None and central is None and high is None:
        return AHDB_2018
    if low is None or central is None or high is None:
        raise ParameterError("--band-low, --band-central and --band-high go together")
    return FfmpBand(low, central, high, source="user-supplied band (--band-*)", source_url="")


@trade_app.command("ffmp")
def ffmp(
    exporter: Exporter = "eu27",
    destination: Destination = "west-africa",
    start: Start = None,
    end: End = None,
    by: Annotated[str, typer.Option("--by", help="year plus exporter, destination, region.")] = (
        "year"
    ),
    share: Annotated[
        bool, typer.Option("--share", help="FFMP share of milk-powder exports (%) instead.")
    ] = False,
    band_low: Annotated[float | None, typer.Option(help="Pre-2020 FFMP share, low.")] = None,
    band_central: Annotated[float | None, typer.Option(help="Pre-2020 share, central.")] = None,
    band_high: Annotated[float | None, typer.Option(help="Pre-2020 FFMP share, high.")] = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """FFMP exports: measured under CN 19019095 since 2020, an AHDB (2018) band before."""
    check_format(fmt)
    band = _band(band_low, band_central, band_high)
    frame = _run(db, lambda con: ffmp_frame(
        con, share=share, exporters=_split(exporter), destinations=_split(destination),
        start=start, end=end, by=_split(by) or ("year",), band=band,
    ))  # fmt: skip
    show(frame, fmt)


@trade_app.command("dependency")
def dependency(
    country: Annotated[
        str, typer.Option("--country", help="ISO2 codes or region ids, comma-separated.")
    ] = "west-africa",
    start: Start = None,
    end: End = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Import dependency (%) and milk available per person (kg/year), by country and year."""
    check_format(fmt)
    countries = _split(country) or ["west-africa"]
    frame = _run(db, lambda con: dependency_frame(con, countries=countries, start=start, end=end))
    show(frame, fmt)


EXPORTABLE = ("trade", "ffmp", "ffmp-share", "dependency", "headline")


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
    exp, dest = _split(exporter), _split(destination)
    if what == "trade":
        keys = _split(by) or DEFAULT_BY
        frame = trade_frame(con, exporters=exp, destinations=dest, categories=_split(category),
                            flow=flow, start=start, end=end, by=keys)  # fmt: skip
    elif what in ("ffmp", "ffmp-share"):
        frame = ffmp_frame(con, share=what == "ffmp-share", exporters=exp or ["eu27"],
                           destinations=dest or ["west-africa"], start=start, end=end,
                           by=_split(by) or ("year",))  # fmt: skip
    elif what == "dependency":
        frame = dependency_frame(con, countries=dest or ["west-africa"], start=start, end=end)
    else:
        return headline_results(con)
    return [to_result(frame)]


def export_command(
    what: Annotated[str, typer.Argument(help=f"Table: {', '.join(EXPORTABLE)}.")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="File (or folder for a data package).")
    ],
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
    """
    if what not in EXPORTABLE:
        raise ParameterError(f"export: expected one of {', '.join(EXPORTABLE)}, found {what!r}")
    con = _store(db)
    try:
        results = _frames(con, what, exporter=exporter, destination=destination,
                          category=category, start=start, end=end, flow=flow, by=by)  # fmt: skip
    finally:
        con.close()
    _write(results, output, fmt)


def _write(results: list[Result], output: Path, fmt: str | None) -> None:
    """Export the results and say which files were written (and if they are synthetic)."""
    if len(results) > 1 and fmt is None and output.suffix:
        raise ParameterError("several tables: write a data package (a folder, or -f datapackage)")
    for path in export(results, output, fmt=fmt):
        typer.echo(f"Wrote {path}")
    if any(r.synthetic for r in results):
        typer.echo("Note: includes SYNTHETIC demonstration data (labelled in the files).")


def headline_command(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """Print the headline tables (EU exports to West Africa, FFMP share, dependency)."""
    check_format(fmt)
    con = _store(db)
    try:
        results = headline_results(con)
    finally:
        con.close()
    for result in results:
        print_result(compact(result) if fmt == "table" else result, fmt)


def register(app: typer.Typer) -> None:
    """Add trade (with ffmp and dependency), export and headline to app."""
    app.add_typer(trade_app, name="trade")
    app.command("export")(export_command)
    app.command("headline")(headline_command)
