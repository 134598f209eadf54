"""Moderator accounts (scrypt-hashed passwords with a salt each) and login sessions."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

from fairmilk.errors import InputError
from fairmilk.register.audit import log_action, utcnow
from fairmilk.register.store import Register, as_timestamp
from fairmilk.text import msg

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
MIN_PASSWORD = 10  # characters, not counting spaces at either end; not all blank
SESSION_HOURS = 8
LOCK_AFTER = 5  # failed logins of one account before it is locked ...
LOCK_MINUTES = 1  # ... for 1 minute, doubling with every further failure ...
LOCK_MAX_MINUTES = 60  # ... up to an hour; failures older than a day are forgotten
_USERNAME = re.compile(r"^[a-z0-9_.-]{3,32}$")


@dataclass(frozen=True, slots=True)
class Session:
    """A logged-in moderator: the cookie token (kept only hashed in the store) and CSRF token."""

    token: str
    username: str
    csrf: str
    admin: bool = False


def _hash(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=2**26, dklen=32
    )


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def check_new_password(password: str, username: str) -> None:
    """InputError unless the password is long enough once trimmed and is not the user name."""
    core = password.strip()
    if len(core) < MIN_PASSWORD or len(set(core)) < 4:
        raise InputError(
            msg("password too short or too simple"),
            column="password",
            expected=msg("at least {count} characters (not counting end spaces), 4 different",
                         count=MIN_PASSWORD),
        )  # fmt: skip
    if username.lower() in password.lower():
        raise InputError(msg("the password contains the user name"), column="password")


def create_moderator(
    con: Register,
    username: str,
    password: str,
    *,
    actor: str,
    admin: bool = False,
) -> None:
    """Add a moderator (an administrator with ``admin``); InputError for a bad name, a weak
    password or a taken name."""
    if not _USERNAME.match(username):
        raise InputError(
            msg("bad user name"),
            column="username",
            expected=msg("3-32 of a-z 0-9 _ . -"),
            found=username,
        )
    check_new_password(password, username)
    salt = secrets.token_bytes(16)
    digest = _hash(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    with con.writing():
        if con.execute(
            "SELECT 1 FROM register_moderators WHERE username = ?", [username]
        ).fetchone():
            exists = msg("this moderator exists already")
            raise InputError(exists, column="username", found=username)
        con.execute(
            "INSERT INTO register_moderators (username, salt, pw_hash, scrypt_n, scrypt_r, "
            "scrypt_p, active, created_at, is_admin) VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?)",
            [username, salt, digest, SCRYPT_N, SCRYPT_R, SCRYPT_P, utcnow(), admin],
        )
        action = "create-administrator" if admin else "create-moderator"
        log_action(con, actor, action, kind="moderator", target=username)


def list_moderators(con: Register) -> list[tuple[str, bool]]:
    """(user name, active) of every moderator, by name; never a hash."""
    rows = con.execute("SELECT username, active FROM register_moderators ORDER BY username")
    return [(str(u), bool(a)) for u, a in rows.fetchall()]


def set_active(con: Register, username: str, active: bool, *, actor: str) -> None:
    """Enable or disable a moderator; disabling also ends their sessions."""
    with con.writing():
        if not con.execute(
            "SELECT 1 FROM register_moderators WHERE username = ?", [username]
        ).fetchone():
            raise InputError(msg("no such moderator"), column="username", found=username)
        con.execute(
            "UPDATE register_moderators SET active = ? WHERE username = ?", [active, username]
        )
        if not active:
            con.execute("DELETE FROM register_sessions WHERE username = ?", [username])
        log_action(con, actor, "enable" if active else "disable", kind="moderator", target=username)


def check_password(con: Register, username: str, password: str) -> bool:
    """True when an active moderator has this password (same work whether or not it exists)."""
    row = con.execute(
        "SELECT salt, pw_hash, scrypt_n, scrypt_r, scrypt_p, active FROM register_moderators "
        "WHERE username = ?",
        [username],
    ).fetchone()
    if row is None:
        _hash(password, b"\x00" * 16, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        return False
    salt, stored, n, r, p, active = row
    ok = hmac.compare_digest(_hash(password, bytes(salt), n, r, p), bytes(stored))
    return ok and bool(active)


def locked_for(con: Register, username: str) -> int:
    """Seconds the account must still wait before a login is tried (0 when it may now).

    Counted per account, from the audited failures since its last good login: after
    LOCK_AFTER failures, LOCK_MINUTES doubled per further failure, at most LOCK_MAX_MINUTES.
    """
    now = utcnow()
    row = con.execute(
        "SELECT count(*), max(happened_at) FROM register_audit WHERE action = 'login-failed' "
        "AND target_id = ? AND happened_at > ? AND happened_at > coalesce((SELECT "
        "max(happened_at) FROM register_audit WHERE action = 'login' AND target_id = ?), "
        "'1970-01-01 00:00:00')",
        [username, now - timedelta(days=1), username],
    ).fetchone()
    failures, last = (int(row[0]), as_timestamp(row[1])) if row else (0, None)
    if failures < LOCK_AFTER or last is None:
        return 0
    minutes = min(LOCK_MINUTES * 2 ** (failures - LOCK_AFTER), LOCK_MAX_MINUTES)
    wait = (last + timedelta(minutes=minutes) - now).total_seconds()
    return max(0, int(wait) + 1) if wait > 0 else 0


def login(con: Register, username: str, password: str) -> Session | None:
    """A new session for a correct password, else None (and the failure is audited).
    A locked account (see locked_for) is refused without looking at the password."""
    if locked_for(con, username[:40]) > 0:
        return None
    if not check_password(con, username, password):
        with con.writing():
            log_action(con, username[:40], "login-failed", kind="moderator", target=username[:40])
        return None
    session = Session(secrets.token_urlsafe(32), username, secrets.token_urlsafe(32),
                      is_admin(con, username))  # fmt: skip
    now = utcnow()
    with con.writing():
        con.execute(
            "INSERT INTO register_sessions VALUES (?, ?, ?, ?, ?)",
            [
                _sha(session.token),
                username,
                session.csrf,
                now,
                now + timedelta(hours=SESSION_HOURS),
            ],
        )
        log_action(con, username, "login", kind="moderator", target=username)
    return session


def session_for(con: Register, token: str | None) -> Session | None:
    """The live session of a cookie token, or None (unknown, expired or disabled user)."""
    if not token or len(token) > 100 or not token.isascii():
        return None
    row = con.execute(
        "SELECT s.username, s.csrf, coalesce(m.is_admin, FALSE) FROM register_sessions s "
        "JOIN register_moderators m USING (username) "
        "WHERE s.token_sha256 = ? AND s.expires_at > ? AND m.active",
        [_sha(token), utcnow()],
    ).fetchone()
    return Session(token, str(row[0]), str(row[1]), bool(row[2])) if row else None


def is_admin(con: Register, username: str) -> bool:
    """True for an active administrator."""
    row = con.execute(
        "SELECT coalesce(is_admin, FALSE) AND active FROM register_moderators WHERE username = ?",
        [username],
    ).fetchone()
    return bool(row and row[0])


def logout(con: Register, token: str) -> None:
    """End a session."""
    with con.writing():
        con.execute("DELETE FROM register_sessions WHERE token_sha256 = ?", [_sha(token)])


def csrf_ok(session: Session, sent: str | None) -> bool:
    """True when a form sent back the session's CSRF token."""
    return bool(sent) and hmac.compare_digest(session.csrf.encode(), str(sent).encode("utf-8"))
