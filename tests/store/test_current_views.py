"""The current-vintage views: one Ibis definition, which the store's SQL views are compiled from."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fairmilk.indicators.frame import backend, rows_of
from fairmilk.store import db, open_store
from fairmilk.store.current import CURRENT_VIEWS, prices_current, trade_current, view_sql

FILES = [  # file_id, vintage, is_current, synthetic
    ("old", 1, False, False),
    ("new", 2, True, True),
]
PRICE_ROWS = [  # file_id (None: embedded reference row), series
    (None, "reference_row"),
    ("old", "superseded_row"),
    ("new", "current_row"),
]


@pytest.fixture
def vintages(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Two vintages of one dataset (the first superseded), with trade and price rows each."""
    for file_id, vintage, current, synthetic in FILES:
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, synthetic) VALUES (?, 'comext', 'comext:2019', ?, ?, ?, 1, ?)",
            [file_id, vintage, current, f"{file_id}.dat", synthetic],
        )
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, value_eur) "
            "VALUES (?, 'comext', 'FR', 'SN', '04021019', 'CN8', 'export', 2019, ?)",
            [file_id, float(vintage)],
        )
    for file_id, series in PRICE_ROWS:
        con.execute(
            "INSERT INTO prices (file_id, dataset, series, geo, period, unit, source_url) "
            "VALUES (?, 'd', ?, 'SN', '2019', 'XOF/L', 'https://example.org')",
            [file_id, series],
        )
    return con


def test_trade_current_keeps_the_current_vintage_with_its_flag(
    vintages: duckdb.DuckDBPyConnection,
) -> None:
    t = trade_current(backend(vintages))
    assert rows_of(t.select("file_id", "value_eur", "synthetic")) == [("new", 2.0, True)]
    assert list(t.columns)[-1] == "synthetic"


def test_prices_current_keeps_reference_rows_and_current_user_rows(
    vintages: duckdb.DuckDBPyConnection,
) -> None:
    p = prices_current(backend(vintages))
    assert sorted(r[0] for r in rows_of(p.select("series"))) == ["current_row", "reference_row"]


def test_the_store_views_give_the_rows_of_the_ibis_definitions(
    vintages: duckdb.DuckDBPyConnection,
) -> None:
    db = backend(vintages)
    for name, make in CURRENT_VIEWS.items():
        defined = make(db)
        viewed = db.table(name)
        assert list(viewed.columns) == list(defined.columns)
        assert sorted(map(repr, rows_of(viewed))) == sorted(map(repr, rows_of(defined)))


def test_the_store_views_are_compiled_when_the_store_opens(store_path: Path) -> None:
    open_store(store_path).close()
    con = duckdb.connect(str(store_path))
    try:
        con.execute("DROP VIEW trade_current")
        con.execute("CREATE OR REPLACE VIEW prices_current AS SELECT 1 AS stale")
    finally:
        con.close()
    con = open_store(store_path)  # a writable open recreates both from store.current
    try:
        sql = dict(
            con.execute("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal").fetchall()
        )
        assert "is_current" in sql["trade_current"]
        assert "is_current" in sql["prices_current"]
    finally:
        con.close()


def test_a_store_whose_views_are_current_opens_without_compiling_them(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(store_path).close()

    def no_compiling(*_args: object, **_kwargs: object) -> list[str]:
        raise AssertionError("the views were compiled again")

    monkeypatch.setattr("fairmilk.store.current.view_sql", no_compiling)
    open_store(store_path).close()  # the recorded fingerprint matches: nothing compiled


def test_changed_definitions_compile_the_views_again(
    store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_store(store_path).close()
    compiled: list[int] = []
    real = db.definitions

    def changed() -> bytes:
        return real() + b"a new definition"

    monkeypatch.setattr(db, "definitions", changed)
    monkeypatch.setattr(
        "fairmilk.store.current.view_sql",
        lambda schemas: compiled.append(1) or view_sql(schemas),
    )
    open_store(store_path).close()
    assert compiled == [1]
    open_store(store_path).close()  # recorded: not compiled a second time
    assert compiled == [1]


def test_the_views_fingerprint_covers_the_schema_and_the_definitions() -> None:
    names = [name for name, _data in db.definition_files()]
    assert names[-1] == "current.py"
    assert names[:-1] == [name for name, _sql in db.schema_files()]
    assert all(data for _name, data in db.definition_files())


def test_the_shipped_sql_is_what_ibis_compiles_today() -> None:
    """The package's compiled views are today's compilation of today's definitions.

    If this fails after a change to a schema file or to store/current.py, rewrite the file:
    ``python scripts/compile_views.py``.
    """
    from fairmilk.store.compiled_views import shipped

    con = duckdb.connect()
    for _name, sql in db.schema_files():
        con.execute(sql)
    assert shipped(db.definitions()) == db.compile_views(con)


def test_shipped_sql_of_other_definitions_is_not_used() -> None:
    from fairmilk.store.compiled_views import shipped

    assert shipped(db.definitions()) is not None
    assert shipped(db.definitions() + b"a changed definition") is None


def test_a_new_store_imports_neither_ibis_nor_pandas(tmp_path: Path) -> None:
    """A new store, reference data included, is made without Ibis, pandas or pyarrow."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from fairmilk.store.complete import bring_up_to_date\n"
        "from fairmilk.store.db import open_store\n"
        f"con = open_store({str(tmp_path / 'new.duckdb')!r})\n"
        "bring_up_to_date(con)\n"
        "n = con.execute('SELECT count(*) FROM duckdb_views() WHERE NOT internal').fetchone()\n"
        "print(n[0], sorted(m for m in ('ibis', 'pandas') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-1] == "[]"
    assert int(done.stdout.split()[0]) >= len(CURRENT_VIEWS)
