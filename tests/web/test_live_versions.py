"""A running server and a writer at once: the ingest succeeds, no request fails, and the
site shows the new data without a restart."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from fairmilk.ingest.demo import demo_files
from fairmilk.store.generations import list_versions
from fairmilk.web import create_app
from fairmilk.web.server import running
from fairmilk.web.views.view import PAGES

URLS = ["/api/v1/datasets", "/api/v1/trade", "/sources", "/", "/trade"]


def _hammer(url: str, stop: threading.Event, seen: list[tuple[str, int]]) -> None:
    with httpx.Client(base_url=url, timeout=60) as http:
        n = 0
        while not stop.is_set():
            path = URLS[n % len(URLS)]
            try:
                seen.append((path, http.get(path).status_code))
            except httpx.HTTPError as exc:
                seen.append((f"{path}: {exc!r}", 0))
            n += 1


def _loaded(http: httpx.Client) -> set[str]:
    rows = http.get("/api/v1/datasets", params={"limit": 500}).json()["data"]
    return {str(r["file_name"]) for r in rows}


def _ingest(db: Path, file: Path) -> None:
    """``fairmilk ingest comext FILE`` in its own process, as an operator runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "fairmilk", "ingest", "comext", str(file), "--synthetic",
         "--db", str(db)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def _wait_for(http: httpx.Client, name: str) -> None:
    deadline = time.monotonic() + 60
    while name not in _loaded(http):
        assert time.monotonic() < deadline, "the new data did not show within 60 s"
        time.sleep(0.2)


def test_ingest_while_serving(web_store: Path, tmp_path: Path) -> None:
    db = Path(shutil.copy(web_store, tmp_path / "live.duckdb"))
    demo = demo_files()[0]
    app = create_app(db)  # read-only, as `fairmilk serve` runs by default
    stop, seen = threading.Event(), []  # type: list[tuple[str, int]]
    try:
        with running(app) as url, httpx.Client(base_url=url, timeout=60) as http:
            assert demo.name not in _loaded(http)
            clients = [threading.Thread(target=_hammer, args=(url, stop, seen)) for _ in range(3)]
            for thread in clients:
                thread.start()
            _ingest(db, demo)
            _wait_for(http, demo.name)
            time.sleep(1)  # a few more requests on the new version
            stop.set()
            for thread in clients:
                thread.join()
    finally:
        stop.set()
        app.state.store.close()
    failed = [(path, status) for path, status in seen if status != 200]
    assert len(seen) > len(URLS)
    assert not failed
    assert [(v.number, v.current) for v in list_versions(db)] == [(1, False), (2, True)]


def test_pages_are_warm_after_an_update(web_store: Path, tmp_path: Path) -> None:
    """A warming server builds the pages on the new version before switching to it."""
    db = Path(shutil.copy(web_store, tmp_path / "warm.duckdb"))
    demo = demo_files()[0]
    app = create_app(db, warm=True)
    try:
        with running(app) as url, httpx.Client(base_url=url, timeout=60) as http:
            for lang in ("en", "fr"):
                for path in _paths():
                    assert http.get(path, params={"lang": lang}).status_code == 200
            _ingest(db, demo)
            _wait_for(http, demo.name)  # answered from the old version until the switch
            first: dict[str, float] = {}
            for lang in ("en", "fr"):
                for path in _paths():
                    start = time.perf_counter()
                    answer = http.get(path, params={"lang": lang})
                    first[f"{path} {lang}"] = time.perf_counter() - start
                    assert answer.status_code == 200
            assert demo.name in http.get("/sources").text
    finally:
        app.state.store.close()
    slow = {page: round(s, 3) for page, s in first.items() if s >= 0.3}
    assert not slow, f"first hits after the update over 300 ms: {slow}"


def _paths() -> list[str]:
    """Every page's default view, and one view with parameters asked before the update."""
    return [*("/" if p == "overview" else f"/{p}" for p in PAGES), "/trade?by=exporter"]
