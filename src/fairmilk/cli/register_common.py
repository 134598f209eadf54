"""Helpers shared by the register commands: options, the store, table output."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fairmilk.cli.options import check_format
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
    """The store (created or migrated if needed), closed at the end of the block."""
    from fairmilk.store import open_store

    con = open_store(db_path(db))
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
