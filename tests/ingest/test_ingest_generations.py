"""A writer killed at any point of publishing leaves the current version as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_helpers import classic_line, counts, write_classic

from fairmilk.store import open_store
from fairmilk.store.generations import list_versions, publishing, versions_dir
from fairmilk.store.trade import ingest_file

# The child ingests a file through ``publishing`` and is killed at a chosen step.
CHILD = """
import os, sys, time
import fairmilk.store.generations as gen
from pathlib import Path

step = sys.argv[3]
def pause(label):
    print(label, flush=True)
    time.sleep(120)

if step == "copied":
    copy = gen.shutil.copyfile
    gen.shutil.copyfile = lambda a, b: (copy(a, b), pause("AT-STEP"))
elif step == "renamed":
    point = gen._point
    gen._point = lambda db, target: pause("AT-STEP")
from fairmilk.store.trade import ingest_file
with gen.publishing(Path(sys.argv[1]), note="child") as con:
    ingest_file(con, sys.argv[2], source="comext")
    if step == "written":
        pause("AT-STEP")
"""


def _state(db: Path) -> tuple[object, ...]:
    con = open_store(db, read_only=True)
    try:
        return counts(con)
    finally:
        con.close()


@pytest.mark.parametrize("step", ["copied", "written", "renamed"])
def test_killed_writer_leaves_the_current_version(tmp_path: Path, step: str) -> None:
    db = tmp_path / "store.duckdb"
    with publishing(db, note="first") as con:
        ingest_file(con, write_classic(tmp_path / "a.dat", [classic_line()]), source="comext")
    before = _state(db)
    lines = [classic_line(par=p, code=f"0406{n:04d}") for n, p in enumerate(["CI", "ML"] * 50)]
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(db), str(write_classic(tmp_path / "b.dat", lines)), step],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert child.stdout is not None
    try:
        assert child.stdout.readline().strip() == "AT-STEP"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
    assert _state(db) == before
    assert [v.number for v in list_versions(db) if v.current] == [1]
    with publishing(db, note="next") as con:  # the next writer is not hindered
        ingest_file(
            con, write_classic(tmp_path / "c.dat", [classic_line(par="NG")]), source="comext"
        )
    assert _state(db) != before
    assert not list(versions_dir(db).glob("*.partial*"))
