"""Commands: register observations (import, list, publish, reject)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from fairmilk.cli.moderation import Setter, moderation_commands
from fairmilk.cli.options import DbOption, FormatOption
from fairmilk.cli.register_io import reading, said, store, table
from fairmilk.errors import InputError
from fairmilk.text import msg

app = typer.Typer(
    name="observations", help="Field observations of prices and labels.", no_args_is_help=True
)


@app.command("import")
def import_observations(
    file: Annotated[Path, typer.Argument(help="CSV with the observation form's columns.")],
    db: DbOption = None,
) -> None:
    """Validate a CSV of observations and store every row as pending (all or nothing)."""
    from fairmilk.register.observation_store import import_observations_csv

    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InputError(msg("cannot read: {why}", why=exc.strerror), file=str(file)) from exc
    with store(db) as con:
        results = import_observations_csv(con, data, name=file.name)
    created = sum(1 for _id, new in results if new)
    counts = msg("{created} observations stored as pending, {kept} already stored",
                 created=created, kept=len(results) - created)  # fmt: skip
    typer.echo(said(counts))


@app.command("list")
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
    with reading(db) as con:
        rows = rows_of(con, status=status)
    table("Field observations", rows, columns, fmt)


def _set_observation() -> Setter:
    from fairmilk.register.observation_store import set_observation_status

    return set_observation_status


moderation_commands(app, "observation", _set_observation)
