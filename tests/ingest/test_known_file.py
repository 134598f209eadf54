"""A file already loaded is recognised by its sha256, and its scan stopped, not finished."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import duckdb
import pytest

import fairmilk.ingest.prepare as prepare
from fairmilk.ingest.known import KnownFile, ScanStop
from fairmilk.ingest.opening import Digest, _hash_and_count
from fairmilk.store.trade import ingest_file

LONG = "SELECT count(*) FROM range(100000000000) t(i) WHERE i % 7 = 3"  # minutes of work


def _digested(sha: str) -> Future[Digest]:
    job: Future[Digest] = Future()
    job.set_result(Digest(sha256=sha, size=1, data_lines=None))
    return job


def test_a_loaded_file_is_not_scanned_again(
    con: duckdb.DuckDBPyConnection,
    fixture_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = fixture_file("comext_classic_small.dat")
    first = ingest_file(con, path, source="comext")
    files = con.execute("SELECT count(*) FROM source_files").fetchone()

    # The digest is ready before the scan starts (as it is, on a large file, soon after).
    def at_once(_pool: object, file: Path, data: Path, comp: str) -> Future[Digest]:
        job: Future[Digest] = Future()
        job.set_result(_hash_and_count(file, data, comp))  # type: ignore[arg-type]
        return job

    monkeypatch.setattr(prepare, "start_digest", at_once)
    steps: list[str] = []
    again = ingest_file(con, path, source="comext", progress=lambda step, _done: steps.append(step))
    assert again.status == "unchanged"
    assert (again.file_id, again.rows_read, again.rows_kept) == (
        first.file_id,
        first.rows_read,
        first.rows_kept,
    )
    assert steps == []  # neither scanned nor checked
    assert con.execute("SELECT count(*) FROM source_files").fetchone() == files


def test_a_new_file_is_scanned_whole_although_its_digest_is_ready(
    con: duckdb.DuckDBPyConnection,
    fixture_file: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest_file(con, fixture_file("comext_classic_small.dat"), source="comext")
    monkeypatch.setattr(prepare, "start_digest", lambda *_a: _digested("0" * 64))
    report = ingest_file(con, fixture_file("comext_full_v2_small.dat"), source="comext")
    assert report.status == "loaded"
    assert report.rows_kept == 4


def test_a_running_scan_is_interrupted_when_the_digest_is_known() -> None:
    scratch = duckdb.connect()
    stop = ScanStop({"abc"})
    job: Future[Digest] = Future()
    stop.watch(job)
    timer = threading.Timer(0.3, lambda: job.set_result(Digest("abc", 1, None)))
    guard = threading.Timer(20, scratch.interrupt)  # a failing stop fails, not hangs
    started = time.monotonic()
    timer.start()
    guard.start()
    try:
        with pytest.raises(KnownFile) as found, stop.running(scratch):
            scratch.execute(LONG)
    finally:
        guard.cancel()
    assert found.value.sha256 == "abc"
    assert time.monotonic() - started < 10  # interrupted at once, not by the guard
    assert scratch.execute("SELECT 1").fetchone() == (1,)  # the connection still works


def test_an_unknown_or_failed_digest_lets_the_scan_finish() -> None:
    scratch = duckdb.connect()
    for job in (_digested("other"), Future()):
        if not job.done():
            job.set_exception(OSError("unreadable"))
        stop = ScanStop({"abc"})
        stop.watch(job)
        with stop.running(scratch):
            assert scratch.execute("SELECT count(*) FROM range(1000)").fetchone() == (1000,)


def test_a_scan_error_of_an_unknown_file_is_not_hidden() -> None:
    scratch = duckdb.connect()
    stop = ScanStop({"abc"})
    stop.watch(_digested("other"))
    with pytest.raises(duckdb.Error), stop.running(scratch):
        scratch.execute("SELECT * FROM no_such_table")
