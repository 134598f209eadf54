"""Commands: register moderators (add, list, disable) and register audit."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from fairmilk.cli.moderation import ActorOption
from fairmilk.cli.options import DbOption, FormatOption
from fairmilk.cli.register_io import reading, said, store, table
from fairmilk.errors import InputError
from fairmilk.text import msg

app = typer.Typer(name="moderators", help="Moderator accounts.", no_args_is_help=True)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Repeat", hide_input=True) != first:
        raise InputError(msg("the two passwords differ"), column="password")
    return str(first)


@app.command("add")
def add_moderator(
    username: Annotated[str, typer.Argument(help="3-32 characters: a-z 0-9 _ . -")],
    actor: ActorOption,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    admin: Annotated[
        bool,
        typer.Option("--admin", help="An administrator: may also disable moderators on the web."),
    ] = False,
    db: DbOption = None,
) -> None:
    """Create a moderator (password hashed with scrypt and its own salt)."""
    from fairmilk.register.moderators import create_moderator

    password = _password(password_stdin)
    with store(db) as con:
        create_moderator(con, username, password, actor=f"cli:{actor}", admin=admin)
    typer.echo(said(msg("moderator {name} created", name=username)))


@app.command("list")
def list_moderators(db: DbOption = None) -> None:
    """List moderators and whether they are active."""
    from fairmilk.register.moderators import list_moderators as names

    with reading(db) as con:
        for name, active in names(con):
            state = msg("active") if active else msg("disabled")
            typer.echo(f"{name}\t{said(state)}")


@app.command("disable")
def disable_moderator(
    username: Annotated[str, typer.Argument(help="Moderator to disable.")],
    actor: ActorOption,
    db: DbOption = None,
) -> None:
    """Disable a moderator and end their sessions."""
    from fairmilk.register.moderators import set_active

    with store(db) as con:
        set_active(con, username, False, actor=f"cli:{actor}")
    typer.echo(said(msg("moderator {name} disabled", name=username)))


def audit(
    limit: Annotated[int, typer.Option("--limit", help="How many rows, newest first.", min=1)] = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Show the audit trail of moderation actions."""
    from fairmilk.register.audit import audit_trail

    with reading(db) as con:
        rows = audit_trail(con, limit=limit)
    table("Audit trail", rows, ["at", "actor", "action", "kind", "target", "detail"], fmt)
