"""Commands: ``fairmilk versions list`` and ``fairmilk versions rollback N``."""

from __future__ import annotations

from typing import Annotated

import typer

from fairmilk.cli.options import DbOption, FormatOption, check_format
from fairmilk.config import db_path
from fairmilk.outputs.tables import Result, print_result

versions_app = typer.Typer(
    help="Versions of the store: every write makes one; running servers switch to it.",
    no_args_is_help=True,
)


@versions_app.command("list")
def list_command(db: DbOption = None, fmt: FormatOption = "table") -> None:
    """List the kept versions of the store, oldest first (* marks the current one)."""
    from fairmilk.store.generations import list_versions

    path = db_path(db)
    rows = [
        ("*" if v.current else "", v.number, v.created, v.note, round(v.size / 1e6, 1))
        for v in list_versions(path)
    ]
    if not rows:
        typer.echo(f"{path}: no versions yet (the first command that writes makes version 1)")
        return
    columns = ["current", "version", "created (UTC)", "made by", "size (MB)"]
    print_result(Result(f"Versions of {path}", columns, rows), check_format(fmt))


@versions_app.command("rollback")
def rollback_command(
    version: Annotated[int, typer.Argument(help="The version to make current again.")],
    db: DbOption = None,
) -> None:
    """Make an earlier version current again, as a new version (so it can be undone too).

    Everything written after that version is left out of the new one, register
    submissions and moderation included; the versions in between stay listed.
    """
    from fairmilk.store.generations import rollback

    made = rollback(db_path(db), version)
    typer.echo(f"version {made.number} is now current: a copy of version {version}")


def register(app: typer.Typer) -> None:
    """Add the versions commands to ``app``."""
    app.add_typer(versions_app, name="versions")
