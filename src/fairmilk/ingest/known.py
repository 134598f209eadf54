"""Stop reading a file as soon as its sha256 shows it is already loaded.

The sha256 of a file is computed beside the scan, and is ready long before it (hashing
reads about ten times faster than DuckDB parses). When it is the id of a file the store
holds, the scan is interrupted and :class:`KnownFile` raised: loading the same bytes again
would change nothing, and the caller reports the loaded file instead.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterator
from concurrent.futures import Future
from contextlib import contextmanager

import duckdb

from fairmilk.ingest.opening import Digest


class KnownFile(Exception):
    """The file's bytes are those of a loaded file (``sha256``, its id)."""

    def __init__(self, sha256: str) -> None:
        super().__init__(f"already loaded: {sha256}")
        self.sha256 = sha256


class ScanStop:
    """Interrupts a running scan once the file's digest is one of ``known``."""

    def __init__(self, known: Collection[str]) -> None:
        self._known = known
        self._lock = threading.Lock()
        self._running: duckdb.DuckDBPyConnection | None = None
        self._found: str | None = None

    def watch(self, job: Future[Digest]) -> None:
        """Check the digest when ``job`` ends (now, if it has ended)."""
        job.add_done_callback(self._digested)

    def _digested(self, job: Future[Digest]) -> None:
        if job.cancelled() or job.exception() is not None:
            return  # the scan goes on; the error is raised where the digest is read
        sha = job.result().sha256
        if sha not in self._known:
            return
        with self._lock:
            self._found = sha
            if self._running is not None:
                self._running.interrupt()

    @contextmanager
    def running(self, con: duckdb.DuckDBPyConnection) -> Iterator[None]:
        """Run the block (the scan on ``con``) unless, or until, the file is known."""
        with self._lock:
            if self._found is not None:
                raise KnownFile(self._found)
            self._running = con
        try:
            yield
        except duckdb.Error:
            if self._stop() is not None:
                raise KnownFile(str(self._found)) from None
            raise
        if self._stop() is not None:
            raise KnownFile(str(self._found))

    def _stop(self) -> str | None:
        with self._lock:
            self._running = None
            return self._found
