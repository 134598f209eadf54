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


EngineOption = Annotated[
    str | None,
    typer.Option(
        "--engine",
        help="Run on another engine: spark, duckdb or an Ibis URL (trino://...), over the "
        "Parquet tables of --data (default: the DuckDB store, --db). See docs/engines.md.",
        show_default=False,
    ),
]

DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder written by 'fairmilk export parquet DIR', read by --engine "
        "(duckdb when no engine is given).",
        show_default=False,
    ),
]
