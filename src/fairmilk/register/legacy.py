"""Moving a register kept in the analytics store (before the register store) into its own.

Until the fourth round the register tables lived in the versioned DuckDB store. On the
first open of the register of such a store, every row of its ``register_*`` tables is
copied into the register store in one transaction, the counts are checked, and the copy is
recorded in ``register_imports`` (so it happens once); the old tables are then never read
again (they stay in the old versions, untouched).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from fairmilk.errors import StoreError
from fairmilk.register.audit import utcnow
from fairmilk.register.store import Register
from fairmilk.register.submissions import TAG_KINDS, TAGS
from fairmilk.store.generations import current_file

# table: the columns copied as they are, in the register store's order
TABLES: dict[str, tuple[str, ...]] = {
    "register_submissions": (
        "id", "status", "form", "year", "title", "source_name", "source_format",
        "received_via", "content_sha256", "nonce", *TAGS, "record_json", "warnings",
        "received_at", "moderated_at", "moderated_by", "moderation_note",
    ),
    "register_contacts": ("submission_id", "name", "email", "held_back"),
    "register_terms": ("submission_id", "term", "hits"),
    "register_observations": (
        "id", "status", "observed_on", "country", "place", "product", "brand", "package_size",
        "package_unit", "price", "currency", "labels", "label_text", "note", "source",
        "received_at", "moderated_at", "moderated_by", "content_sha256",
    ),
    "register_moderators": ("username", "salt", "pw_hash", "scrypt_n", "scrypt_r", "scrypt_p",
                            "active", "created_at", "is_admin"),
    "register_sessions": ("token_sha256", "username", "csrf", "created_at", "expires_at"),
    "register_audit": ("happened_at", "actor", "action", "target_kind", "target_id", "detail"),
    "register_posts": ("client_key", "posted_at"),
    "register_drafts": ("token_sha256", "form", "data_json", "updated_at"),
}  # fmt: skip
_LISTS = {*TAGS, "labels"}  # DuckDB lists, stored as JSON text
_DEFAULTS = {"is_admin": "FALSE", "held_back": "NULL"}  # columns a very old store may lack


def legacy_rows(db: Path) -> dict[str, list[tuple[Any, ...]]] | None:
    """Every row of the old register tables of the analytics store ``db`` (None if it has
    none: a new store, or one made after the register moved)."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(current_file(db)), read_only=True)
    except duckdb.IOException:  # a plain store file held by a writer: copied at a later open
        return None
    try:
        found = {str(n) for (n,) in con.execute(
            "SELECT table_name FROM information_schema.columns WHERE table_schema = 'main'"
        ).fetchall()}  # fmt: skip
        if "register_submissions" not in found:
            return None
        return {table: _read(con, table, columns) for table, columns in TABLES.items()}
    finally:
        con.close()


def _read(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...]) -> list[Any]:
    present = {
        str(c)
        for (c,) in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?", [table]
        ).fetchall()
    }
    if not present:
        return []
    picked = [c if c in present else f"{_DEFAULTS[c]} AS {c}" for c in columns]
    rows = con.execute(f"SELECT {', '.join(picked)} FROM {table}").fetchall()
    return [_portable(columns, row) for row in rows]


def _portable(columns: tuple[str, ...], row: tuple[Any, ...]) -> tuple[Any, ...]:
    return tuple(
        json.dumps(list(v or []), ensure_ascii=False) if c in _LISTS else v
        for c, v in zip(columns, row, strict=True)
    )


def import_legacy(reg: Register, db: Path) -> str | None:
    """Copy the old register tables of ``db`` into ``reg`` once; a one-line report, or None
    when there was nothing to copy or it was copied before."""
    source = str(db.absolute())
    if reg.execute("SELECT 1 FROM register_imports WHERE source = ?", [source]).fetchone():
        return None
    rows = legacy_rows(db)
    if rows is None:
        return None
    with reg.writing():
        if reg.execute("SELECT 1 FROM register_imports WHERE source = ?", [source]).fetchone():
            return None  # another process copied them meanwhile
        if _already_there(reg, rows):  # the same store reached by another path
            reg.execute("INSERT INTO register_imports VALUES (?, ?, 0)", [source, utcnow()])
            return f"register: the rows of {db} are in {reg.target} already; not copied again"
        before = {t: _count(reg, t) for t in TABLES}
        for table, columns in TABLES.items():
            marks = ", ".join("?" * len(columns))
            reg.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows[table]
            )
        _check_counts(reg, rows, before, source)
        _add_tags(reg, rows["register_submissions"])
        total = sum(len(r) for r in rows.values())
        reg.execute("INSERT INTO register_imports VALUES (?, ?, ?)", [source, utcnow(), total])
    return (
        f"register: moved {len(rows['register_submissions'])} submissions, "
        f"{len(rows['register_observations'])} observations, "
        f"{len(rows['register_moderators'])} moderators and "
        f"{len(rows['register_audit'])} audit rows from {db} to {reg.target}"
    )


def _already_there(reg: Register, rows: dict[str, list[tuple[Any, ...]]]) -> bool:
    """True when a submission or moderator of the old tables is in the register already."""
    keys = [("register_submissions", "id", r[0]) for r in rows["register_submissions"]]
    keys += [("register_moderators", "username", r[0]) for r in rows["register_moderators"]]
    return any(
        reg.execute(f"SELECT 1 FROM {table} WHERE {column} = ?", [key]).fetchone()
        for table, column, key in keys
    )


def _count(reg: Register, table: str) -> int:
    row = reg.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _check_counts(
    reg: Register, rows: dict[str, list[Any]], before: dict[str, int], source: str
) -> None:
    for table, copied in rows.items():
        if _count(reg, table) != before[table] + len(copied):
            raise StoreError(
                f"{source}: copying {table} into the register store {reg.target} lost rows; "
                "nothing was copied"
            )


def _add_tags(reg: Register, submissions: list[tuple[Any, ...]]) -> None:
    """The register_tags rows of the copied submissions (from their JSON lists)."""
    columns = TABLES["register_submissions"]
    tags = []
    for row in submissions:
        values = dict(zip(columns, row, strict=True))
        for name in TAGS:
            tags += [(values["id"], TAG_KINDS[name], str(v)) for v in json.loads(values[name])]
    reg.executemany("INSERT INTO register_tags VALUES (?, ?, ?)", tags)
