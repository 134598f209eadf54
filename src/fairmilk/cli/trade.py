"""Commands: ``trade`` with ``ffmp`` and ``dependency``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.engine import indicator_source
from fairmilk.cli.options import DataOption, DbOption, EngineOption, FormatOption, check_format
from fairmilk.cli.show import show
from fairmilk.cli.trade_options import (
    DEFAULT_BY_TEXT,
    By,
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

if TYPE_CHECKING:  # Ibis, DuckDB and pyarrow are imported by the commands that use them
    from fairmilk.indicators.ffmp import FfmpBand
    from fairmilk.indicators.frame import Con, Frame

trade_app = typer.Typer(
    help="EU and West African dairy trade: volume, value, unit value, milk equivalent, growth.",
    invoke_without_command=True,
)


def _run(
    db: Path | None,
    make: Callable[[Con], Frame],
    *,
    engine: str | None = None,
    data: Path | None = None,
    flow: str = "",
) -> Frame:
    """The frame ``make`` computes on the store or ``engine``; an empty trade answer (``flow``)
    on the store says what is stored."""
    with indicator_source(db, engine=engine, data=data, open_store=read_store) as con:
        frame = make(con)
        if flow and not frame.rows and engine is None and data is None:
            from fairmilk.outputs.availability import trade_available

            frame.notes = [*frame.notes, trade_available(con, flow=flow)]
        return frame


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

    exporters, destinations = checked_areas(exporter, destination)
    frame = _run(db, lambda con: trade_frame(
        con, exporters=exporters, destinations=destinations,
        categories=split_list(category), flow=flow, start=start, end=end, by=split_list(by) or (),
    ), engine=engine, data=data, flow=flow)  # fmt: skip
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
    exporters, destinations = checked_areas(exporter, destination)
    frame = _run(db, lambda con: ffmp_frame(
        con, share=share, exporters=exporters, destinations=destinations,
        start=start, end=end, by=split_list(by) or ("year",), band=band,
    ), engine=engine, data=data, flow="export")  # fmt: skip
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
    from fairmilk.outputs.availability import check_areas
    from fairmilk.reference.geo import REGIONS

    checked = check_areas(split_list(country), param="--country", regions=REGIONS)
    countries = checked or ["west-africa"]
    frame = _run(
        db,
        lambda con: dependency_frame(con, countries=countries, start=start, end=end),
        engine=engine,
        data=data,
    )
    show(frame, fmt)


@trade_app.command("fao")
def fao(
    country: Annotated[
        str | None,
        typer.Option(
            "--country",
            help="ISO2 codes, or west-africa for FAO's regional total, "
            "comma-separated (default: all).",
            show_default=False,
        ),
    ] = None,
    product: Annotated[
        str | None,
        typer.Option(
            "--product",
            help="smp, wmp, butter, cheese, comma-separated (default: all).",
            show_default=False,
        ),
    ] = None,
    start: Start = None,
    end: End = None,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """FAOSTAT dairy imports of West Africa (1961-2020): t, USD, USD/t, EUR/kg, local/kg.

    Example: fairmilk trade fao --country SN --product smp,wmp --from 1998 --to 2005
    """
    check_format(fmt)
    from fairmilk.indicators.fao_trade import fao_trade_frame

    frame = _run(db, lambda con: fao_trade_frame(
        con, countries=split_list(country) or (), products=split_list(product) or (),
        start=start, end=end,
    ))  # fmt: skip
    show(frame, fmt)


@trade_app.command("mirror")
def mirror(
    country: Annotated[
        str, typer.Option("--country", help="ISO2 codes or region ids, comma-separated.")
    ] = "west-africa",
    start: Annotated[int | None, typer.Option("--start", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--end", help="Last year.")] = None,
    by_partner: Annotated[
        bool, typer.Option("--by-partner", help="One row per EU partner.")
    ] = False,
    db: DbOption = None,
    fmt: FormatOption = "table",
) -> None:
    """West African imports from the EU (UN Comtrade) beside EU exports (Comext), and the gap."""
    check_format(fmt)
    from fairmilk.indicators.mirror import mirror_frame

    countries = split_list(country) or ["west-africa"]
    frame = _run(db, lambda con: mirror_frame(
        con, countries=countries, start=start, end=end, by_partner=by_partner
    ))  # fmt: skip
    show(frame, fmt)


def register(app: typer.Typer) -> None:
    """Add trade (with ffmp and dependency) to app."""
    app.add_typer(trade_app, name="trade")
