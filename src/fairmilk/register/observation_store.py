"""Stored field observations: save (pending), CSV import, moderation, published price rows."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
from dataclasses import asdict
from typing import Any

from fairmilk.errors import InputError
from fairmilk.register.audit import log_action, utcnow
from fairmilk.register.observations import (
    OBSERVATION_FIELDS,
    Observation,
    validate_observation,
)
from fairmilk.register.store import Register
from fairmilk.register.submissions import STATUSES
from fairmilk.text import msg

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 5000
COLUMNS = tuple(f.id for f in OBSERVATION_FIELDS)
PUBLISHED_COLUMNS = (
    "id, observed_on, country, place, product, brand, package_size, package_unit, price, "
    "currency, labels, label_text, moderated_at, content_sha256"
)
_SELECT = (
    "id, status, observed_on, country, place, product, brand, package_size, package_unit, "
    "price, currency, labels, label_text, note, source, received_at, moderated_at, moderated_by"
)


def _key(obs: Observation) -> str:
    payload = json.dumps(asdict(obs), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _insert(con: Register, obs: Observation, source: str) -> tuple[str, bool]:
    key = _key(obs)
    found = con.execute(
        "SELECT id FROM register_observations WHERE content_sha256 = ?", [key]
    ).fetchone()
    if found is not None:
        return str(found[0]), False
    oid = secrets.token_hex(8)
    con.execute(
        "INSERT INTO register_observations VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?, NULL, NULL, ?)",
        [oid, obs.observed_on, obs.country, obs.place, obs.product, obs.brand, obs.package_size,
         obs.package_unit, obs.price, obs.currency, json.dumps(list(obs.labels)),
         obs.label_text, obs.note, source, utcnow(), key],
    )  # fmt: skip
    return oid, True


def save_observation(con: Register, obs: Observation, *, source: str) -> tuple[str, bool]:
    """Store one observation as pending; (id, created). The same observation is kept once."""
    with con.writing():
        return _insert(con, obs, source)


def read_observations_csv(data: bytes, *, name: str) -> list[Observation]:
    """Validate a whole CSV of observations; the first bad cell raises InputError (file, line,
    column, expected, found), so nothing is stored from a file with an error."""
    if len(data) > MAX_CSV_BYTES:
        raise InputError(msg("file too large"), file=name,
                         expected=msg("at most {limit} bytes", limit=MAX_CSV_BYTES))  # fmt: skip
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(msg("not UTF-8 text"), file=name, expected=msg("a UTF-8 CSV")) from exc
    reader = csv.DictReader(io.StringIO(text))
    try:
        return _read_rows(reader, name)
    except csv.Error as exc:  # e.g. a cell over the reader's 131,072 characters
        raise InputError(
            msg("cannot split the line into cells: {why}", why=str(exc)),
            file=name,
            line=reader.line_num + 1,
            expected=msg("CSV cells of ordinary length"),
        ) from exc


def _read_rows(reader: csv.DictReader[str], name: str) -> list[Observation]:
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [f.id for f in OBSERVATION_FIELDS if f.required and f.id not in header]
    unknown = [h for h in header if h not in COLUMNS]
    if missing or unknown:
        raise InputError(msg("bad header"), file=name, line=1,
                         expected=msg("columns {names}", names=", ".join(COLUMNS)),
                         found=f"missing {missing}, unknown {unknown}")  # fmt: skip
    rows: list[Observation] = []
    for row in reader:
        if len(rows) >= MAX_CSV_ROWS:
            raise InputError(msg("too many rows"), file=name,
                             expected=msg("at most {limit} rows", limit=MAX_CSV_ROWS))  # fmt: skip
        if None in row:
            raise InputError(msg("more cells than columns"), file=name, line=reader.line_num)
        clean = {k.strip(): (v or "") for k, v in row.items()}
        rows.append(validate_observation(clean, file=name, line=reader.line_num))
    return rows


def import_observations_csv(con: Register, data: bytes, *, name: str) -> list[tuple[str, bool]]:
    """Validate then store every row of a CSV in one transaction; (id, created) per row."""
    observations = read_observations_csv(data, name=name)
    with con.writing():
        return [_insert(con, obs, f"{name} row {i}") for i, obs in enumerate(observations, start=2)]


def set_observation_status(
    con: Register, oid: str, status: str, *, actor: str, note: str | None = None
) -> None:
    """Publish or reject an observation, with an audit row."""
    if status not in STATUSES:
        raise InputError(f"unknown status {status!r}", expected=" | ".join(STATUSES))
    with con.writing():
        if (
            con.execute("SELECT 1 FROM register_observations WHERE id = ?", [oid]).fetchone()
            is None
        ):
            raise InputError(
                f"no observation with id {oid!r}", expected="an id from 'observations list'"
            )
        con.execute(
            "UPDATE register_observations SET status = ?, moderated_at = ?, moderated_by = ? "
            "WHERE id = ?",
            [status, utcnow(), actor, oid],
        )
        log_action(con, actor, status, kind="observation", target=oid, detail=note)


def list_observations(con: Register, *, status: str | None = None) -> list[dict[str, Any]]:
    """Observations (newest observation first), optionally of one status."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    cur = con.execute(
        f"SELECT {_SELECT} FROM register_observations {where} ORDER BY observed_on DESC, id", params
    )
    return _dicts(cur)


def _dicts(cur: Any) -> list[dict[str, Any]]:
    """The rows of a cursor as dicts, the JSON list of labels as a list."""
    names = [d[0] for d in cur.description or []]
    rows = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    for row in rows:
        row["labels"] = json.loads(row["labels"]) if row.get("labels") else []
    return rows


def published_rows(con: Register) -> list[dict[str, Any]]:
    """The published observations, every column the analytics copy keeps (oldest first)."""
    cur = con.execute(
        f"SELECT {PUBLISHED_COLUMNS} FROM register_observations WHERE status = 'published' "
        "ORDER BY observed_on, id"
    )
    return _dicts(cur)
