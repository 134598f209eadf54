"""Web fixtures: a tiny store built from code (SYNTHETIC test rows), the app, a client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fairmilk.store import open_store
from fairmilk.web import create_app
from fairmilk.web.server import running

FIXTURES = Path(__file__).parent / "fixtures"


def build_test_store(path: Path) -> Path:
    """Create a store at ``path`` holding the hand-made rows of fixtures/store.sql."""
    con = open_store(path)
    try:
        con.execute((FIXTURES / "store.sql").read_text(encoding="utf-8"))
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with the tiny synthetic test rows, shared by the web tests (read-only)."""
    return build_test_store(tmp_path_factory.mktemp("web") / "store.duckdb")


@pytest.fixture(scope="session")
def base_url(web_store: Path) -> Iterator[str]:
    """The address of a real uvicorn server (loopback, free port) serving the tiny store."""
    app = create_app(web_store)
    with running(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture(scope="session")
def client(base_url: str) -> Iterator[httpx.Client]:
    """An HTTP client of that server."""
    with httpx.Client(base_url=base_url, timeout=30) as http:
        yield http


# The Ibis DuckDB backend (used by the trade indicator behind the per-litre and tariff pages)
# calls DuckDB's deprecated fetch_arrow_table(); that warning is not ours to fix here.
IBIS_DUCKDB_WARNING = "ignore:fetch_arrow_table.. is deprecated:DeprecationWarning"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Let the web tests run the Ibis-backed indicators despite DuckDB's deprecation warning."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.filterwarnings(IBIS_DUCKDB_WARNING))


def build_full_store(path: Path) -> Path:
    """A store with the embedded reference data, prices and the SYNTHETIC Comext demo."""
    from fairmilk.ingest.demo import demo_files
    from fairmilk.store.prices import load_price_reference
    from fairmilk.store.reference import load_reference
    from fairmilk.store.trade import ingest_file

    con = open_store(path)
    try:
        load_reference(con)
        load_price_reference(con)
        for file in demo_files():
            ingest_file(con, file, source="comext", synthetic=True)
    finally:
        con.close()
    return path


@pytest.fixture(scope="session")
def full_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file with the embedded data plus the synthetic demo trade file (read-only)."""
    return build_full_store(tmp_path_factory.mktemp("full") / "store.duckdb")


@pytest.fixture(scope="session")
def full_url(full_store_file: Path) -> Iterator[str]:
    """A real server on the embedded data plus the synthetic demo trade file."""
    app = create_app(full_store_file)
    with running(app) as url:
        yield url
    app.state.store.close()
