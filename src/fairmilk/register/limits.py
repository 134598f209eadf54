"""Rate limits on posts per client, and drafts of the web form (nothing typed is lost)."""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any

from fairmilk.register.audit import utcnow
from fairmilk.register.store import Register

POSTS_PER_WINDOW = 10
DRAFTS_PER_WINDOW = 60  # draft saves per address (the page saves as one types)
WINDOW_MINUTES = 10
MAX_DRAFT_BYTES = 256 * 1024
DRAFT_DAYS = 30


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def allow_post(
    con: Register,
    client: str,
    *,
    limit: int = POSTS_PER_WINDOW,
    minutes: int = WINDOW_MINUTES,
) -> bool:
    """Count a post by ``client`` (an address); False when it is over the limit (not counted)."""
    key, now = _sha(client), utcnow()
    with con.writing():
        con.execute(
            "DELETE FROM register_posts WHERE posted_at < ?", [now - timedelta(minutes=minutes)]
        )
        row = con.execute(
            "SELECT count(*) FROM register_posts WHERE client_key = ?", [key]
        ).fetchone()
        if row is not None and int(row[0]) >= limit:
            return False
        con.execute("INSERT INTO register_posts VALUES (?, ?)", [key, now])
    return True


def save_draft(con: Register, token: str, form: str, data: dict[str, Any]) -> bool:
    """Keep the typed answers under a browser's draft token; False if too large to keep."""
    text = json.dumps(data, ensure_ascii=False)
    if len(text.encode("utf-8")) > MAX_DRAFT_BYTES:
        return False
    key, now = _sha(token), utcnow()
    with con.writing():
        con.execute("DELETE FROM register_drafts WHERE token_sha256 = ? AND form = ?", [key, form])
        con.execute(
            "DELETE FROM register_drafts WHERE updated_at < ?", [now - timedelta(days=DRAFT_DAYS)]
        )
        con.execute("INSERT INTO register_drafts VALUES (?, ?, ?, ?)", [key, form, text, now])
    return True


def load_draft(con: Register, token: str | None, form: str) -> dict[str, Any]:
    """The answers kept for this token and form (empty when none)."""
    if not token:
        return {}
    row = con.execute(
        "SELECT data_json FROM register_drafts WHERE token_sha256 = ? AND form = ?",
        [_sha(token), form],
    ).fetchone()
    return dict(json.loads(row[0])) if row else {}


def drop_draft(con: Register, token: str | None, form: str) -> None:
    """Forget a draft once its form is submitted."""
    if token:
        with con.writing():
            con.execute(
                "DELETE FROM register_drafts WHERE token_sha256 = ? AND form = ?",
                [_sha(token), form],
            )
