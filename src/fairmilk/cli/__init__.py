"""The ``fairmilk`` command line: thin commands, each module registering its own."""

from __future__ import annotations

import sys

import typer

from fairmilk import __version__
from fairmilk.cli import build, ingest, policy, prices, register, trade, trade_export, versions, web
from fairmilk.errors import FairmilkError

app = typer.Typer(
    name="fairmilk",
    help="An open observatory for local and fair milk in West Africa and Europe.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (build, ingest, trade, trade_export, prices, policy, register, versions, web):
    _module.register(app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fairmilk {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """An open observatory for local and fair milk in West Africa and Europe."""


def main() -> None:
    """Run the command line; a FairmilkError prints its message and exits with status 2."""
    try:
        app(standalone_mode=False)
    except FairmilkError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(1)
    except Exception as exc:  # click usage errors arrive here in non-standalone mode
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
