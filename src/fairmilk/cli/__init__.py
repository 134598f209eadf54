"""The ``fairmilk`` command line: thin commands, each module registering its own.

A command imports only the modules that register it (``fairmilk ingest comext`` does not
import the web, policy or trade commands); ``fairmilk --help`` and the ``app`` attribute
of this package hold every command.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import import_module

import typer

from fairmilk import __version__
from fairmilk.errors import FairmilkError

MODULES = (
    "build",
    "ingest",
    "fetch",
    "trade",
    "trade_export",
    "prices",
    "policy",
    "register",
    "versions",
    "web",
)
# The top-level commands (and groups) each module of MODULES adds; tests/cli checks it.
COMMANDS: dict[str, tuple[str, ...]] = {
    "build": ("build",),
    "ingest": ("ingest", "sources", "quality"),
    "fetch": ("fetch",),
    "trade": ("trade",),
    "trade_export": ("export", "headline"),
    "prices": ("prices", "ingest"),
    "policy": ("policy",),
    "register": ("register",),
    "versions": ("versions",),
    "web": ("serve", "report"),
}


def build_app(modules: tuple[str, ...] = MODULES) -> typer.Typer:
    """The command line with the commands of ``modules`` (names in MODULES)."""
    found = typer.Typer(
        name="fairmilk",
        help="An open observatory for local and fair milk in West Africa and Europe.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )
    found.callback()(_root)
    for name in modules:
        import_module(f"fairmilk.cli.{name}").register(found)
    return found


def modules_for(argv: list[str]) -> tuple[str, ...]:
    """The modules a command line needs: those adding its command, else all of them."""
    command = next((a for a in argv if not a.startswith("-")), None)
    needed = tuple(m for m in MODULES if command in COMMANDS[m])
    return needed or MODULES


@cache
def _full_app() -> typer.Typer:
    return build_app()


def __getattr__(name: str) -> typer.Typer:
    if name == "app":  # every command, built on first use
        return _full_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"fairmilk {__version__}")
        raise typer.Exit()


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
        build_app(modules_for(sys.argv[1:]))(standalone_mode=False)
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
