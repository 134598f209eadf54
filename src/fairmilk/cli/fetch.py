"""Commands: fetch comext|comtrade (download trade data into the cache, then load it)."""

from __future__ import annotations

import typer

from fairmilk.cli.fetch_comext import fetch_comext
from fairmilk.cli.fetch_comtrade import fetch_comtrade

fetch_app = typer.Typer(
    help="Download trade files into the cache, then load them.", no_args_is_help=True
)
fetch_app.command("comext")(fetch_comext)
fetch_app.command("comtrade")(fetch_comtrade)


def register(app: typer.Typer) -> None:
    """Add the fetch commands to app."""
    app.add_typer(fetch_app, name="fetch")
