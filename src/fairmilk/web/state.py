"""The app's shared state: one store connection, a cursor per request, a view cache.

Every cache key ends with the parts of the store's fingerprint the answer depends on (see
:mod:`fairmilk.outputs.fingerprint`): a new version of the store changes them, so an answer
built before the switch is never served after it.
"""

from __future__ import annotations

import gzip
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
from fastapi import Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from fairmilk.errors import FairmilkError, StoreError
from fairmilk.outputs.fingerprint import Fingerprint
from fairmilk.store.generations import current_file, publishing
from fairmilk.web.disk_cache import MISSING, DiskResults
from fairmilk.web.snapshot import Snapshot

CACHE_SIZE = 512
Built = bytes | tuple[bytes, dict[str, str]]  # an answer's body, with headers it sets itself
GZIP_MIN = 1000
DATA = ("data",)  # the fingerprint parts most answers depend on
RETIRE_AFTER = 120.0  # seconds an old version's connection stays open for requests under way
LOG = logging.getLogger(__name__)
WARM_LIMIT = 30.0  # seconds a new version is warmed before the app switches to it anyway
WRITE_WAIT = 30.0  # seconds a web write waits for another writer (an ingest) to finish


def _quietly(warm: Callable[[Snapshot], None], snapshot: Snapshot) -> None:
    try:
        warm(snapshot)
    except Exception:  # a page that fails to build shows its own error when asked for
        LOG.exception("building the pages of %s failed", snapshot.target)


class Store:
    """The app's store: the current version (a :class:`Snapshot`), a cursor per request.

    Before each request the app asks :meth:`stale` (one ``readlink`` of the store's link);
    when a command has published a new version, the app switches to it without restart,
    at once (:meth:`refresh`) or after building its pages in the background
    (:meth:`warm_then_switch`), answering from the old version meanwhile. Requests under
    way finish on the version they started with. A writable app may write through
    :meth:`writing`: each write is published as a new version. (Register posts go to the
    register store instead, ``app.state.register``; see ``fairmilk.register.store``.)
    """

    def __init__(self, path: Path, *, read_only: bool) -> None:
        self.path = path
        self.read_only = read_only
        if not read_only and not path.is_symlink():
            with publishing(path, note="fairmilk serve --writable (store made versioned)"):
                pass
        self._now = Snapshot(current_file(path))
        self._lock = threading.Lock()
        self._warming: Path | None = None
        self._retired: list[tuple[float, Snapshot]] = []

    def fingerprint(self) -> Fingerprint:
        """The state of the version this app reads now."""
        return self._now.fingerprint()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor of the current version's connection, closed after use."""
        with self._now.cursor() as cur:
            yield cur

    def stale(self) -> bool:
        """True when a newer version than the one read now has been published."""
        return current_file(self.path) != self._now.target

    def refresh(self) -> bool:
        """Switch to the current version now if a newer one was published; True if so."""
        target = current_file(self.path)
        if target == self._now.target:
            return False
        self._switch(Snapshot(target))
        return True

    def warm_then_switch(self, warm: Callable[[Snapshot], None]) -> None:
        """Open the newest version, run ``warm`` on it in a thread, then switch to it."""
        target = current_file(self.path)
        with self._lock:
            if target in (self._now.target, self._warming):
                return
            self._warming = target
        threading.Thread(target=self._warm, args=(target, warm), daemon=True).start()

    def _warm(self, target: Path, warm: Callable[[Snapshot], None]) -> None:
        """Warm ``target`` (for at most :data:`WARM_LIMIT` seconds), then switch to it."""
        try:
            snapshot = Snapshot(target)
        except FairmilkError:  # gone already (a newer version): the next request sees that
            LOG.exception("cannot open %s", target)
            snapshot = None
        if snapshot is not None:
            builder = threading.Thread(target=_quietly, args=(warm, snapshot), daemon=True)
            builder.start()
            builder.join(timeout=WARM_LIMIT)  # past it, switch; the rest builds on demand
            if current_file(self.path) == target:
                self._switch(snapshot)
            else:
                self._retire(snapshot)  # a newer version came meanwhile; it is warmed next
        with self._lock:
            self._warming = None

    def _switch(self, snapshot: Snapshot) -> None:
        with self._lock:
            old, self._now = self._now, snapshot
        self._retire(old)

    def _retire(self, snapshot: Snapshot) -> None:
        """Close ``snapshot`` later, once requests under way on it have finished."""
        now = time.monotonic()
        with self._lock:
            done = [s for t, s in self._retired if now - t > RETIRE_AFTER]
            self._retired = [(t, s) for t, s in self._retired if now - t <= RETIRE_AFTER]
            self._retired.append((now, snapshot))
        for retired in done:
            retired.close()

    @contextmanager
    def writing(self, *, note: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to a new version, published (and read from then on) after the block."""
        if self.read_only:
            raise StoreError(f"{self.path}: this server reads the store only")
        with publishing(self.path, note=note, wait=WRITE_WAIT) as con:
            yield con
        self.refresh()

    def close(self) -> None:
        """Close the connections."""
        for _, retired in self._retired:
            retired.close()
        self._now.close()


class ViewCache:
    """A bounded, thread-safe memo of built answers (keys carry the store's fingerprint).

    A key is built by one thread at a time: a request that finds it being built waits for
    that build instead of doing the same work again (and builds it itself if that failed).
    """

    def __init__(
        self, *, enabled: bool = True, size: int = CACHE_SIZE, disk: DiskResults | None = None
    ) -> None:
        self.enabled = enabled
        self.size = size
        self.disk = disk  # results also kept on disk (a restarted server starts warm)
        self.builds = 0  # how many values were built (for tests and the benchmark)
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._pending: dict[tuple[Any, ...], threading.Event] = {}
        self._lock = threading.Lock()

    def keys(self) -> list[tuple[Any, ...]]:
        """The keys held, least recently used first."""
        with self._lock:
            return list(self._items)

    def peek(self, key: tuple[Any, ...]) -> Any:
        """The cached value for ``key``, or None (never builds)."""
        return self._items.get(key) if self.enabled else None

    def get(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        """The cached value for ``key``, built (and kept) on first use."""
        if not self.enabled:
            return build()
        while True:
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    return self._items[key]
                waiting = self._pending.get(key)
                if waiting is None:
                    done = self._pending[key] = threading.Event()
                    break
            waiting.wait()
        try:
            return self._build(key, build)
        finally:
            with self._lock:
                del self._pending[key]
            done.set()

    def _build(self, key: tuple[Any, ...], build: Callable[[], Any]) -> Any:
        value = self.disk.load(key) if self.disk else MISSING
        if value is MISSING:
            value = build()
            with self._lock:
                self.builds += 1
            if self.disk:
                self.disk.save(key, value)
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def stamp(request: Request, parts: tuple[str, ...] = DATA) -> tuple[str, ...]:
    """The fingerprint parts of the app's store for this request (read once per request)."""
    found: Fingerprint | None = getattr(request.state, "fingerprint", None)
    if found is None:
        found = request.app.state.store.fingerprint()
        request.state.fingerprint = found
    return found.part(*parts)


async def respond(
    request: Request,
    key: tuple[Any, ...],
    build: Callable[[], Built],
    *,
    media: str,
    headers: dict[str, str] | None = None,
    depends: tuple[str, ...] = DATA,
) -> Response:
    """The answer's bytes from the cache, gzipped once when the client accepts it.

    ``key`` names the answer; the fingerprint parts it ``depends`` on are added to it. A
    cache hit is answered on the event loop; building (store reads, rendering) runs in the
    thread pool, so a slow first build never holds up other requests.
    """
    cache: ViewCache = request.app.state.cache
    key = (*key, *stamp(request, depends))
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
