"""A new store starts as a copy of a complete empty store, made once per version of its contents.

The schema, the current views and the embedded reference data are the same in every new
store of one fairmilk version, and making them costs about a second (most of it the
reference data). The first new store of a version makes the template
(``<cache>/stores/empty-<key>.duckdb``, written under another name and renamed when
complete); later new stores start as a copy of it. The copy is then checked like any store
(schema applied, views and reference data compared with their fingerprints and remade if
they differ), so a template that is stale or not fairmilk's costs time, never correctness.
"""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import duckdb

from fairmilk.config import cache_dir
from fairmilk.store.complete import bring_up_to_date, embedded_fingerprint
from fairmilk.store.db import definition_files, open_store

PREFIX = "empty-"


def template_key() -> str:
    """What the template holds: reference data, schema, views, and DuckDB's file format."""
    sha = hashlib.sha256(embedded_fingerprint().encode())
    for name, data in definition_files():
        sha.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    sha.update(duckdb.__version__.encode())
    return sha.hexdigest()[:16]


def new_store_template(folder: Path | None = None) -> Path | None:
    """The template for a new store (made now if missing); None if it cannot be written."""
    folder = folder if folder is not None else cache_dir() / "stores"
    path = folder / f"{PREFIX}{template_key()}.duckdb"
    if path.is_file():
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _make(path)
    except OSError:
        return None  # no cache to write to: the new store is made from nothing, as before
    for old in folder.glob(f"{PREFIX}*.duckdb"):  # templates of other versions
        if old != path:
            old.unlink(missing_ok=True)
    return path


def _make(path: Path) -> None:
    partial = path.with_name(f"{path.name}.partial-{os.getpid()}-{threading.get_ident()}")
    wal = partial.with_name(partial.name + ".wal")
    partial.unlink(missing_ok=True)
    wal.unlink(missing_ok=True)
    try:
        con = open_store(partial)
        try:
            bring_up_to_date(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        fd = os.open(partial, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
        wal.unlink(missing_ok=True)
