"""A store from before the register store: its register tables move over on first open."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from fairmilk.register.moderators import login
from fairmilk.register.search import Filters, search
from fairmilk.register.store import connect, default_path
from fairmilk.register.submissions import contact_of, get_submission
from fairmilk.register.synthesis import synthesis
from fairmilk.store import open_store
from fairmilk.store.generations import publishing

LEGACY = Path(__file__).parent / "fixtures" / "legacy_register_schema.sql"  # the old schema
AT = datetime(2025, 6, 1, 9, 30, 15, 250000)


def _old_store(db: Path) -> None:
    """A versioned store whose version holds the register as the old schema kept it."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"a long secret 42", salt=salt, n=2**14, r=8, p=1, maxmem=2**26,
                            dklen=32)  # fmt: skip
    with publishing(db, note="old program") as con:
        con.execute(LEGACY.read_text(encoding="utf-8"))
        con.execute(
            "INSERT INTO register_submissions VALUES ('s1', 'published', 'cfs-smallholders-2019',"
            " 2019, 'Milk in Kaolack', 'a.txt', 'txt', 'cli', 'k1', NULL, [2, 3], [2], "
            "['civil_society'], ['SN', 'west-africa'], ['2:18'], '{\"facts\": []}', 0, ?, ?, "
            "'cli:ama', NULL), ('s2', 'pending', 'cfs-smallholders-2019', 2019, 'Other', "
            "'b.txt', 'txt', 'cli', 'k2', NULL, [], [], [], ['ML'], [], '{\"facts\": []}', 1, ?,"
            " NULL, NULL, NULL)",
            [AT, AT, AT],
        )
        con.execute("INSERT INTO register_contacts VALUES ('s1', 'Awa', 'awa@example.org', NULL)")
        con.execute("INSERT INTO register_terms VALUES ('s1', 'kaolack', 3), ('s2', 'other', 1)")
        con.execute(
            "INSERT INTO register_observations VALUES ('o1', 'published', DATE '2025-05-02', "
            "'SN', 'Kaolack', 'ffmp', NULL, 400, 'g', 1250, 'XOF', ['contains_vegetable_fat'],"
            " NULL, NULL, 'web form', ?, ?, 'ama', 'k3')",
            [AT, AT],
        )
        con.execute(
            "INSERT INTO register_moderators VALUES ('ama', ?, ?, 16384, 8, 1, TRUE, ?, TRUE)",
            [salt, digest, AT],
        )
        con.execute("INSERT INTO register_audit VALUES (?, 'cli:ama', 'published', "
                    "'submission', 's1', NULL)", [AT])  # fmt: skip


def _cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmilk", *args, "--db", str(db)],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )  # fmt: skip


def test_an_old_store_moves_its_register_once(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    _old_store(db)
    first = _cli(db, "register", "list")
    assert first.returncode == 0, first.stderr
    moved = [line for line in first.stdout.splitlines() if line.startswith("register: moved")]
    assert moved == [
        f"register: moved 2 submissions, 1 observations, 1 moderators and 1 audit rows from "
        f"{db} to {default_path(db)}"
    ]
    again = _cli(db, "register", "list")
    assert "register: moved" not in again.stdout  # once only
    linked = tmp_path / "same.duckdb"
    linked.symlink_to(db)  # the same store by another path, with the same register beside
    default_path(linked).symlink_to(default_path(db))
    other = _cli(linked, "register", "list")
    assert other.returncode == 0, other.stderr
    assert "already; not copied again" in other.stdout
    with connect(str(default_path(db))) as reg:
        public = get_submission(reg, "s1")
        assert public is not None
        assert public["received_at"] == AT  # timestamps kept to the microsecond
        assert contact_of(reg, "s1")["email"] == "awa@example.org"
        assert [r["id"] for r in search(reg, "kaol", Filters(place="SN", set=2))] == ["s1"]
        assert [r["id"] for r in search(reg, "", Filters(place="ML"), public=False)] == ["s2"]
        places = synthesis(reg)["breakdowns"]["place"]["rows"]
        assert {r["key"]: r["count"] for r in places} == {"SN": 1, "west-africa": 1}
        session = login(reg, "ama", "a long secret 42")  # the old password hash still works
        assert session is not None
        assert session.admin
    con = open_store(db, read_only=True)  # what was published reaches the analytics copy
    try:
        rows = con.execute("SELECT id, labels FROM register_published_prices").fetchall()
        assert rows == [("o1", ["contains_vegetable_fat"])]
        copied = con.execute("SELECT id FROM register_published_submissions").fetchall()
        assert copied == [("s1",)]
    finally:
        con.close()


def test_a_copy_that_loses_rows_copies_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fairmilk.errors import StoreError
    from fairmilk.register import legacy

    db = tmp_path / "old.duckdb"
    _old_store(db)
    with connect(str(default_path(db))) as reg:
        counts = iter([0] * len(legacy.TABLES) + [0] * len(legacy.TABLES))
        monkeypatch.setattr(legacy, "_count", lambda reg, table: next(counts))  # rows "lost"
        with pytest.raises(StoreError, match="lost rows; nothing was copied"):
            legacy.import_legacy(reg, db)
        monkeypatch.undo()
        assert reg.execute("SELECT count(*) FROM register_submissions").fetchone() == (0,)
        assert reg.execute("SELECT count(*) FROM register_imports").fetchone() == (0,)
        assert legacy.import_legacy(reg, db) is not None  # a later open copies them all
        assert reg.execute("SELECT count(*) FROM register_submissions").fetchone() == (2,)
