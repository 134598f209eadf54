"""The web app's store follows new versions: at once, or after warming, never mid-request."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from fairmilk.store.generations import publishing
from fairmilk.web.snapshot import Snapshot
from fairmilk.web.state import Store


def _publish_observation(db: Path) -> None:
    with publishing(db, note="test") as con:
        con.execute("DELETE FROM observations WHERE rowid = (SELECT min(rowid) FROM observations)")


def test_switches_from_a_plain_file_and_keeps_requests_under_way(
    web_store: Path, tmp_path: Path
) -> None:
    db = Path(shutil.copy(web_store, tmp_path / "s.duckdb"))
    store = Store(db, read_only=True)
    before = store.fingerprint()
    with store.cursor() as under_way:
        _publish_observation(db)  # the plain file becomes version 1, the change version 2
        assert store.stale()
        assert store.refresh()
        assert under_way.execute("SELECT count(*) FROM observations").fetchone()  # still open
    assert not store.stale()
    assert not store.refresh()
    assert store.fingerprint() != before
    store.close()


def test_a_failing_warm_still_switches(web_store: Path, tmp_path: Path) -> None:
    db = Path(shutil.copy(web_store, tmp_path / "s.duckdb"))
    store = Store(db, read_only=True)
    before = store.fingerprint()
    _publish_observation(db)
    seen: list[Snapshot] = []

    def broken(snapshot: Snapshot) -> None:
        seen.append(snapshot)
        raise RuntimeError("a page failed to build")

    store.warm_then_switch(broken)
    store.warm_then_switch(broken)  # already warming that version: not started twice
    deadline = time.monotonic() + 30
    while store.stale():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert len(seen) == 1
    assert store.fingerprint() != before
    store.close()
