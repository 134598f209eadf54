"""Commands: ``trade`` with ``ffmp`` and ``dependency`` (``export``, ``headline``: trade_export)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.engine import indicator_source
from fairmilk.cli.options import DataOption, DbOption, EngineOption, FormatOption, check_format
from fairmilk.config import db_path
from fairmilk.errors import ParameterError
from fairmilk.indicators.trade_keys import DEFAULT_BY, GROUP_KEYS
from fairmilk.outputs.tables import Result, print_result

if TYPE_CHECKING:  # Ibis, DuckDB and pyarrow are imported by the commands that use them
    import duckdb

    from fairmilk.indicators.ffmp import FfmpBand
    from fairmilk.indicators.frame import Con, Frame

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


def split_list(text: str | None) -> list[str] | None:
    """The items of a comma-separated option (None when there are none)."""
    if text is None:
        return None
    items = [t.strip() for t in text.split(",") if t.strip()]
    return items or None


def read_store(db: Path | None) -> duckdb.DuckDBPyConnection:
    """The store, opened read-only."""
    from fairmilk.store import open_store

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
    from fairmilk.outputs.exports import to_result

    result = to_result(frame)
    print_result(compact(result) if fmt == "table" else result, fmt)


def _run(
    db: Path | None, make: Callable[[Con], Frame], *, engine: str | None, data: Path | None
) -> Frame:
    with indicator_source(db, engine=engine, data=data, open_store=read_store) as con:
        return make(con)


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
    engine: EngineOption = None,
    data: DataOption = None,
) -> None:
    """Trade table: tonnes, EUR, EUR/t, milk equivalent (t) and growth, with sources.

    Example: fairmilk trade --exporter eu27 --destination west-africa --by year,category
    """
    if ctx.invoked_subcommand is not None:
        return
    check_format(fmt)
    from fairmilk.indicators.trade import trade_frame

    frame = _run(db, lambda con: trade_frame(
        con, exporters=split_list(exporter), destinations=split_list(destination),
        categories=split_list(category), flow=flow, start=start, end=end, by=split_list(by) or (),
    ), engine=engine, data=data)  # fmt: skip
    show(frame, fmt)


def _band(low: float | None, central: float | None, high: float | None) -> FfmpBand:
    from fairmilk.indicators.ffmp import AHDB_2018, FfmpBand

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
    engine: EngineOption = None,
    data: DataOption = None,
) -> None:
    """FFMP exports: measured under CN 19019095 since 2020, an AHDB (2018) band before."""
    check_format(fmt)
    from fairmilk.indicators.ffmp import ffmp_frame

    band = _band(band_low, band_central, band_high)
    frame = _run(db, lambda con: ffmp_frame(
        con, share=share, exporters=split_list(exporter), destinations=split_list(destination),
        start=start, end=end, by=split_list(by) or ("year",), band=band,
    ), engine=engine, data=data)  # fmt: skip
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
    engine: EngineOption = None,
    data: DataOption = None,
) -> None:
    """Import dependency (%) and milk available per person (kg/year), by country and year."""
    check_format(fmt)
    from fairmilk.indicators.dependency import dependency_frame

    countries = split_list(country) or ["west-africa"]
    frame = _run(
        db,
        lambda con: dependency_frame(con, countries=countries, start=start, end=end),
        engine=engine,
        data=data,
    )
    show(frame, fmt)


def register(app: typer.Typer) -> None:
    """Add trade (with ffmp and dependency), export and headline to app."""
    from fairmilk.cli import trade_export  # imports this module, so not at the top

    app.add_typer(trade_app, name="trade")
    trade_export.register(app)
