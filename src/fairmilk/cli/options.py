"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        help="DuckDB store file (default: $FAIRMILK_DB, else a per-user data folder).",
        show_default=False,
    ),
]

FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="Output format: table, csv or json."),
]


def check_format(fmt: str) -> str:
    """Reject an unknown output format with a clear message."""
    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter(
            f"expected table, csv or json, found {fmt!r}", param_hint="--format"
        )
    return fmt
