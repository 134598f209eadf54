"""Command: fetch comtrade, from the UN Comtrade API (key) or its public preview (no key)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli.options import DbOption
from fairmilk.config import cache_dir, db_path
from fairmilk.errors import ParameterError

CacheOption = Annotated[
    Path | None, typer.Option("--cache", help="Download cache (default: $FAIRMILK_CACHE).")
]
LICENCE = "UN Comtrade terms of use (https://comtradeplus.un.org/); cite UN Comtrade"


def fetch_comtrade(
    reporter: Annotated[
        str, typer.Option("--reporter", help="Reporters: ISO2 codes or regions, comma-separated.")
    ],
    year: Annotated[int | None, typer.Option("--year", help="One year.", min=1988)] = None,
    first: Annotated[int | None, typer.Option("--from", help="First year.", min=1988)] = None,
    last: Annotated[int | None, typer.Option("--to", help="Last year.", min=1988)] = None,
    partner: Annotated[
        str | None,
        typer.Option("--partner", help="Partners: ISO2 codes or regions (default: all)."),
    ] = None,
    flow: Annotated[str, typer.Option("--flow", help="M, X or M,X.")] = "M,X",
    hs: Annotated[
        str | None,
        typer.Option(
            "--hs",
            help="HS codes, comma-separated (default: the six-digit dairy "
            "codes of the product table).",
        ),
    ] = None,
    cache: CacheOption = None,
    db: DbOption = None,
) -> None:
    """Download from UN Comtrade, then load: with $COMTRADE_API_KEY the data API, else the
    public preview (no key, 500 records a request). One request per reporter and year."""
    import httpx

    from fairmilk.ingest.comtrade_api import fetch_years, partners_in, subscription_key

    low = first or year or last
    if low is None:
        raise ParameterError("give --year or --from/--to")
    high = last if last is not None else low
    if high < low or high > date.today().year:
        raise ParameterError(f"--to: expected {low} <= --to <= {date.today().year}, found {high}")
    reporters = partners_in(tuple(_split(reporter)), high)
    typer.echo(
        "UN Comtrade "
        + ("data API (key from $COMTRADE_API_KEY)" if subscription_key() else "public preview")
    )
    with httpx.Client(timeout=httpx.Timeout(60.0, read=300.0), follow_redirects=True) as http:
        got = fetch_years(
            reporters, low, high, partners=tuple(_split(partner or "")),
            hs=tuple(_split(hs or "")), flows=tuple(_split(flow.upper())),
            cache=cache_dir(cache), http=http,
        )  # fmt: skip
    _load(got, db)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _load(got: Sequence[object], db: Path | None) -> None:
    from fairmilk.cli.ingest import print_report
    from fairmilk.ingest.comtrade_api import Fetched
    from fairmilk.store.complete import bring_up_to_date
    from fairmilk.store.generations import publishing
    from fairmilk.store.source_notes import annotate_source
    from fairmilk.store.trade import ingest_file

    with publishing(db_path(db), note="fairmilk fetch comtrade") as con:
        bring_up_to_date(con)
        for item in got:
            assert isinstance(item, Fetched)
            state = "cached" if item.cached else "downloaded"
            if item.path is None:
                typer.echo(f"{item.reporter} {item.year}: no records ({state}); nothing to load")
                continue
            typer.echo(f"{item.reporter} {item.year}: {item.records} records ({state})")
            report = ingest_file(con, item.path, source="comtrade")
            note = f"answer {item.path.with_suffix('.json').name} with its provenance sidecar"
            annotate_source(
                con,
                report.file_id,
                producer="UN Comtrade",
                url="https://comtradeapi.un.org",
                licence=LICENCE,
                note=note,
            )
            print_report(report)
