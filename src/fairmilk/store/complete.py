"""A complete store: schema and embedded reference data up to date before any write.

Every command that writes brings its store up to date first (:func:`bring_up_to_date`,
in the background while a trade file is read: :func:`updating`). The embedded
reference data (countries, products, regions, series, prices) is reloaded only when its
fingerprint differs from the one recorded in the store's ``meta`` table, so the check is
one small query when the store is current.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import duckdb

from fairmilk import __version__
from fairmilk.ingest.literals import sql_string
from fairmilk.store.db import open_store, transaction

FINGERPRINT_KEY = "reference_fingerprint"
# What the reference load depends on: the embedded files, their readers and the loaders.
_PARTS = (
    ("fairmilk.reference", ""),
    ("fairmilk.store", "schema"),
    ("fairmilk.store", "reference.py"),
    ("fairmilk.store", "prices.py"),
)
_SUFFIXES = (".csv", ".json", ".py", ".sql")


def _files(node: Traversable, name: str) -> list[tuple[str, bytes]]:
    if node.is_file():
        return [(name, node.read_bytes())] if name.endswith(_SUFFIXES) else []
    out: list[tuple[str, bytes]] = []
    for child in node.iterdir():
        if child.name != "__pycache__":
            out += _files(child, f"{name}/{child.name}")
    return out


@cache
def embedded_fingerprint() -> str:
    """The sha256 of the embedded reference data, its loaders and the schema (cached)."""
    sha = hashlib.sha256(__version__.encode())
    for package, sub in _PARTS:
        node = resources.files(package)
        if sub:
            node = node / sub
        for name, data in sorted(_files(node, f"{package}/{sub}")):
            sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return sha.hexdigest()


def stored_fingerprint(con: duckdb.DuckDBPyConnection) -> str | None:
    """The fingerprint of the reference data last loaded into the store, if any."""
    # No bound parameter: binding one makes DuckDB import pandas (fairmilk.ingest.literals).
    row = con.execute(
        f"SELECT value FROM meta WHERE key = {sql_string(FINGERPRINT_KEY)}"
    ).fetchone()
    return str(row[0]) if row else None


def bring_up_to_date(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Reload the embedded reference data unless the store has it already; True if reloaded."""
    current = embedded_fingerprint()
    if not force and stored_fingerprint(con) == current:
        return False
    # The loaders are imported only when there is work to do.
    from fairmilk.store.prices import load_price_reference
    from fairmilk.store.reference import load_reference

    load_reference(con)
    load_price_reference(con)
    with transaction(con):
        con.execute(f"DELETE FROM meta WHERE key = {sql_string(FINGERPRINT_KEY)}")
        con.execute(
            f"INSERT INTO meta VALUES ({sql_string(FINGERPRINT_KEY)}, {sql_string(current)})"
        )
    return True


@contextmanager
def updating(con: duckdb.DuckDBPyConnection) -> Iterator[Callable[[], None]]:
    """Bring ``con``'s store up to date in the background; yield ``ready``.

    ``ready`` waits for the reference data (and raises its error): call it before writing;
    reading a trade file can run meanwhile (the update runs on its own cursor).
    """
    cursor = con.cursor()
    pool = ThreadPoolExecutor(max_workers=1)
    job = pool.submit(bring_up_to_date, cursor)

    def ready() -> None:
        job.result()

    try:
        yield ready
    finally:
        try:
            job.result()
        finally:
            pool.shutdown()
            cursor.close()


def open_complete(path: Path | str) -> duckdb.DuckDBPyConnection:
    """Open the store for writing, its schema and reference data brought up to date."""
    con = open_store(path)
    try:
        bring_up_to_date(con)
    except BaseException:
        con.close()
        raise
    return con
