"""Progress: the ingest reports its stages; the CLI prints plain lines when not on a terminal."""

from __future__ import annotations

from pathlib import Path

import duckdb
from ingest_helpers import classic_line, write_classic
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.store.trade import ingest_file


def test_progress_callback_sees_every_stage(con: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    seen: list[tuple[str, float | None]] = []
    path = write_classic(tmp_path / "a.dat", [classic_line()])
    ingest_file(con, path, source="comext", progress=lambda s, f: seen.append((s, f)))
    stages = [s for s, _f in seen]
    assert stages.index("scan") < stages.index("check") < stages.index("write")
    assert ("scan", 1.0) in seen


def test_cli_plain_progress_lines(store_path: Path, tmp_path: Path) -> None:
    path = write_classic(tmp_path / "a.dat", [classic_line()])
    result = CliRunner().invoke(app, ["ingest", "comext", str(path), "--db", str(store_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == ["a.dat: scan...", "a.dat: check...", "a.dat: write..."]
    assert "\x1b[" not in result.output
