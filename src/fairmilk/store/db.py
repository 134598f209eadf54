"""Open the DuckDB store, apply its schema, and run writes in one transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path

import duckdb

from fairmilk.errors import StoreError
from fairmilk.store.compiled_views import shipped

VIEWS_KEY = "views_fingerprint"  # meta key: the definitions and SQL of the current views


@cache
def schema_files() -> list[tuple[str, str]]:
    folder = resources.files("fairmilk.store") / "schema"
    names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(name, (folder / name).read_text(encoding="utf-8")) for name in names]


def schema_version() -> str:
    """The name of the last schema file: the store's schema version."""
    return schema_files()[-1][0]


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
            for _name, sql in schema_files():
                con.execute(sql)
            _create_current_views(con)
    return con


def _create_current_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create the SQL views compiled from their one Ibis definition (store.current).

    Runs only when the views may differ from their definitions: when the schema files or
    ``store/current.py`` changed, or when the views' SQL is not the SQL recorded at the last
    creation (a view dropped or replaced). The SQL is the package's compiled copy when it was
    compiled from today's definitions (no Ibis to import), else compiled now.
    """
    if _views_fingerprint(con) == _recorded(con, VIEWS_KEY):
        return
    for statement in shipped(definitions()) or compile_views(con):
        con.execute(statement)
    con.execute(f"DELETE FROM meta WHERE key = '{VIEWS_KEY}'")
    con.execute(f"INSERT INTO meta VALUES ('{VIEWS_KEY}', '{_views_fingerprint(con)}')")


def compile_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The views' ``CREATE OR REPLACE VIEW`` statements, compiled by Ibis for ``con``'s tables."""
    import ibis

    from fairmilk.store.current import VIEW_TABLES, view_sql

    schemas = []
    for name in VIEW_TABLES:
        empty = con.execute(f'SELECT * FROM "{name}" LIMIT 0').to_arrow_table()
        schemas.append((name, ibis.Schema.from_pyarrow(empty.schema)))
    return view_sql(tuple(schemas))


def definition_files() -> list[tuple[str, bytes]]:
    """What the current views are compiled from: the schema files and ``store/current.py``."""
    current = (resources.files("fairmilk.store") / "current.py").read_bytes()
    return [(name, sql.encode()) for name, sql in schema_files()] + [("current.py", current)]


@cache
def definitions() -> bytes:
    """The sha256 of the files the views are compiled from."""
    sha = hashlib.sha256()
    for name, data in definition_files():
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.digest()


def _views_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """The definitions' sha256 and the SQL of the store's current views, hashed together."""
    from fairmilk.store.current import CURRENT_VIEWS

    names = ", ".join(f"'{name}'" for name in CURRENT_VIEWS)
    rows = con.execute(
        "SELECT view_name, sql FROM duckdb_views() "
        f"WHERE NOT internal AND view_name IN ({names}) ORDER BY view_name"
    ).fetchall()
    sha = hashlib.sha256(definitions())
    for name, sql in rows:
        sha.update(f"\0{name}\0{sql}".encode())
    return sha.hexdigest()


def _recorded(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute(f"SELECT max(value) FROM meta WHERE key = '{key}'").fetchone()
    return str(row[0]) if row and row[0] is not None else None


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
