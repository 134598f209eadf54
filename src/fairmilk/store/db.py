"""Open the DuckDB store, apply its schema, and run writes in one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import duckdb

from fairmilk.errors import StoreError


def _schema_files() -> list[tuple[str, str]]:
    folder = resources.files("fairmilk.store") / "schema"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name, (folder / name).read_text(encoding="utf-8")) for name in names]


def schema_version() -> str:
    """The name of the last schema file: the store's schema version."""
    return _schema_files()[-1][0]


def open_store(path: Path | str, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and create or migrate, unless read-only) the store at ``path``."""
    target = str(path)
    if target != ":memory:":
        file = Path(target)
        if read_only and not file.exists():
            raise StoreError(f"{file}: no store here; run 'fairmilk build' first")
        if not read_only and file.is_symlink():
            raise StoreError(
                f"{file}: this store is versioned; a command writes a new version of it "
                "(fairmilk.store.generations.publishing), never the current one"
            )
        if not read_only:
            file.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(target, read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(f"{target}: cannot open the store: {exc}") from exc
    if not read_only:
        with transaction(con):
            for _name, sql in _schema_files():
                con.execute(sql)
            _create_current_views(con)
    return con


def _create_current_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the SQL views compiled from their one Ibis definition (store.current)."""
    import ibis

    from fairmilk.store.current import VIEW_TABLES, view_sql

    schemas = []
    for name in VIEW_TABLES:
        empty = con.execute(f'SELECT * FROM "{name}" LIMIT 0').to_arrow_table()
        schemas.append((name, ibis.Schema.from_pyarrow(empty.schema)))
    for statement in view_sql(tuple(schemas)):
        con.execute(statement)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Run the block in one transaction: all of it is written, or none of it."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
