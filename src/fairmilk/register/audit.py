"""The audit trail of moderation actions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fairmilk.register.store import Register


def utcnow() -> datetime:
    """The current time in UTC, without time zone (as stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


def log_action(
    con: Register,
    actor: str,
    action: str,
    *,
    kind: str | None = None,
    target: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one row to the audit trail (call inside the write's transaction)."""
    con.execute(
        "INSERT INTO register_audit (happened_at, actor, action, target_kind, target_id, "
        "detail) VALUES (?, ?, ?, ?, ?, ?)",
        [utcnow(), actor, action, kind, target, detail],
    )


def audit_trail(con: Register, *, limit: int = 200) -> list[dict[str, Any]]:
    """The latest audit rows, newest first."""
    rows = con.execute(
        "SELECT happened_at, actor, action, target_kind, target_id, detail FROM register_audit "
        "ORDER BY happened_at DESC LIMIT ?",
        [limit],
    ).fetchall()
    keys = ("at", "actor", "action", "kind", "target", "detail")
    return [dict(zip(keys, row, strict=True)) for row in rows]
