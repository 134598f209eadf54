"""Versions of the store: publish, nothing half-written, rollback, one writer at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import StoreError
from fairmilk.store import open_store
from fairmilk.store.generations import (
    KEEP,
    current_file,
    list_versions,
    publishing,
    rollback,
    versions_dir,
    writer_lock,
)

# The store's own meta rows (fingerprints of its reference data and views) are left out.
OWN = "key NOT LIKE '%\\_fingerprint' ESCAPE '\\'"


def _meta(db: Path) -> list[tuple[str, str]]:
    con = open_store(db, read_only=True)
    try:
        rows = con.execute(f"SELECT * FROM meta WHERE {OWN} ORDER BY ALL").fetchall()
        return [(str(k), str(v)) for k, v in rows]
    finally:
        con.close()


def _put(db: Path, key: str) -> None:
    with publishing(db, note=f"put {key}") as con:
        con.execute("INSERT INTO meta VALUES (?, 'x')", [key])


def test_each_write_is_a_new_version_and_readers_see_it(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _put(db, "a")
    reader = open_store(db, read_only=True)  # a reader of version 1 keeps reading it
    _put(db, "b")
    assert db.is_symlink()
    assert [(v.number, v.note, v.current) for v in list_versions(db)] == [
        (1, "put a", False),
        (2, "put b", True),
    ]
    assert _meta(db) == [("a", "x"), ("b", "x")]
    assert reader.execute(f"SELECT count(*) FROM meta WHERE {OWN}").fetchone() == (1,)
    reader.close()


def test_a_block_that_writes_nothing_publishes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _put(db, "a")
    with publishing(db, note="read only") as con:
        con.execute("SELECT * FROM meta").fetchall()
    assert [v.number for v in list_versions(db)] == [1]


def test_a_failed_block_leaves_the_current_version(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _put(db, "a")

    def broken() -> None:
        with publishing(db, note="broken") as con:
            con.execute("INSERT INTO meta VALUES ('b', 'x')")
            raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        broken()
    assert _meta(db) == [("a", "x")]
    assert [v.number for v in list_versions(db)] == [1]
    assert not list(versions_dir(db).glob("*.partial*"))


def test_rollback_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    for key in "abc":
        _put(db, key)
    made = rollback(db, 1)
    assert (made.number, made.note, made.current) == (4, "rollback to version 1", True)
    assert _meta(db) == [("a", "x")]
    with pytest.raises(StoreError, match="no version 9"):
        rollback(db, 9)


def test_old_versions_are_pruned(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    for n in range(KEEP + 3):
        _put(db, str(n))
    numbers = [v.number for v in list_versions(db)]
    assert numbers == list(range(4, KEEP + 4))
    assert len(list(versions_dir(db).glob("*.json"))) == KEEP


def test_a_plain_store_file_becomes_version_1(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = open_store(db)
    con.execute("INSERT INTO meta VALUES ('old', 'x')")
    con.close()
    _put(db, "new")
    assert [(v.number, v.note) for v in list_versions(db)] == [
        (1, "existing store"),
        (2, "put new"),
    ]
    assert _meta(db) == [("new", "x"), ("old", "x")]
    assert current_file(db).name == "v000002.duckdb"


def test_the_current_version_is_never_opened_for_writing(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _put(db, "a")
    with pytest.raises(StoreError, match="versioned"):
        open_store(db)
    con = open_store(db, read_only=True)
    with pytest.raises(duckdb.Error, match="read-only"):
        con.execute("INSERT INTO meta VALUES ('b', 'x')")
    con.close()


def test_one_writer_at_a_time(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    _put(db, "a")
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        with writer_lock(db):
            held.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    second = publishing(db, note="second", wait=0.2)
    with pytest.raises(StoreError, match="another command is writing"), second:
        pass
    release.set()
    thread.join()
    _put(db, "b")
    assert [v.number for v in list_versions(db)] == [1, 2]
