"""Commands: register moderators, register observations, register audit."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption
from fairmilk.cli.register_common import (
    ActorOption,
    Setter,
    moderation_commands,
    store,
    table,
)
from fairmilk.errors import InputError

moderators = typer.Typer(name="moderators", help="Moderator accounts.", no_args_is_help=True)
observations = typer.Typer(
    name="observations", help="Field observations of prices and labels.", no_args_is_help=True
)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = typer.prompt("Password", hide_input=True)
    if typer.prompt("Repeat", hide_input=True) != first:
        raise InputError("the two passwords differ", column="password")
    return str(first)


@moderators.command("add")
def add_moderator(
    username: Annotated[str, typer.Argument(help="3-32 characters: a-z 0-9 _ . -")],
    actor: ActorOption,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Create a moderator (password hashed with scrypt and its own salt)."""
    from fairmilk.register.moderators import create_moderator

    password = _password(password_stdin)
    with store(db) as con:
        create_moderator(con, username, password, actor=f"cli:{actor}")
    typer.echo(f"moderator {username} created")


@moderators.command("list")
def list_moderators(db: DbOption = None) -> None:
    """List moderators and whether they are active."""
    from fairmilk.register.moderators import list_moderators as names

    with store(db) as con:
        for name, active in names(con):
            typer.echo(f"{name}\t{'active' if active else 'disabled'}")


@moderators.command("disable")
def disable_moderator(
    username: Annotated[str, typer.Argument(help="Moderator to disable.")],
    actor: ActorOption,
    db: DbOption = None,
) -> None:
    """Disable a moderator and end their sessions."""
    from fairmilk.register.moderators import set_active

    with store(db) as con:
        set_active(con, username, False, actor=f"cli:{actor}")
    typer.echo(f"moderator {username} disabled")


@observations.command("import")
def import_observations(
    file: Annotated[Path, typer.Argument(help="CSV with the observation form's columns.")],
    db: DbOption = None,
) -> None:
    """Validate a CSV of observations and store every row as pending (all or nothing)."""
    from fairmilk.register.observation_store import import_observations_csv

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", file=str(file)) from exc
    with store(db) as con:
        results = import_observations_csv(con, data, name=file.name)
    created = sum(1 for _id, new in results if new)
    typer.echo(f"{created} observations stored as pending, {len(results) - created} already stored")


@observations.command("list")
def list_observations(
    status: Annotated[
        str | None, typer.Option("--status", help="pending, published or rejected.")
    ] = None,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """List field observations."""
    from fairmilk.register.observation_store import list_observations as rows_of

    columns = ["id", "status", "observed_on", "country", "place", "product", "brand",
               "package_size", "package_unit", "price", "currency", "labels"]  # fmt: skip
    with store(db) as con:
        rows = rows_of(con, status=status)
    table("Field observations", rows, columns, fmt)


def _set_observation() -> Setter:
    from fairmilk.register.observation_store import set_observation_status

    return set_observation_status


moderation_commands(observations, "observation", _set_observation)


def audit(
    limit: Annotated[int, typer.Option("--limit", help="How many rows, newest first.", min=1)] = 50,
    fmt: FormatOption = "table",
    db: DbOption = None,
) -> None:
    """Show the audit trail of moderation actions."""
    from fairmilk.register.audit import audit_trail

    with store(db) as con:
        rows = audit_trail(con, limit=limit)
    table("Audit trail", rows, ["at", "actor", "action", "kind", "target", "detail"], fmt)


def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the dashboard with a writable store, so the register forms accept posts."""
    from fairmilk.config import db_path
    from fairmilk.outputs.web import create_app
    from fairmilk.outputs.web.server import serve as run

    app = create_app(db_path(db), read_only=False)
    typer.echo(f"fairmilk with the register open for submissions: http://{host}:{port}/register/")
    run(app, host=host, port=port)


def attach(app: typer.Typer) -> None:
    """Attach the moderators, observations and audit commands to the register app."""
    app.add_typer(moderators, name="moderators")
    app.add_typer(observations, name="observations")
    app.command("audit")(audit)
    app.command("serve")(serve)
