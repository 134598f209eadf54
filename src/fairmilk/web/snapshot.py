"""One published version of the store, opened read-only: its connection and fingerprint."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from fairmilk.outputs.fingerprint import Fingerprint, fingerprint_sql, read_fingerprint
from fairmilk.store.db import open_store, schema_version


class Snapshot:
    """A version of the store read through one connection, a cursor per request.

    A published version never changes, so its fingerprint is read once, when it is opened.
    """

    def __init__(self, target: Path) -> None:
        self.target = target
        self._con = open_store(target, read_only=True)
        self._lock = threading.Lock()
        with self.cursor() as cur:
            self._fingerprint = read_fingerprint(cur, fingerprint_sql(cur), schema=schema_version())

    def fingerprint(self) -> Fingerprint:
        """The state of this version."""
        return self._fingerprint

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the connection, closed after use."""
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        """Close the connection."""
        self._con.close()
