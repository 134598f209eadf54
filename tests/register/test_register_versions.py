"""Web and command-line moderators at the same time, with an ingest under way: nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from fastapi import FastAPI
from test_web_register_moderation import _login, _seed

from fairmilk.ingest.demo import demo_files
from fairmilk.register.moderators import list_moderators
from fairmilk.register.submissions import list_submissions
from fairmilk.store import open_store
from fairmilk.store.generations import writer_lock

Web = tuple[str, FastAPI]


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmilk", *args, "--db", str(db)],
        capture_output=True, text=True, timeout=300, input="another long secret\n",
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip


def test_web_and_cli_moderation_while_an_ingest_runs(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    sid = _seed(web, oxfam_text)
    db = web[1].state.store.path
    csrf = _login(browser_client)
    demo = str(demo_files()[0])
    with ThreadPoolExecutor(2) as pool:
        ingest = pool.submit(_cli, db, "ingest", "comext", demo, "--synthetic")
        added = pool.submit(
            _cli, db, "register", "moderators", "add", "kofi", "--as", "t", "--password-stdin"
        )
        done = browser_client.post(
            f"/register/moderate/submission/{sid}",
            data={"action": "publish", "csrf": csrf, "note": "ok", "confirm": "yes"},
        )
        results = [ingest.result(), added.result()]
    assert done.status_code == 303
    assert [r.returncode for r in results] == [0, 0], [r.stderr for r in results]
    assert browser_client.get(f"/register/s/{sid}").status_code == 200
    con = open_store(db, read_only=True)
    try:
        assert [s["status"] for s in list_submissions(con)] == ["published"]
        assert {name for name, _active in list_moderators(con)} == {"ama", "kofi"}
        loaded = con.execute("SELECT count(*) FROM source_files WHERE source = 'comext'")
        assert loaded.fetchone() == (1,)
    finally:
        con.close()


def test_reading_commands_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    added = _cli(db, "register", "moderators", "add", "ama", "--as", "t", "--password-stdin")
    assert added.returncode == 0, added.stderr
    with writer_lock(db):  # held, as during a long ingest
        for args in (("register", "list"), ("register", "moderators", "list")):
            done = _cli(db, *args)
            assert done.returncode == 0, done.stderr
    assert "ama\tactive" in done.stdout
