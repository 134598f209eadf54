"""Helpers shared by the register commands: options, the store, table output."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fairmilk.cli.options import DbOption, check_format
from fairmilk.config import db_path
from fairmilk.outputs.tables import Result, print_result

if TYPE_CHECKING:
    import duckdb

ActorOption = Annotated[
    str,
    typer.Option("--as", help="Moderator name recorded in the audit trail.", show_default=False),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Reason, kept in the audit trail.")]
StatusOption = Annotated[
    str | None, typer.Option("--status", help="pending, published or rejected.")
]
AllOption = Annotated[
    bool, typer.Option("--all", help="Include unpublished submissions (moderators only).")
]


@contextmanager
def store(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store (created or migrated if needed, reference data current), closed at the end."""
    from fairmilk.store.complete import open_complete

    con = open_complete(db_path(db))
    try:
        yield con
    finally:
        con.close()


def dumps(data: Any) -> str:
    """Indented JSON that keeps accents and prints dates as ISO text."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def table(title: str, rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    """Print rows as a table, CSV or JSON (gaps shown as gaps)."""
    result = Result(title, columns, [tuple(r.get(c) for c in columns) for r in rows])
    print_result(result, check_format(fmt))


Setter = Callable[..., None]  # (con, item_id, status, *, actor, note) -> None


def moderation_commands(app: typer.Typer, noun: str, setter: Callable[[], Setter]) -> None:
    """Add ``publish`` and ``reject`` commands for one kind of item (``setter`` imports lazily)."""
    docs = {
        "published": f"Publish the {noun} (contact details always stay private).",
        "rejected": f"Reject the {noun} (kept in the store and the audit trail, never shown).",
    }
    for name, status in (("publish", "published"), ("reject", "rejected")):
        app.command(name)(_moderation_command(noun, status, docs[status], setter))


def _moderation_command(
    noun: str, status: str, doc: str, setter: Callable[[], Setter]
) -> Callable[..., None]:
    def command(
        item: str, actor: ActorOption, note: NoteOption = None, db: DbOption = None
    ) -> None:
        with store(db) as con:
            setter()(con, item, status, actor=f"cli:{actor}", note=note)
        typer.echo(f"{item}: {status}")

    command.__doc__ = doc
    command.__annotations__["item"] = Annotated[
        str, typer.Argument(help=f"{noun.capitalize()} id.")
    ]
    return command
