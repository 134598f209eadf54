"""Idempotent loads, vintages of a revised file, and the sources/quality commands."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from ingest_helpers import classic_line, counts, write_classic
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

FIRST = [classic_line(), classic_line(par="CI", kg=""), classic_line(par="QU")]
REVISED = [classic_line(value="1100"), classic_line(par="CI", kg="")]


def test_same_bytes_twice_changes_nothing(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    path = write_classic(tmp_path / "a.dat", FIRST)
    first = ingest_file(con, path, source="comext")
    before = counts(con)
    copy = tmp_path / "copy-of-a.dat"
    copy.write_bytes(path.read_bytes())
    again = ingest_file(con, copy, source="comext")
    assert again.status == "unchanged"
    assert (again.file_id, again.vintage, again.rows_kept) == (first.file_id, 1, 3)
    assert sorted(i.kind for i in again.issues) == sorted(i.kind for i in first.issues)
    assert counts(con) == before


def test_revised_file_becomes_current_vintage(
    con: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    old = ingest_file(con, write_classic(tmp_path / "a.dat", FIRST), source="comext")
    new = ingest_file(con, write_classic(tmp_path / "b.dat", REVISED), source="comext")
    assert (old.status, new.status) == ("loaded", "replaced")
    assert (new.dataset_key, new.vintage) == (old.dataset_key, 2)
    current = con.execute("SELECT file_id, vintage FROM source_files WHERE is_current").fetchall()
    assert current == [(new.file_id, 2)]
    assert con.execute("SELECT count(*) FROM trade_flows").fetchone() == (5,)
    assert con.execute(
        "SELECT sum(value_eur), bool_and(NOT synthetic) FROM trade_current"
    ).fetchone() == (2100.0, True)


def test_other_period_is_another_dataset(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    ingest_file(con, write_classic(tmp_path / "a.dat", FIRST), source="comext")
    other = [classic_line(period="202052")]
    report = ingest_file(con, write_classic(tmp_path / "b.dat", other), source="comext")
    assert (report.status, report.dataset_key) == ("loaded", "comext:FR:2020")
    assert con.execute("SELECT count(*) FROM source_files WHERE is_current").fetchone() == (2,)


def test_sources_and_quality_commands(store_path: Path, tmp_path: Path) -> None:
    con = open_store(store_path)
    ingest_file(con, write_classic(tmp_path / "a.dat", FIRST), source="comext")
    ingest_file(con, write_classic(tmp_path / "b.dat", REVISED), source="comext")
    con.close()
    runner = CliRunner()
    current = runner.invoke(app, ["sources", "--db", str(store_path), "-f", "json"])
    every = runner.invoke(app, ["sources", "--vintages", "--db", str(store_path), "-f", "json"])
    assert current.exit_code == 0, current.output
    assert [r["file_name"] for r in json.loads(current.output)["data"]] == ["b.dat"]
    assert [(r["file_name"], r["is_current"]) for r in json.loads(every.output)["data"]] == [
        ("a.dat", False),
        ("b.dat", True),
    ]
    quality = runner.invoke(app, ["quality", "--db", str(store_path), "-f", "json"])
    assert [(r["kind"], r["count"], r["line"]) for r in json.loads(quality.output)["data"]] == [
        ("missing_quantity", 1, 3)
    ]


def test_cli_ingest_prints_summary_and_already_loaded(store_path: Path, tmp_path: Path) -> None:
    path = write_classic(tmp_path / "a.dat", FIRST)
    runner = CliRunner()
    args = ["ingest", "comext", str(path), "--db", str(store_path)]
    first = runner.invoke(app, args)
    second = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "3 rows read, 3 kept, 0 rejected" in first.output
    assert "non_country_partner x1" in first.output
    assert "already loaded" in second.output
