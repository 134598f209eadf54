"""Accounts under attack: weak passwords refused, a per-account lockout with backoff."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from fairmilk.errors import InputError
from fairmilk.register import moderators as mods
from fairmilk.register.audit import utcnow
from fairmilk.register.store import Register, connect


@pytest.fixture
def con(tmp_path: Path) -> Iterator[Register]:
    store = connect(str(tmp_path / "accounts.register.sqlite"))
    yield store
    store.close()


@pytest.mark.parametrize(
    "password", [" " * 10, " " * 30, "aaaaaaaaaaaa", "  short1  ", "ama-is-the-best-1"]
)
def test_weak_passwords_are_refused(con: Register, password: str) -> None:
    with pytest.raises(InputError, match="password"):
        mods.create_moderator(con, "ama", password, actor="cli")


def test_wrong_passwords_lock_the_account_whatever_the_address(
    con: Register,
) -> None:
    mods.create_moderator(con, "ama", "correct horse battery", actor="cli")
    for _ in range(mods.LOCK_AFTER):
        assert mods.login(con, "ama", "guess") is None
    assert mods.locked_for(con, "ama") > 0
    assert mods.login(con, "ama", "correct horse battery") is None  # locked: not even checked
    assert mods.locked_for(con, "ben") == 0  # another account is not locked


def test_the_lock_doubles_then_expires(con: Register) -> None:
    mods.create_moderator(con, "ama", "correct horse battery", actor="cli")
    for _ in range(mods.LOCK_AFTER):
        mods.login(con, "ama", "guess")
    first = mods.locked_for(con, "ama")
    con.execute(  # one more failure (as if tried when the lock ended) doubles the wait
        "INSERT INTO register_audit (happened_at, actor, action, target_kind, target_id) "
        "VALUES (?, 'x', 'login-failed', 'moderator', 'ama')",
        [utcnow()],
    )
    assert mods.locked_for(con, "ama") > first
    con.execute("UPDATE register_audit SET happened_at = ?", [utcnow() - timedelta(hours=2)])
    assert mods.locked_for(con, "ama") == 0
    assert mods.login(con, "ama", "correct horse battery") is not None
