"""A kill -9 in the middle of a load leaves the store exactly as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from ingest_helpers import classic_line, counts, write_classic

from fairmilk.store import open_store
from fairmilk.store.trade import ingest_file

CHILD = """
import sys, time
import fairmilk.store.trade as trade
from fairmilk.store import open_store

original = trade._insert_issues

def pause_before_commit(con, prep):
    original(con, prep)
    print("IN-TRANSACTION", flush=True)
    time.sleep(120)

trade._insert_issues = pause_before_commit
con = open_store(sys.argv[1])
trade.ingest_file(con, sys.argv[2], source="comext")
print("COMMITTED", flush=True)
"""
CODES = [f"0406{i:04d}" for i in range(1000)]


def _big_revision(path: Path) -> Path:
    """About 130,000 dairy rows for 2019: a revised vintage of the small file."""
    partners = ["SN", "CI", "ML", "BF", "NG", "GH", "TG", "BJ", "NE", "GN", "MR", "GM", "CV"]
    lines = [
        classic_line(par=p, code=c, flow=f, kg="" if c.endswith("7") else "10")
        for p in partners
        for c in CODES
        for f in ("1", "2")
        if not (p == "GM" and f == "1")
    ]
    return write_classic(path, lines)


def _state(store: Path) -> tuple[object, ...]:
    con = open_store(store)
    try:
        return (
            *counts(con),
            con.execute(
                "SELECT list(file_id ORDER BY file_id), list(is_current ORDER BY file_id) "
                "FROM source_files"
            ).fetchone(),
        )
    finally:
        con.close()


def test_kill_during_transaction_leaves_store_unchanged(store_path: Path, tmp_path: Path) -> None:
    con = open_store(store_path)
    ingest_file(con, write_classic(tmp_path / "small.dat", [classic_line()]), source="comext")
    con.close()
    before = _state(store_path)
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    big = _big_revision(tmp_path / "big.dat")
    child = subprocess.Popen(
        [sys.executable, str(script), str(store_path), str(big)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "IN-TRANSACTION"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert _state(store_path) == before
    con = open_store(store_path)  # the store still works: the same file loads afterwards
    report = ingest_file(con, big, source="comext")
    assert (report.status, report.vintage) == ("replaced", 2)
    assert counts(con)[1] == 1 + report.rows_kept
    con.close()
