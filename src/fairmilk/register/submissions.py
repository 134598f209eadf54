"""Stored submissions: save once (pending), moderate, read public records without contacts."""

from __future__ import annotations

import hashlib
import json
import secrets
from typing import Any

from fairmilk.errors import InputError
from fairmilk.register.audit import log_action, utcnow
from fairmilk.register.record import Submission
from fairmilk.register.store import Register
from fairmilk.register.text_index import term_counts
from fairmilk.register.warning_text import withheld
from fairmilk.register.withhold import CONTACT_FIELDS, withhold

STATUSES = ("pending", "published", "rejected")
TAGS = ("sets", "sdgs", "affiliations", "places", "recommendations")  # list columns
TAG_KINDS = {"sets": "set", "sdgs": "sdg", "affiliations": "affiliation", "places": "place",
             "recommendations": "recommendation"}  # fmt: skip
VIA = ("cli", "web-form", "web-upload")
_LIST_COLUMNS = (
    "id", "status", "title", "year", "form", "source_name", "source_format", "received_via",
    "warnings", "received_at", "moderated_at", "moderated_by",
)  # fmt: skip


def public_record(sub: Submission) -> dict[str, Any]:
    """The record without contact details (also in warnings): what may ever be shown."""
    data = sub.to_dict()
    for key in CONTACT_FIELDS:
        data["values"].pop(key, None)
    data["warnings"] = [
        withheld(w) if w["field"] in CONTACT_FIELDS else w for w in data["warnings"]
    ]
    return data


def content_key(sub: Submission) -> str:
    """Hash of the form and answers: the same content is stored only once."""
    payload = json.dumps([sub.form, sub.values], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lists(sub: Submission) -> dict[str, list[Any]]:
    """The list columns of a submission (each stored as JSON and as register_tags rows)."""
    affiliation = sub.values.get("affiliation")
    return {
        "sets": [int(k.split("_")[1]) for k in sub.ticked("set_")],
        "sdgs": [int(k.split("_")[1]) for k in sub.ticked("sdg_")],
        "affiliations": affiliation if isinstance(affiliation, list) else [],
        "places": list(sub.places),
        "recommendations": list(dict.fromkeys(f"{c.set}:{c.id}" for c in sub.citations)),
    }


def _row(sub: Submission, sid: str, via: str, nonce: str | None, *, key: str) -> list[Any]:
    lists = _lists(sub)
    title = sub.values.get("title")
    return [
        sid, "pending", sub.form, sub.year, title if isinstance(title, str) else None,
        sub.source_name, sub.source_format, via, key, nonce,
        *(json.dumps(lists[name], ensure_ascii=False) for name in TAGS),
        json.dumps(public_record(sub), ensure_ascii=False), len(sub.warnings), utcnow(),
        None, None, None,
    ]  # fmt: skip


def _tag(con: Register, sid: str, sub: Submission) -> None:
    rows = [(sid, TAG_KINDS[name], str(v)) for name, vs in _lists(sub).items() for v in vs]
    con.executemany("INSERT INTO register_tags VALUES (?, ?, ?)", rows)


def save_submission(
    con: Register, sub: Submission, *, via: str, nonce: str | None = None
) -> tuple[str, bool]:
    """Store a record as pending; returns (id, created). A repeat of the same content (a
    double click, a retried post) returns the first id and stores nothing; ``nonce`` (the
    web form's post id) is kept for tracing."""
    if via not in VIA:
        raise InputError(f"unknown channel {via!r}", expected=" | ".join(VIA))
    shown, held = withhold(sub)  # contact details in public answers: moderators only
    with con.writing():
        found = con.execute(
            "SELECT id FROM register_submissions WHERE content_sha256 = ?", [content_key(sub)]
        ).fetchone()
        if found is not None:
            return str(found[0]), False
        sid = secrets.token_hex(8)
        con.execute(
            f"INSERT INTO register_submissions VALUES ({', '.join('?' * 21)})",
            _row(shown, sid, via, nonce, key=content_key(sub)),
        )
        contact = [sub.values.get(k) for k in CONTACT_FIELDS]
        con.execute(
            "INSERT INTO register_contacts (submission_id, name, email, held_back) "
            "VALUES (?, ?, ?, ?)",
            [sid, *contact, json.dumps(held, ensure_ascii=False) if held else None],
        )
        _index(con, sid, shown)
        _tag(con, sid, shown)
    return sid, True


def _index(con: Register, sid: str, sub: Submission) -> None:
    texts = [v for k, v in sub.values.items() if isinstance(v, str) and k not in CONTACT_FIELDS]
    counts = term_counts(texts)
    con.executemany(
        "INSERT INTO register_terms VALUES (?, ?, ?)", [(sid, t, n) for t, n in counts.items()]
    )


def set_status(
    con: Register, sid: str, status: str, *, actor: str, note: str | None = None
) -> None:
    """Publish or reject (or send back to pending) a submission, with an audit row."""
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}", expected=" | ".join(STATUSES))
    with con.writing():
        if con.execute("SELECT 1 FROM register_submissions WHERE id = ?", [sid]).fetchone() is None:
            raise InputError(f"no submission with id {sid!r}", expected="an id from 'list'")
        con.execute(
            "UPDATE register_submissions SET status = ?, moderated_at = ?, moderated_by = ?, "
            "moderation_note = ? WHERE id = ?",
            [status, utcnow(), actor, note, sid],
        )
        log_action(con, actor, status, kind="submission", target=sid, detail=note)


def list_submissions(con: Register, *, status: str | None = None) -> list[dict[str, Any]]:
    """Submissions (newest first), optionally of one status; never contact details."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    rows = con.execute(
        f"SELECT {', '.join(_LIST_COLUMNS)} FROM register_submissions {where} "
        "ORDER BY received_at DESC, id",
        params,
    ).fetchall()
    return [dict(zip(_LIST_COLUMNS, row, strict=True)) for row in rows]


def get_submission(con: Register, sid: str, *, public: bool = True) -> dict[str, Any] | None:
    """The stored record with its status; None if absent, or unpublished when ``public``."""
    row = con.execute(
        "SELECT status, record_json, received_at, moderated_at, moderation_note "
        "FROM register_submissions WHERE id = ?",
        [sid],
    ).fetchone()
    if row is None or (public and row[0] != "published"):
        return None
    record: dict[str, Any] = json.loads(row[1])
    meta = {"id": sid, "status": row[0], "received_at": row[2], "moderated_at": row[3]}
    return {**meta, "note": None if public else row[4], "record": record}


def contact_of(con: Register, sid: str) -> dict[str, Any]:
    """Contact details of a submission, for moderators only (never on a public page), with
    the (field, line) pairs held back from its public answers."""
    row = con.execute(
        "SELECT name, email, held_back FROM register_contacts WHERE submission_id = ?", [sid]
    ).fetchone()
    if row is None:
        return {"name": None, "email": None, "held_back": []}
    return {"name": row[0], "email": row[1], "held_back": json.loads(row[2]) if row[2] else []}
