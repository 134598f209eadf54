"""Commands: prices (registered on the main app), and ``fairmilk ingest prices FILE``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.engine import indicator_source
from fairmilk.cli.options import DataOption, DbOption, EngineOption, FormatOption, check_format
from fairmilk.config import db_path

if TYPE_CHECKING:  # DuckDB and the indicators are imported by the commands that use them
    import duckdb

    from fairmilk.indicators.frame import Con, Frame

prices_app = typer.Typer(
    help="Milk prices and costs: series, cost coverage, dumping margin, per-litre, anomalies.",
    no_args_is_help=True,
)
Many = Annotated[list[str] | None, typer.Option(show_default=False)]


@contextmanager
def open_prices(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store, its schema and embedded reference data (prices too) up to date.

    What the block writes (a price file, deliveries) is published as a new version.
    """
    from fairmilk.store.complete import bring_up_to_date
    from fairmilk.store.generations import publishing

    with publishing(db_path(db), note="fairmilk prices") as con:
        bring_up_to_date(con)
        yield con


@contextmanager
def price_source(db: Path | None, engine: str | None, data: Path | None) -> Iterator[Con]:
    """The store (with the price reference loaded), or the engine of --engine / --data."""
    if engine is None and data is None:
        with open_prices(db) as con:
            yield con
        return
    with indicator_source(db, engine=engine, data=data, open_store=_no_store) as other:
        yield other


def _no_store(db: Path | None) -> duckdb.DuckDBPyConnection:
    raise AssertionError("an engine was asked for: the store is not opened")  # pragma: no cover


def show(frame: Frame, fmt: str) -> None:
    """Print an indicator frame as a sourced result table."""
    from fairmilk.outputs.tables import Result, print_result  # rich: only when printing

    print_result(
        Result(frame.title, frame.columns, frame.rows, frame.sources, frame.notes, frame.synthetic),
        check_format(fmt),
    )


@prices_app.command("list")
def list_prices(
    series: Many = None,
    geo: Many = None,
    unit: Annotated[str | None, typer.Option(help="Convert to this unit, e.g. EURc/kg.")] = None,
    lang: Annotated[str, typer.Option("--lang", help="Series titles in en or fr.")] = "en",
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """List stored price series (optionally converted to one unit), each id with its title.

    A series id that is not in the catalogue (from your own price file) is its own title.
    """
    from fairmilk.errors import InputError
    from fairmilk.indicators.price_catalog import with_titles
    from fairmilk.indicators.prices import price_frame, read_prices, read_rates

    if lang not in ("en", "fr"):
        raise InputError("unknown language", column="--lang", expected="en or fr", found=lang)
    with price_source(db, engine, data) as con:
        points = read_prices(con, series=series, geo=geo)
        show(with_titles(price_frame(points, unit=unit, rates=read_rates(con)), lang), fmt)


@prices_app.command("rates")
def rates(
    currency: Many = None,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Exchange rates held in the store (per USD, by year), with their sources."""
    from fairmilk.indicators.prices import rates_frame, read_rates

    with price_source(db, engine, data) as con:
        show(rates_frame(read_rates(con), currencies=currency or ()), fmt)


@prices_app.command("coverage")
def coverage(
    geo: Many = None,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Cost coverage: farm-gate milk price / full production cost."""
    from fairmilk.indicators.price_tables import cost_coverage_table

    with price_source(db, engine, data) as con:
        show(cost_coverage_table(con, geo=geo or ()), fmt)


@prices_app.command("dumping")
def dumping(
    destination: Annotated[str, typer.Option(help="Importing country or region.")] = "west-africa",
    cost_geo: Annotated[str, typer.Option(help="Geo of the full-cost benchmark.")] = "X:EU26",
    by_country: Annotated[bool, typer.Option(help="One row per member country.")] = False,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Dumping margin: powder export unit values in milk equivalent vs EU cost and price."""
    from fairmilk.indicators.price_tables import dumping_margin_table

    with price_source(db, engine, data) as con:
        frame = dumping_margin_table(
            con, destination=destination, cost_geo=cost_geo, by_country=by_country
        )
        show(frame, fmt)


@prices_app.command("per-litre")
def per_litre(
    country: Many = None,
    powder: Many = None,
    freight_pct: Annotated[float, typer.Option(help="Freight+insurance, % of FOB.")] = 11.4,
    margin_pct: Annotated[float, typer.Option(help="Trade margin, % (assumption).")] = 0.0,
    stage: Annotated[
        str,
        typer.Option(
            help="Local price stage: any (producer, else consumer, ...), consumer, "
            "producer, wholesale, processor_sale."
        ),
    ] = "any",
    year: Annotated[int | None, typer.Option(help="Year (default: latest local price).")] = None,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Landed cost of a litre of reconstituted powder vs local fresh milk, per country."""
    from fairmilk.indicators.perlitre import PerLitreParams
    from fairmilk.indicators.price_tables import per_litre_table

    params = PerLitreParams(freight_pct=freight_pct, margin_pct=margin_pct, stage=stage)
    with price_source(db, engine, data) as con:
        frame = per_litre_table(
            con, countries=country or (), powders=powder or ("smp", "wmp", "ffmp"),
            params=params, year=year,
        )  # fmt: skip
        show(frame, fmt)


@prices_app.command("anomalies")
def anomalies(
    series_arg: Annotated[str | None, typer.Argument(metavar="SERIES", show_default=False)] = None,
    geo_arg: Annotated[str | None, typer.Argument(metavar="GEO", show_default=False)] = None,
    series: Annotated[str | None, typer.Option(help="Series id, e.g. gdt_smp_price.")] = None,
    geo: Annotated[str | None, typer.Option(help="Geo of the series, e.g. world or BF.")] = None,
    quarterly_weight: Annotated[float, typer.Option(help="Weight of the quarterly score.")] = 0.4,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Price anomaly flags (FAO GIEWS IPA) for one monthly or event-dated series of one geo.

    Event prices (GlobalDairyTrade auctions) are averaged per month; a month without events
    stays a gap.

    Example: fairmilk prices anomalies --series gdt_smp_price --geo world
    """
    from fairmilk.errors import ParameterError
    from fairmilk.indicators.price_tables import anomaly_table

    series, geo = series or series_arg, geo or geo_arg
    if not series or not geo:
        raise ParameterError("expected a series and a geo, e.g. --series gdt_smp_price --geo world")
    with price_source(db, engine, data) as con:
        show(anomaly_table(con, series=series, geo=geo, quarterly_weight=quarterly_weight), fmt)


@prices_app.command("convert")
def convert(
    value: float,
    source: Annotated[str, typer.Option("--from", help="Unit of VALUE, e.g. EUR/100kg.")],
    target: Annotated[str, typer.Option("--to", help="Target unit, e.g. XOF/L.")],
    year: Annotated[int | None, typer.Option(help="Year of the exchange rate.")] = None,
    kg_per_litre: Annotated[float | None, typer.Option(help="Density, if kg <-> L.")] = None,
    db: DbOption = None,
    engine: EngineOption = None,
    data: DataOption = None,
) -> None:
    """Convert a price between units and currencies (a missing rate is an error)."""
    from fairmilk.indicators.prices import read_rates
    from fairmilk.indicators.units import convert_price

    with price_source(db, engine, data) as con:
        rates = read_rates(con)
    out = convert_price(value, source, target, year=year, rates=rates, kg_per_litre=kg_per_litre)
    typer.echo(f"{value:g} {source} = {out:.6g} {target}")


@prices_app.command("fetch-agridata")
def fetch_agridata(
    out: Annotated[Path, typer.Argument(help="Where to write the prices (long CSV layout).")],
    member_state: Annotated[list[str], typer.Option(help="Member state code (DE), or EU.")],
    dataset: Annotated[str, typer.Option(help="raw-milk (monthly) or dairy (weekly).")] = (
        "raw-milk"
    ),
    product: Annotated[
        list[str] | None, typer.Option(help="Dairy products, e.g. butter,smp,wmp (default).")
    ] = None,
    year: Annotated[list[int] | None, typer.Option(help="Year to fetch.")] = None,
    since: Annotated[
        datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First day.")
    ] = None,
    until: Annotated[
        datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last day.")
    ] = None,
    load: Annotated[bool, typer.Option(help="Also load the file into the store.")] = False,
    db: DbOption = None,
) -> None:
    """Fetch EU raw-milk prices or dairy quotations (EC agri-food data portal) into a price file.

    Dairy quotations are weekly; the file holds their monthly means (see docs/ingest.md).
    """
    from fairmilk.errors import InputError
    from fairmilk.ingest.agridata import fetch_raw_milk_prices, write_price_csv
    from fairmilk.ingest.agridata_dairy import DEFAULT_PRODUCTS, fetch_dairy_prices

    if dataset not in ("raw-milk", "dairy"):
        raise InputError("unknown dataset", column="--dataset", expected="raw-milk or dairy",
                         found=dataset)  # fmt: skip
    if not (year or since or until):
        raise InputError("no period", column="--year", expected="--year, or --from/--to")
    if product and dataset != "dairy":
        raise InputError("--product is for dairy", column="--product", expected="--dataset dairy")
    begin, end = (since.date() if since else None), (until.date() if until else None)
    if dataset == "dairy":
        products = [p for item in product or DEFAULT_PRODUCTS for p in item.split(",") if p]
        records = fetch_dairy_prices(member_states=member_state, products=products,
                                     years=year or (), begin=begin, end=end)  # fmt: skip
    else:
        records = fetch_raw_milk_prices(member_states=member_state, years=year or (),
                                        begin=begin, end=end)  # fmt: skip
    write_price_csv(records, out)
    typer.echo(f"{out}: {len(records)} prices written")
    if load:
        ingest_prices(out, db=db)


def ingest_prices(
    file: Annotated[Path, typer.Argument(help="Price file in the long layout (.csv or .xlsx).")],
    db: DbOption = None,
) -> None:
    """Load a price file (documented long layout); nothing is loaded if any row is bad."""
    from fairmilk.store.prices import load_price_file

    with open_prices(db) as con:
        file_id, rows = load_price_file(con, file)
    if rows:
        typer.echo(f"{file.name}: {rows} price rows loaded (file {file_id[:12]})")
    else:
        typer.echo(f"{file.name}: already loaded (file {file_id[:12]}); nothing to do")


def _ingest_group(app: typer.Typer) -> typer.Typer:
    for group in app.registered_groups:
        if group.name == "ingest" and group.typer_instance is not None:
            return group.typer_instance
    ingest = typer.Typer(help="Load source files into the store.", no_args_is_help=True)
    app.add_typer(ingest, name="ingest")
    return ingest


def register(app: typer.Typer) -> None:
    """Add the ``prices`` commands, and ``prices`` under the ``ingest`` group."""
    app.add_typer(prices_app, name="prices")
    _ingest_group(app).command("prices")(ingest_prices)
