"""Submissions stay private until published; contacts never public; moderators and audit."""

from __future__ import annotations

import json

import pytest

from fairmilk.errors import InputError
from fairmilk.register import moderators as mods
from fairmilk.register.audit import audit_trail
from fairmilk.register.reader import read_submission
from fairmilk.register.store import Register
from fairmilk.register.submissions import (
    contact_of,
    get_submission,
    list_submissions,
    save_submission,
    set_status,
)

Stored = tuple[Register, str]


def test_pending_is_private_until_published(stored: Stored) -> None:
    con, sid = stored
    assert get_submission(con, sid) is None
    assert get_submission(con, sid, public=False)["status"] == "pending"  # type: ignore[index]
    set_status(con, sid, "published", actor="ama")
    public = get_submission(con, sid)
    assert public is not None
    assert public["record"]["values"]["title"] == "Local and Fair Milk in West Africa and Europe"
    assert public["note"] is None


def test_contact_details_are_never_in_the_public_record(stored: Stored) -> None:
    con, sid = stored
    set_status(con, sid, "published", actor="ama")
    stored_json = con.execute("SELECT record_json FROM register_submissions").fetchone()[0]
    assert "Kesteloot" not in stored_json
    assert "oxfam.org" not in json.dumps(get_submission(con, sid), default=str)
    assert contact_of(con, sid) == {
        "name": "Thierry Kesteloot",
        "email": "Thierry.Kesteloot@oxfam.org",
        "held_back": [],
    }


def test_same_content_is_stored_once(stored: Stored, oxfam_text: str) -> None:
    con, sid = stored
    again, created = save_submission(
        con, read_submission(oxfam_text, source_name="x.txt"), via="cli"
    )
    assert (again, created) == (sid, False)
    assert len(list_submissions(con)) == 1


def test_reject_and_audit(stored: Stored) -> None:
    con, sid = stored
    set_status(con, sid, "rejected", actor="ama", note="duplicate of an email")
    assert list_submissions(con, status="rejected")[0]["id"] == sid
    trail = audit_trail(con)
    assert (trail[0]["actor"], trail[0]["action"], trail[0]["target"]) == ("ama", "rejected", sid)
    assert trail[0]["detail"] == "duplicate of an email"


@pytest.mark.parametrize(("sid", "status"), [("nope", "published"), ("x", "archived")])
def test_bad_moderation_inputs(stored: Stored, sid: str, status: str) -> None:
    con, _ = stored
    with pytest.raises(InputError):
        set_status(con, sid, status, actor="ama")


def test_moderator_password_and_sessions(con: Register) -> None:
    mods.create_moderator(con, "ama", "correct horse battery", actor="cli")
    salt, digest = con.execute("SELECT salt, pw_hash FROM register_moderators").fetchone()
    assert b"correct" not in bytes(digest)
    assert len(bytes(salt)) == 16
    assert mods.login(con, "ama", "wrong password!") is None
    assert mods.login(con, "nobody", "correct horse battery") is None
    session = mods.login(con, "ama", "correct horse battery")
    assert session is not None
    assert mods.session_for(con, session.token) == session
    assert (
        con.execute(
            "SELECT count(*) FROM register_sessions WHERE token_sha256 = ?", [session.token]
        ).fetchone()[0]
        == 0
    )
    assert mods.csrf_ok(session, session.csrf)
    assert not mods.csrf_ok(session, "forged")
    assert not mods.csrf_ok(session, None)
    mods.set_active(con, "ama", False, actor="cli")
    assert mods.session_for(con, session.token) is None
    assert mods.login(con, "ama", "correct horse battery") is None
    actions = [row["action"] for row in audit_trail(con)]
    assert {"create-moderator", "login", "login-failed", "disable"} <= set(actions)


def test_salts_differ_per_user(con: Register) -> None:
    mods.create_moderator(con, "ama", "same password 123", actor="cli")
    mods.create_moderator(con, "ben", "same password 123", actor="cli")
    hashes = {
        bytes(h) for (h,) in con.execute("SELECT pw_hash FROM register_moderators").fetchall()
    }
    assert len(hashes) == 2


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [("A!", "long enough pw", "bad user name"), ("ama", "short", "too short")],
)
def test_moderator_validation(con: Register, name: str, password: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        mods.create_moderator(con, name, password, actor="cli")


def test_duplicate_moderator(con: Register) -> None:
    mods.create_moderator(con, "ama", "long enough pw", actor="cli")
    with pytest.raises(InputError, match="exists"):
        mods.create_moderator(con, "ama", "another long pw", actor="cli")
    assert mods.list_moderators(con) == [("ama", True)]
