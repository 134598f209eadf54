"""Where a command's indicators run: the DuckDB store (default) or another engine (--engine)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from fairmilk.config import db_path
from fairmilk.errors import ParameterError

if TYPE_CHECKING:
    import duckdb

    from fairmilk.indicators.frame import Con


@contextmanager
def indicator_source(
    db: Path | None,
    *,
    engine: str | None,
    data: Path | None,
    open_store: Callable[[Path | None], duckdb.DuckDBPyConnection],
) -> Iterator[Con]:
    """The store opened by ``open_store``, or the engine over the Parquet folder ``data``."""
    if engine is None and data is None:
        con = open_store(db)
        try:
            yield con
        finally:
            con.close()
        return
    if db is not None:
        raise ParameterError("--db is the DuckDB store file: leave it out with --engine or --data")
    from fairmilk.store.engines import open_engine

    yield open_engine(engine or "duckdb", data=data)


def write_parquet(folder: Path | None, *, db: Path | None) -> None:
    """Write the store's tables that the indicators read to ``folder`` as Parquet files."""
    from fairmilk.store import open_store
    from fairmilk.store.parquet import export_parquet, table_file

    if folder is None:
        raise ParameterError(
            "export parquet: expected the folder to write, e.g. export parquet out/"
        )
    con = open_store(db_path(db), read_only=True)
    try:
        done = export_parquet(con, folder)
    finally:
        con.close()
    for table, rows in done.rows.items():
        typer.echo(f"Wrote {table_file(folder, table)} ({rows} rows)")
    if done.synthetic:
        typer.echo("Note: includes SYNTHETIC demonstration data (labelled in the rows).")
