"""Moderation from the command line: who acts, and the publish and reject commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from fairmilk.cli.options import DbOption
from fairmilk.cli.register_io import publish_copy, said, store
from fairmilk.text import msg

ActorOption = Annotated[
    str,
    typer.Option("--as", help="Moderator name recorded in the audit trail.", show_default=False),
]
NoteOption = Annotated[str | None, typer.Option("--note", help="Reason, kept in the audit trail.")]


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
        done = (
            msg("{id}: published", id=item)
            if status == "published"
            else msg("{id}: rejected", id=item)
        )
        typer.echo(said(done))
        publish_copy(db)

    command.__doc__ = doc
    command.__annotations__["item"] = Annotated[
        str, typer.Argument(help=f"{noun.capitalize()} id.")
    ]
    return command
