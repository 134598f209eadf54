"""The app's shared state: one store connection, a cursor per request, a view cache."""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from fairmilk.store.db import open_store

CACHE_SIZE = 512
Built = bytes | tuple[bytes, dict[str, str]]  # an answer's body, with headers it sets itself
GZIP_MIN = 1000


class Store:
    """One DuckDB connection for the app; each request reads through its own cursor."""

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        self._con = open_store(path, read_only=read_only)
        self._lock = threading.Lock()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the shared connection, closed after use."""
        with self._lock:
            cur = self._con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        """Close the shared connection."""
        self._con.close()


class ViewCache:
    """A bounded, thread-safe memo of built views; used only on a read-only store."""

    def __init__(self, *, enabled: bool, size: int = CACHE_SIZE) -> None:
        self.enabled = enabled
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key: tuple[Any, ...]) -> Any:
        """The cached value for ``key``, or None (never builds)."""
        return self._items.get(key) if self.enabled else None

    def get(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """The cached value for ``key``, built (and kept) on first use."""
        if not self.enabled:
            return build()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


async def respond(
    request: Request,
    key: tuple[Any, ...],
    build: Callable[[], Built],
    *,
    media: str,
    headers: dict[str, str] | None = None,
) -> Response:
    """The answer's bytes from the cache, gzipped once when the client accepts it.

    A cache hit is answered on the event loop; building (store reads, rendering) runs in
    the thread pool, so a slow first build never holds up other requests.
    """
    cache: ViewCache = request.app.state.cache
    built = cache.peek(key)
    if built is None:
        built = await run_in_threadpool(cache.get, key, build)
    body, extra = built if isinstance(built, tuple) else (built, {})
    out = dict(headers or {}) | extra
    if len(body) > GZIP_MIN and "gzip" in request.headers.get("accept-encoding", ""):
        raw: bytes = body
        zipped = cache.peek((*key, "gzip"))
        if zipped is None:
            compress = lambda: gzip.compress(raw, compresslevel=6, mtime=0)  # noqa: E731
            zipped = await run_in_threadpool(cache.get, (*key, "gzip"), compress)
        body = zipped
        out["Content-Encoding"] = "gzip"
        out["Vary"] = "Accept-Encoding"
    return Response(body, media_type=media, headers=out)
