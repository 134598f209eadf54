"""Published register rows in the analytics data: copied as a new version, read from there.

When a moderator publishes (or withdraws) a submission or an observation, the published
rows are copied into the versioned analytics store (tables ``register_published_*``, view
``register_published_prices``) through its one write path (``store.generations``), like an
ingest: running servers switch to the new version between requests. A copy that would
change nothing makes no version (a digest of the published rows is kept with them). A
rollback of the analytics versions restores an older copy, never the register itself; the
next publication (or ``fairmilk register sync``) copies the current rows again.
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from fairmilk.register.observation_store import published_rows
from fairmilk.register.store import Register
from fairmilk.store.generations import WAIT, current_file, publishing

_SUBMISSIONS = (
    "SELECT id, title, year, places, received_at, moderated_at, content_sha256 "
    "FROM register_submissions WHERE status = 'published' ORDER BY received_at, id"
)
_OBSERVATION_COLUMNS = (
    "id", "observed_on", "country", "place", "product", "brand", "package_size",
    "package_unit", "price", "currency", "labels", "label_text", "moderated_at",
    "content_sha256",
)  # fmt: skip


def published_copy(reg: Register) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], str]:
    """(submission rows, observation rows, digest) of what the register has published."""
    submissions = [
        (sid, title, int(year), json.loads(places), received, moderated, key)
        for sid, title, year, places, received, moderated, key in reg.execute(
            _SUBMISSIONS
        ).fetchall()
    ]
    observations = [tuple(row[c] for c in _OBSERVATION_COLUMNS) for row in published_rows(reg)]
    text = json.dumps([submissions, observations], default=str, ensure_ascii=False)
    return submissions, observations, hashlib.sha256(text.encode("utf-8")).hexdigest()


def copied_digest(db: Path) -> str | None:
    """The digest of the published rows the current analytics version holds (None if none)."""
    if not db.exists():
        return None
    con = duckdb.connect(str(current_file(db)), read_only=True)
    try:
        row = con.execute("SELECT digest FROM register_publication").fetchone()
    except duckdb.CatalogException:  # a store from before this table
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def sync_published(reg: Register, db: Path, *, wait: float = WAIT) -> bool:
    """Copy the register's published rows into a new version of the analytics store ``db``
    (nothing when that version holds them already); True when a version was published.
    Only the register tables change: the data part of the store's fingerprint stays, so
    cached pages that do not read the register stay valid."""
    submissions, observations, digest = published_copy(reg)
    copied = copied_digest(db)
    if copied == digest or (copied is None and not submissions and not observations):
        return False
    with publishing(db, note="fairmilk register publication", wait=wait) as con:
        con.execute("BEGIN TRANSACTION")  # the schema is applied when the copy is opened
        con.execute("DELETE FROM register_published_submissions")
        con.execute("DELETE FROM register_published_observations")
        con.execute("DELETE FROM register_publication")
        if submissions:
            con.executemany(
                "INSERT INTO register_published_submissions VALUES (?, ?, ?, ?, ?, ?, ?)",
                submissions,
            )
        if observations:
            marks = ", ".join("?" * len(_OBSERVATION_COLUMNS))
            con.executemany(f"INSERT INTO register_published_observations VALUES ({marks})",
                            observations)  # fmt: skip
        now = datetime.now(UTC).replace(tzinfo=None)
        con.execute("INSERT INTO register_publication VALUES (?, ?)", [digest, now])
        con.execute("COMMIT")
    return True


def published_price_observations(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Published observations as price rows for the West African price series (the analytics
    view ``register_published_prices``): date, country, place, product, brand, pack, price
    and currency as observed, price per kg or litre (same currency), label ids, and the
    source ('fairmilk register observation <id>')."""
    try:
        cur = con.execute("SELECT * FROM register_published_prices ORDER BY observed_on, id")
    except duckdb.CatalogException:  # a version from before the copy: nothing published
        return []
    names = [d[0] for d in cur.description or []]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    for row in rows:
        row["labels"] = list(row["labels"] or [])
    return rows


def published_submissions_in(
    con: duckdb.DuckDBPyConnection, place: str, *, limit: int
) -> list[dict[str, Any]]:
    """Published submissions that name ``place`` (newest first), from the analytics copy."""
    try:
        cur = con.execute(
            "SELECT id, title, year FROM register_published_submissions "
            "WHERE list_contains(places, ?) ORDER BY received_at DESC, id LIMIT ?",
            [place, limit],
        )
    except duckdb.CatalogException:  # a version from before the copy: nothing published
        return []
    return [{"id": i, "title": t, "year": y} for i, t, y in cur.fetchall()]


def published_observations_in(con: duckdb.DuckDBPyConnection, country: str) -> list[dict[str, Any]]:
    """Published observations of ``country`` (newest observation first), from the copy."""
    try:
        cur = con.execute(
            "SELECT id, observed_on, place, product, price, currency FROM "
            "register_published_observations WHERE country = ? ORDER BY observed_on DESC, id",
            [country],
        )
    except duckdb.CatalogException:  # a version from before the copy: nothing published
        return []
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
