"""The web caches: keys follow the store's fingerprint, FR after EN only renders, writes show.

Counts work (builds, Ibis executions), never time. Stores are built from the embedded data
and the SYNTHETIC Comext demo file (or the tiny SYNTHETIC test rows).
"""

from __future__ import annotations

import dataclasses
import json
import math
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from fairmilk.ingest.demo import demo_files
from fairmilk.outputs import queries
from fairmilk.outputs.fingerprint import Fingerprint
from fairmilk.register.observation_store import save_observation, set_observation_status
from fairmilk.register.observations import Observation
from fairmilk.store import open_store
from fairmilk.store.backend import memo_backend_class
from fairmilk.store.prices import load_price_reference
from fairmilk.store.reference import load_reference
from fairmilk.store.trade import ingest_file
from fairmilk.web import create_app, snapshot, state
from fairmilk.web.disk_cache import open_results
from fairmilk.web.pages import BUILDERS, json_bytes
from fairmilk.web.server import running
from fairmilk.web.views import prices as view_prices
from fairmilk.web.views.view import PAGES, to_dict

HEAVY_PAGES = ("overview", "per-litre", "simulators", "prices", "trade")


@pytest.fixture(scope="module")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded data plus the SYNTHETIC demo trade file (not written to by the tests)."""
    path = tmp_path_factory.mktemp("cache") / "full.duckdb"
    con = open_store(path)
    try:
        load_reference(con)
        load_price_reference(con)
        _load_demo(con)
    finally:
        con.close()
    return path


def _load_demo(con: Any) -> None:
    ingest_file(con, demo_files()[0], source="comext", synthetic=True)


@contextmanager
def served(app: FastAPI) -> Iterator[httpx.Client]:
    """A client of ``app`` served on loopback (the store is closed afterwards)."""
    try:
        with running(app) as url, httpx.Client(base_url=url, timeout=120) as http:
            yield http
    finally:
        app.state.store.close()


@pytest.fixture
def executions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every Ibis query, trade table and cost-coverage table computed from the store."""
    runs: list[str] = []
    backend_class = memo_backend_class()
    original = backend_class.to_pyarrow

    def counted(self: Any, expr: Any, /, **kwargs: Any) -> Any:
        runs.append(type(expr).__name__)
        return original(self, expr, **kwargs)

    monkeypatch.setattr(backend_class, "to_pyarrow", counted)
    for module, name in ((queries, "_trade_table"), (view_prices, "cost_coverage_table")):
        monkeypatch.setattr(module, name, _counting(getattr(module, name), runs))
    return runs


def _counting(function: Callable[..., Any], runs: list[str]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        runs.append(function.__name__)
        return function(*args, **kwargs)

    return counted


def _observation() -> Observation:
    return Observation(
        date(2024, 3, 5), "SN", "Dakar, Tilène", "wmp", None, 400.0, "g", 1500.0, "XOF",
        (), None, "SYNTHETIC test observation",
    )  # fmt: skip


def _publish(app: FastAPI, price: float = 1500.0) -> None:
    obs = dataclasses.replace(_observation(), price=price)
    with app.state.register.connect() as con:
        oid, _created = save_observation(con, obs, source="web form")
        set_observation_status(con, oid, "published", actor="test")
        assert app.state.register.sync(con, wait=60)  # a new version of the analytics data
    app.state.store.refresh()


def _ingest_demo(app: FastAPI) -> None:
    with app.state.store.writing(note="test") as con:
        _load_demo(con)


@pytest.fixture
def writable(web_store: Path, tmp_path: Path) -> Iterator[tuple[FastAPI, httpx.Client]]:
    """A writable app on a fresh copy of the tiny test store, and a client of it."""
    shutil.copy(web_store, tmp_path / "w.duckdb")
    app = create_app(tmp_path / "w.duckdb", read_only=False)
    with served(app) as client:
        yield app, client


Served = tuple[FastAPI, httpx.Client]


def test_fingerprint_parts_follow_loads_and_publications(writable: Served) -> None:
    app, _client = writable
    first = app.state.store.fingerprint()
    assert app.state.store.fingerprint() == first  # nothing written, nothing changes
    _ingest_demo(app)
    loaded = app.state.store.fingerprint()
    assert loaded.data != first.data
    assert loaded.register == first.register
    _publish(app)
    published = app.state.store.fingerprint()
    assert published.data == loaded.data
    assert published.register != loaded.register


def _file_names(page: dict[str, Any]) -> list[str]:
    return [str(r["file_name"]) for r in page["blocks"][0]["data"]]


def test_writable_server_sees_its_own_writes(writable: Served) -> None:
    app, client = writable
    name = demo_files()[0].name
    before = client.get("/sources.json").json()
    assert client.get("/sources.json").json() == before  # cached, unchanged
    datasets = client.get("/api/v1/datasets").json()["total"]
    _ingest_demo(app)
    assert name not in _file_names(before)
    assert name in _file_names(client.get("/sources.json").json())
    assert client.get("/api/v1/datasets").json()["total"] == datasets + 1
    assert name in client.get("/sources").text


def test_a_register_write_keeps_answers_that_do_not_read_it(writable: Served) -> None:
    app, client = writable
    cache = app.state.cache
    first = client.get("/trade.json").content
    built = cache.builds
    _publish(app)
    assert client.get("/trade.json").content == first
    assert cache.builds == built  # same key: the data part of the fingerprint is unchanged
    client.get("/register.json")
    built = cache.builds
    _publish(app, price=1600.0)
    client.get("/register.json")
    assert cache.builds > built  # the register page depends on the register part


def test_cache_keys_carry_the_fingerprint(
    writable: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    app, client = writable
    client.get("/trade")
    real = app.state.store.fingerprint()
    keys = [k for k in app.state.cache._items if k[:2] == ("html", "trade") and k[-1] != "gzip"]
    assert [k[-1] for k in keys] == [real.data]
    moved = Fingerprint(real.data + "-other", real.register)
    monkeypatch.setattr(app.state.store, "fingerprint", lambda: moved)
    built = app.state.cache.builds
    client.get("/trade")
    assert app.state.cache.builds > built


def test_read_only_app_reads_its_fingerprint_once(
    web_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[int] = []
    original = snapshot.read_fingerprint

    def counted(*args: Any, **kwargs: Any) -> Any:
        reads.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(snapshot, "read_fingerprint", counted)
    app = create_app(web_store)
    assert app.state.store.read_only
    assert app.state.cache.enabled
    with served(app) as client:
        first = client.get("/sources")
        built = app.state.cache.builds
        again = client.get("/sources")
    assert first.status_code == again.status_code == 200
    assert first.content == again.content
    assert app.state.cache.builds == built  # answered from the cache
    assert len(reads) == 1  # a published version never changes: read once when opened


@pytest.mark.parametrize("page", HEAVY_PAGES)
def test_french_after_english_does_not_recompute(
    full_store: Path, page: str, executions: list[str]
) -> None:
    url = "/" if page == "overview" else f"/{page}"
    with served(create_app(full_store)) as client:
        assert client.get(url).status_code == 200
        english = len(executions)
        assert client.get(url, params={"lang": "fr"}).status_code == 200
    assert english > 0  # the English page computed its results
    assert len(executions) == english  # French reused every result


def test_cached_results_render_as_a_fresh_build(full_store: Path) -> None:
    """Results shared by EN and FR give the same pages as builds without any cache."""
    app = create_app(full_store)
    with served(app) as client:
        for page in PAGES:  # the menu's pages (a country page needs its code)
            for lang in ("en", "fr"):
                got = client.get(f"/{page}.json", params={"lang": lang}).json()
                with app.state.store.cursor() as con:
                    fresh = json.loads(json_bytes(to_dict(BUILDERS[page](con, {}, lang=lang))))
                assert _same(_comparable(got), _comparable(fresh)), (page, lang)


def _comparable(page: dict[str, Any]) -> dict[str, Any]:
    """The page with only its trade figures (from loaded files, with their vintages).

    The overview's published figures are left out: it picks eight among tied rows in no
    fixed order, so two builds can differ with or without a cache (they are not cached).
    Rows are compared as sets: some tables order tied rows in no fixed order either.
    """
    trade = [f for f in page["figures"] if any("vintage" in s for s in f["sources"])]
    order = lambda row: json.dumps(_rounded(row))  # noqa: E731
    blocks = [b | {"data": sorted(b["data"], key=order)} for b in page["blocks"]]
    return page | {"figures": trade, "blocks": blocks}


def _rounded(value: Any) -> Any:
    """Floats to 6 significant digits (only to sort rows)."""
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


def _same(a: Any, b: Any) -> bool:
    """Equal, floats within 1e-9 (relative): DuckDB adds in parallel, so the last bits of a
    sum can differ from one run to the next, with or without a cache."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_a_key_is_built_once_while_others_wait() -> None:
    cache = state.ViewCache()
    calls: list[int] = []

    def slow() -> int:
        calls.append(1)
        time.sleep(0.2)
        return 42

    got: list[int] = []
    threads = [threading.Thread(target=lambda: got.append(cache.get(("k",), slow)))]
    threads += [threading.Thread(target=lambda: got.append(cache.get(("k",), slow)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert got == [42, 42]
    assert len(calls) == 1
    assert cache.builds == 1


def test_a_failed_build_is_not_kept() -> None:
    cache = state.ViewCache()

    def fail() -> int:
        raise ValueError("no")

    with pytest.raises(ValueError, match="no"):
        cache.get(("k",), fail)
    assert cache.get(("k",), lambda: 7) == 7


def test_results_on_disk_make_a_restart_warm(
    full_store: Path, tmp_path: Path, executions: list[str]
) -> None:
    store = tmp_path / "copy.duckdb"
    shutil.copy(full_store, store)
    start: Callable[[], FastAPI] = lambda: create_app(store, results_dir=tmp_path / "r")  # noqa: E731
    with served(start()) as client:
        english = _comparable(client.get("/overview.json").json())
    assert executions  # computed by the first server
    done = len(executions)
    with served(start()) as client:
        assert _same(_comparable(client.get("/overview.json").json()), english)
    assert len(executions) == done  # the restarted server read every result from disk


def test_results_on_disk_follow_the_store(
    full_store: Path, tmp_path: Path, executions: list[str]
) -> None:
    store = tmp_path / "copy.duckdb"
    shutil.copy(full_store, store)
    folder = tmp_path / "results"
    app = create_app(store, read_only=False, results_dir=folder)
    with served(app) as client:
        client.get("/")
        done = len(executions)
        with app.state.store.writing(note="test") as con:
            load_reference(con)  # reloaded: new file records, another store state
        client.get("/")
    assert len(executions) > done  # another store state: computed again, not read back
    for path in folder.rglob("*.pickle"):
        path.write_bytes(b"not a pickle")
    with served(create_app(store, results_dir=folder)) as client:
        assert client.get("/").status_code == 200  # unreadable files are computed again


def test_an_unwritable_cache_folder_means_a_cold_start(web_store: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    assert open_results(blocked, web_store) is None
    with served(create_app(web_store, results_dir=blocked)) as client:
        assert client.get("/sources").status_code == 200
