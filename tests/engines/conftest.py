"""The demo store (what 'fairmilk build' loads) and its tables as Parquet, for the engine tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.store import open_store
from fairmilk.store.parquet import export_parquet


def build_demo_store(path: Path) -> Path:
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
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store file (read it, never write it)."""
    return build_demo_store(tmp_path_factory.mktemp("engines") / "demo.duckdb")


@pytest.fixture(scope="session")
def demo_parquet(demo_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store's tables written by export_parquet."""
    folder = tmp_path_factory.mktemp("engines") / "parquet"
    con = open_store(demo_store, read_only=True)
    try:
        export_parquet(con, folder)
    finally:
        con.close()
    return folder


@pytest.fixture
def demo_con(demo_store: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the demo store."""
    con = open_store(demo_store, read_only=True)
    yield con
    con.close()
