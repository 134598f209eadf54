"""The register store beside the versioned analytics store: web and command-line moderators
at the same time, with an ingest under way; publications reach the analytics data as new
versions that a running server shows without restart; a rollback leaves the register alone."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
from fastapi import FastAPI
from test_web_register_moderation import _login, _seed

from fairmilk.ingest.demo import demo_files
from fairmilk.register.moderators import list_moderators
from fairmilk.register.observation_store import list_observations, save_observation
from fairmilk.register.observations import validate_observation
from fairmilk.register.store import connect, default_path
from fairmilk.register.submissions import list_submissions
from fairmilk.store import open_store
from fairmilk.store.generations import list_versions, writer_lock

Web = tuple[str, FastAPI]
OBSERVATION = {
    "date": "2026-03-02", "country": "SN", "place": "Kaolack, marché central",
    "product": "ffmp", "package_size": "400", "package_unit": "g", "price": "1250",
    "currency": "XOF",
}  # fmt: skip


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
    with web[1].state.register.connect() as reg:
        oid, _ = save_observation(reg, validate_observation(OBSERVATION), source="test")
    csrf = _login(browser_client)
    demo = str(demo_files()[0])
    with ThreadPoolExecutor(3) as pool:
        ingest = pool.submit(_cli, db, "ingest", "comext", demo, "--synthetic")
        added = pool.submit(
            _cli, db, "register", "moderators", "add", "kofi", "--as", "t", "--password-stdin"
        )
        published = pool.submit(_cli, db, "register", "observations", "publish", oid, "--as", "t")
        done = browser_client.post(
            f"/register/moderate/submission/{sid}",
            data={"action": "publish", "csrf": csrf, "note": "ok", "confirm": "yes"},
        )
        results = [ingest.result(), added.result(), published.result()]
    assert done.status_code == 303
    assert [r.returncode for r in results] == [0, 0, 0], [r.stderr for r in results]
    assert browser_client.get(f"/register/s/{sid}").status_code == 200
    with web[1].state.register.connect(read_only=True) as reg:
        assert [s["status"] for s in list_submissions(reg)] == ["published"]
        assert [o["status"] for o in list_observations(reg)] == ["published"]
        assert {name for name, _active in list_moderators(reg)} == {"ama", "kofi"}
    assert web[1].state.publisher.wait(120)
    con = open_store(db, read_only=True)
    try:
        loaded = con.execute("SELECT count(*) FROM source_files WHERE source = 'comext'")
        assert loaded.fetchone() == (1,)  # the ingest is kept ...
        copied = con.execute("SELECT id FROM register_published_submissions").fetchall()
        assert copied == [(sid,)]  # ... and both publications reached the analytics data
        prices = con.execute("SELECT id FROM register_published_prices").fetchall()
        assert prices == [(oid,)]
    finally:
        con.close()


def test_a_publication_shows_on_the_running_site_without_restart(
    browser_client: httpx.Client, web: Web
) -> None:
    db = web[1].state.store.path
    with web[1].state.register.connect() as reg:
        oid, _ = save_observation(reg, validate_observation(OBSERVATION), source="test")
    assert browser_client.get("/country/SN").status_code == 200
    assert "Kaolack" not in browser_client.get("/country/SN").text
    published = _cli(db, "register", "observations", "publish", oid, "--as", "t")
    assert published.returncode == 0, published.stderr
    statuses, deadline, shown = [], time.monotonic() + 60, False
    while time.monotonic() < deadline and not shown:
        page = browser_client.get("/country/SN")
        statuses.append(page.status_code)
        shown = "Kaolack, marché central" in page.text
        time.sleep(0.2)
    assert shown, "the published observation did not show within 60 s"
    assert set(statuses) == {200}  # no request failed meanwhile


def _copied(db: Path) -> list[tuple[str]]:
    con = open_store(db, read_only=True)
    try:
        return con.execute("SELECT id FROM register_published_prices ORDER BY id").fetchall()
    finally:
        con.close()


def test_a_rollback_of_the_analytics_data_keeps_the_register(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert _cli(db, "build", "--no-demo").returncode == 0
    csv = Path(__file__).parent / "fixtures" / "observations.csv"
    assert _cli(db, "register", "observations", "import", str(csv)).returncode == 0
    assert default_path(db).is_file()  # the register beside the store
    built = [v.number for v in list_versions(db)]
    assert len(built) == 1  # register writes make no analytics version ...
    with connect(str(default_path(db)), read_only=True) as reg:
        oid = list_observations(reg)[0]["id"]
    assert _cli(db, "register", "observations", "publish", oid, "--as", "t").returncode == 0
    assert len(list_versions(db)) == 2  # ... a publication does (the published rows copied)
    assert _copied(db) == [(oid,)]
    rolled = _cli(db, "versions", "rollback", str(built[0]))
    assert rolled.returncode == 0, rolled.stderr
    assert _copied(db) == []  # the analytics data is back as it was ...
    with connect(str(default_path(db)), read_only=True) as reg:  # ... the register is not
        assert [o["status"] for o in list_observations(reg) if o["id"] == oid] == ["published"]
    synced = _cli(db, "register", "sync")
    assert synced.returncode == 0, synced.stderr
    assert _copied(db) == [(oid,)]


def test_reading_commands_do_not_wait_for_a_writer(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    added = _cli(db, "register", "moderators", "add", "ama", "--as", "t", "--password-stdin")
    assert added.returncode == 0, added.stderr
    with writer_lock(db):  # held, as during a long ingest
        for args in (("register", "list"), ("register", "moderators", "list")):
            done = _cli(db, *args)
            assert done.returncode == 0, done.stderr
        again = _cli(db, "register", "moderators", "add", "kofi", "--as", "t", "--password-stdin")
        assert again.returncode == 0, again.stderr  # register writes do not wait either
    assert "ama\tactive" in done.stdout
