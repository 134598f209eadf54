"""The ``fairmilk`` command line: thin commands, each module registering its own."""

from __future__ import annotations

import sys

import typer

from fairmilk import __version__
from fairmilk.cli import (
    build,
    fetch,
    ingest,
    policy,
    prices,
    register,
    trade,
    trade_export,
    versions,
    web,
)
from fairmilk.errors import FairmilkError

app = typer.Typer(
    name="fairmilk",
    help="An open observatory for local and fair milk in West Africa and Europe.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _module in (build, ingest, fetch, trade, trade_export, prices, policy, register, versions, web):
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
    """Run the command line; a FairmilkError prints its message and exits with status 2, and
    so does every usage error (unknown option or command, bad or missing value)."""
    try:
        app(standalone_mode=False)
    except FairmilkError as exc:
        typer.echo(_error_line(exc), err=True)
        sys.exit(2)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("Aborted.", err=True)
        sys.exit(1)
    except Exception as exc:
        code = _usage_error(exc)
        if code is None:
            raise
        sys.exit(code)


def _error_line(exc: FairmilkError) -> str:
    """``Error: <message>`` in the language of command-line messages (FAIRMILK_LANG)."""
    from fairmilk.config import message_lang
    from fairmilk.outputs.error_text import error_text
    from fairmilk.outputs.i18n import localise
    from fairmilk.text import msg

    lang = message_lang()
    return str(localise(msg("Error: {message}", message=error_text(exc, lang)), lang))


def _usage_error(exc: Exception) -> int | None:
    """Show a usage error (click's or Typer's own copy of it) and give its exit status."""
    import click
    from typer.exceptions import TyperException

    show = getattr(exc, "show", None)
    if not isinstance(exc, click.ClickException | TyperException) or show is None:
        return None
    show()
    code = int(getattr(exc, "exit_code", 2))
    return 2 if code == 1 else code
