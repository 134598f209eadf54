"""The store's tables as Parquet, read back by another engine (DuckDB here; Spark: test_spark)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import ParameterError, StoreError
from fairmilk.store import parquet
from fairmilk.store.engines import open_engine

SRC = Path(__file__).parents[2] / "src" / "fairmilk"
TRADE = ("trade", "--exporter", "eu27", "--destination", "west-africa", "--by", "year,category")


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _tables_read(path: Path) -> set[str]:
    """Names given as a literal to ``.table("...")`` in one module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "table"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value))
    return found


def test_the_export_holds_every_table_the_indicators_read() -> None:
    files = [*(SRC / "indicators").rglob("*.py"), *(SRC / "policy").rglob("*.py")]
    files.append(SRC / "store" / "current.py")
    read = set().union(*(_tables_read(f) for f in files))
    assert {"trade_flows", "source_files", "prices", "observations"} <= read
    assert read <= set(parquet.ENGINE_TABLES)
    assert not read & {"trade_current", "prices_current"}  # built from store.current


def test_export_parquet_writes_each_table_with_all_its_rows(
    demo_store: Path, tmp_path: Path
) -> None:
    out = _run("export", "parquet", str(tmp_path / "pq"), "--db", str(demo_store))
    assert "SYNTHETIC" in out
    con = duckdb.connect(str(demo_store), read_only=True)
    try:
        for table in parquet.ENGINE_TABLES:
            file = str(tmp_path / "pq" / f"{table}.parquet")
            (stored,) = con.execute(f"SELECT count(*) FROM {table}").fetchone() or (0,)
            (written,) = con.execute("SELECT count(*) FROM read_parquet(?)", [file]).fetchone() or (
                0,
            )
            assert written == stored > 0, table
            assert f"{table}.parquet ({stored} rows)" in out
    finally:
        con.close()
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == sorted(
        f"{t}.parquet" for t in parquet.ENGINE_TABLES
    )


def test_a_failed_export_leaves_the_folder_as_it_was(
    demo_con: duckdb.DuckDBPyConnection, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    monkeypatch.setattr(parquet, "ENGINE_TABLES", ("trade_flows", "no_such_table"))
    with pytest.raises(duckdb.CatalogException):
        parquet.export_parquet(demo_con, tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize(
    "command",
    [
        TRADE,
        ("trade", "ffmp", "--share"),
        ("trade", "dependency"),
        ("prices", "coverage"),
        ("prices", "per-litre", "--country", "SN"),
        ("prices", "anomalies", "--series", "gdt_smp_price", "--geo", "world"),
    ],
    ids=lambda c: "-".join(c[:2]),
)
def test_duckdb_over_parquet_prints_what_the_store_prints(
    command: tuple[str, ...], demo_store: Path, demo_parquet: Path
) -> None:
    from_store = _run(*command, "--db", str(demo_store))
    assert _run(*command, "--engine", "duckdb", "--data", str(demo_parquet)) == from_store
    assert _run(*command, "--data", str(demo_parquet)) == from_store


def test_a_parquet_folder_without_a_table_is_named(demo_parquet: Path, tmp_path: Path) -> None:
    for file in demo_parquet.iterdir():
        if file.name != "prices.parquet":
            (tmp_path / file.name).write_bytes(file.read_bytes())
    with pytest.raises(StoreError, match=r"no prices\.parquet; expected the Parquet files"):
        open_engine("duckdb", data=tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "fairmilk", *TRADE, "--data", str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert f"Error: {tmp_path}: no prices.parquet" in done.stderr


def test_unknown_engine_and_mixed_options_are_refused(demo_store: Path, demo_parquet: Path) -> None:
    with pytest.raises(ParameterError, match="expected duckdb, spark or an Ibis URL"):
        open_engine("oracle", data=demo_parquet)
    with pytest.raises(ParameterError, match="give --data DIR"):
        open_engine("duckdb")
    args = [*TRADE, "--db", str(demo_store), "--engine", "duckdb", "--data", str(demo_parquet)]
    result = CliRunner().invoke(app, args)
    assert isinstance(result.exception, ParameterError)
    assert "--db is the DuckDB store file" in str(result.exception)
