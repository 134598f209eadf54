"""Parallel writers of one register store: none lost, none duplicated, none refused.

Threads and separate processes (as several web workers and command-line moderators are)
post submissions and moderate them at once on the SQLite register in WAL mode.
"""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from fairmilk.register.audit import audit_trail
from fairmilk.register.reader import read_submission
from fairmilk.register.store import Register, connect
from fairmilk.register.submissions import list_submissions, save_submission, set_status

FORM = "Title of your submission*\nExperience {n}\nCountry(ies)/ Region(s) covered\nMali\n"
PROCESSES, POSTS = 4, 12


def test_parallel_writers_keep_every_post_once(con: Register) -> None:
    def post(n: int) -> tuple[str, bool]:
        with connect(con.target, migrate=False) as own:
            record = read_submission(FORM.format(n=n % 20), source_name=f"{n}.txt")
            return save_submission(own, record, via="web-form", nonce=f"nonce-{n % 20}")

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(post, range(60)))
    stored = list_submissions(con)
    titles = sorted(str(s["title"]) for s in stored)
    assert titles == sorted(f"Experience {n}" for n in range(20))
    assert sum(created for _id, created in results) == 20
    # every post (first try or retry) got the id of the one row holding its content
    by_title = {s["title"]: s["id"] for s in stored}
    assert [sid for sid, _created in results] == [
        by_title[f"Experience {n % 20}"] for n in range(60)
    ]


def _worker(target: str, worker: int, out: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    """Post POSTS submissions, publishing every second one at once (a moderator's work)."""
    errors: list[str] = []
    with connect(target, migrate=False) as reg:
        for n in range(POSTS):
            try:
                record = read_submission(FORM.format(n=f"{worker}-{n}"), source_name="p.txt")
                sid, _created = save_submission(reg, record, via="web-form")
                if n % 2 == 0:
                    set_status(reg, sid, "published", actor=f"mod{worker}")
            except Exception as exc:  # reported to the test, which fails on any
                errors.append(repr(exc))
    out.put(errors)


def test_processes_post_and_moderate_at_once(con: Register) -> None:
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_worker, args=(con.target, w, out)) for w in range(PROCESSES)]
    for worker in workers:
        worker.start()
    errors = [out.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=30)
    assert errors == [[]] * PROCESSES  # no "database is locked", no other error
    stored = list_submissions(con)
    assert len(stored) == PROCESSES * POSTS  # no lost write
    published = [s for s in stored if s["status"] == "published"]
    assert len(published) == PROCESSES * POSTS // 2
    actions = [row["action"] for row in audit_trail(con, limit=1000)]
    assert actions.count("published") == len(published)  # every moderation audited once


def test_the_sqlite_register_reads_while_a_writer_writes(tmp_path: Path) -> None:
    target = str(tmp_path / "r.sqlite")
    with connect(target) as writer, connect(target, read_only=True) as reader:
        assert writer.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert writer.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert writer.execute("PRAGMA busy_timeout").fetchone() == (30000,)
        with writer.writing():
            record = read_submission(FORM.format(n=1), source_name="1.txt")
            save_submission(writer, record, via="cli")
            began = time.monotonic()
            assert list_submissions(reader) == []  # the committed state, at once
            assert time.monotonic() - began < 1.0
        assert len(list_submissions(reader)) == 1
