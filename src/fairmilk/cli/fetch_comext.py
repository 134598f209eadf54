"""Command: fetch comext, from the SDMX API (filtered; default) or a bulk file (--bulk)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from fairmilk.cli.options import DbOption
from fairmilk.config import cache_dir, db_path
from fairmilk.errors import ParameterError

if TYPE_CHECKING:
    import duckdb

    from fairmilk.ingest.comext_fetch import YearFile

CacheOption = Annotated[
    Path | None, typer.Option("--cache", help="Download cache (default: $FAIRMILK_CACHE).")
]
API_NOTE = (
    "Eurostat Comext dataset DS-045409 through its SDMX 2.1 API; Eurostat's copyright "
    "and reuse policy (free reuse with acknowledgement)"
)


def fetch_comext(
    first: Annotated[
        int | None, typer.Option("--from", help="First year (API; default: --year).", min=1988)
    ] = None,
    last: Annotated[
        int | None, typer.Option("--to", help="Last year (API; default: --from).", min=1988)
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="One year (API or --bulk).", min=1988)
    ] = None,
    monthly: Annotated[bool, typer.Option("--monthly", help="Monthly (API).")] = False,
    partner: Annotated[
        list[str] | None,
        typer.Option(
            "--partner", help="Partner ISO code or region (repeatable; default west-africa)."
        ),
    ] = None,
    flow: Annotated[str, typer.Option("--flow", help="export, import or both.")] = "export",
    bulk: Annotated[
        bool, typer.Option("--bulk", help="Download the whole bulk file of --year instead.")
    ] = False,
    month: Annotated[
        int | None, typer.Option("--month", help="Month of the bulk file.", min=1, max=12)
    ] = None,
    cache: CacheOption = None,
    db: DbOption = None,
) -> None:
    """Download Comext dairy trade (EU reporters; West Africa by default), then load it.

    By default only the dairy CN8 codes, the chosen partners and EU reporters are asked
    from Eurostat's SDMX API (megabytes); --bulk downloads a whole bulk file instead.
    """
    if bulk:
        if monthly or first is not None or last is not None:
            raise ParameterError("--bulk takes --year and --month, not --monthly/--from/--to")
        _bulk(year, month, cache, db)
        return
    if month is not None:
        raise ParameterError("--month goes with --bulk; for monthly API data use --monthly")
    low = first or year or last
    if low is None:
        raise ParameterError("give --from/--to or --year")
    high = last if last is not None else low
    if high < low or high > date.today().year:
        raise ParameterError(f"--to: expected {low} <= --to <= {date.today().year}, found {high}")
    flows = {"export": ("export",), "import": ("import",), "both": ("export", "import")}
    if flow not in flows:
        raise ParameterError(f"--flow: expected export, import or both, found {flow!r}")
    _api(low, high, tuple(partner or ("west-africa",)), flows[flow], monthly, cache, db)


def _bulk(year: int | None, month: int | None, cache: Path | None, db: Path | None) -> None:
    from fairmilk.cli.ingest import ingest_files
    from fairmilk.ingest.fetch import comext_url, download

    if year is None:
        raise ParameterError("--bulk needs --year")
    url = comext_url(year, month)
    typer.echo(f"fetching {url}")
    got = download(url, cache_dir(cache), suffix=".7z")
    typer.echo(f"{'cached' if got.cached else 'downloaded'}: {got.path} ({got.size:,} bytes)")
    ingest_files([got.path], "comext", db, False)


def _api(
    low: int,
    high: int,
    partners: tuple[str, ...],
    flows: tuple[str, ...],
    monthly: bool,
    cache: Path | None,
    db: Path | None,
) -> None:
    import httpx

    from fairmilk.ingest.comext_api import Scope
    from fairmilk.ingest.comext_fetch import fetch_years
    from fairmilk.store.complete import bring_up_to_date
    from fairmilk.store.generations import publishing

    scope = Scope(partners=partners, flows=flows, monthly=monthly)
    with httpx.Client(timeout=httpx.Timeout(60.0, read=300.0), follow_redirects=True) as http:
        files = fetch_years(
            low, high, scope=scope, cache=cache_dir(cache), http=http, report=typer.echo
        )
    with publishing(db_path(db), note=f"fairmilk fetch comext {low}-{high}") as con:
        bring_up_to_date(con)
        for got in files:
            _load_year(con, got)


def _load_year(con: duckdb.DuckDBPyConnection, got: YearFile) -> None:
    """Load one year's API extract, unless bulk data of the year is loaded already."""
    from fairmilk.cli.ingest import print_report
    from fairmilk.ingest.comext_api import COMEXT_SDMX
    from fairmilk.store.coverage import real_comext_files_of
    from fairmilk.store.source_notes import annotate_source
    from fairmilk.store.trade import ingest_file

    if got.without_value:
        typer.echo(
            f"{got.year}: {got.without_value} key(s) without a published value "
            f"left out (listed in {got.path.name}.manifest.json)"
        )
    if got.rows == 0:
        typer.echo(f"{got.year}: no trade in the answers; nothing to load")
        return
    bulk = real_comext_files_of(con, got.year, besides="comext-api")
    if bulk:
        typer.echo(
            f"{got.year}: not loaded: Comext bulk data of this year is loaded "
            f"({', '.join(bulk)}); the two would be added together"
        )
        return
    report = ingest_file(con, got.path, source="comext", key=got.key)
    note = f"release {got.release}; manifest {got.path.name}.manifest.json"
    url = f"{COMEXT_SDMX}/data/DS-045409"
    annotate_source(con, report.file_id, producer="Eurostat", url=url, licence=API_NOTE, note=note)
    print_report(report)
