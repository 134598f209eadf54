"""The register store: a transactional database that many processes write at once.

Submissions, drafts, moderators, sessions, rate-limit counters and the audit trail live
here, apart from the versioned analytics store (``fairmilk.store.generations``): a register
write never waits for an ingest, and a rollback of the analytics data never undoes one.

* By default a SQLite file beside the analytics store (``<store stem>.register.sqlite``
  next to ``--db``), in WAL mode: any number of readers and one writer at a time, writers
  of all processes queued by SQLite's own lock (``BEGIN IMMEDIATE``, a busy timeout).
* With a ``postgresql://`` URL (``--register-url`` or ``FAIRMILK_REGISTER_URL``), a
  PostgreSQL database that several servers share; writes are queued by one advisory lock.

The SQL of the register modules is written once, with ``?`` placeholders; this module
adapts it to the dialect. The schema is numbered migration files (``register/schema``),
applied on open and recorded in ``register_schema``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fairmilk.errors import StoreError

URL_ENV = "FAIRMILK_REGISTER_URL"
BUSY_SECONDS = 30.0  # a writer waits this long for another one before it fails
LOCK_KEY = 1_207_012  # the PostgreSQL advisory lock that queues register writers
POSTGRES = ("postgresql://", "postgres://")
_TYPES = {"sqlite": {"blob": "BLOB"}, "postgresql": {"blob": "BYTEA"}}


def _adapt_timestamp(value: datetime) -> str:
    return value.isoformat(sep=" ", timespec="microseconds")


sqlite3.register_adapter(datetime, _adapt_timestamp)
sqlite3.register_adapter(date, date.isoformat)
sqlite3.register_converter("TIMESTAMP", lambda raw: datetime.fromisoformat(raw.decode()))
sqlite3.register_converter("DATE", lambda raw: date.fromisoformat(raw.decode()))
sqlite3.register_converter("BOOLEAN", lambda raw: raw not in (b"0", b""))


def default_path(db: Path) -> Path:
    """The SQLite register beside the analytics store ``db``: ``<stem>.register.sqlite``."""
    return db.with_name(f"{db.stem}.register.sqlite")


def register_target(db: Path, url: str | None = None) -> str:
    """Where the register of the store ``db`` lives: ``url``, else ``FAIRMILK_REGISTER_URL``,
    else the SQLite file beside ``db``."""
    return url or os.environ.get(URL_ENV) or str(default_path(db))


def is_postgres(target: str) -> bool:
    """True for a PostgreSQL URL (else ``target`` is a SQLite file path)."""
    return target.startswith(POSTGRES)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def as_timestamp(value: Any) -> datetime | None:
    """A timestamp read from an SQL expression (SQLite returns text there)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


class Register:
    """One connection to the register store (one per request or command, one thread).

    :meth:`execute` runs one statement with ``?`` placeholders and returns a cursor
    (``fetchone``, ``fetchall``, ``description``); outside :meth:`writing` every statement
    commits on its own. :meth:`writing` runs a block as one write transaction, writers of
    every process queued one at a time; a read-only connection refuses it.
    """

    def __init__(self, raw: Any, *, dialect: str, target: str, read_only: bool) -> None:
        self.raw = raw
        self.dialect = dialect
        self.target = target
        self.read_only = read_only
        self._depth = 0

    def sql(self, text: str) -> str:
        """``text`` in this dialect's placeholder style."""
        return text.replace("%", "%%").replace("?", "%s") if self.dialect != "sqlite" else text

    def execute(self, text: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; its cursor."""
        try:
            return self.raw.execute(self.sql(text), tuple(params))
        except sqlite3.OperationalError as exc:
            raise StoreError(f"register store {self.target}: {exc}") from exc

    def executemany(self, text: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""
        if rows:
            self.raw.cursor().executemany(self.sql(text), [tuple(r) for r in rows])

    @contextmanager
    def writing(self) -> Iterator[Register]:
        """One write transaction (nested blocks join the outer one)."""
        if self.read_only:
            raise StoreError(f"register store {self.target}: opened for reading only")
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self._transaction():
            self._depth = 1
            try:
                yield self
            finally:
                self._depth = 0

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        if self.dialect != "sqlite":
            with self.raw.transaction():
                self.raw.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                yield
            return
        self.execute("BEGIN IMMEDIATE")  # the write lock now, waiting up to the busy timeout
        try:
            yield
        except BaseException:
            self.raw.execute("ROLLBACK")
            raise
        self.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def connect(target: str, *, read_only: bool = False, migrate: bool = True) -> Register:
    """A connection to the register at ``target`` (a SQLite path or a PostgreSQL URL), with
    its schema brought up to date first (unless ``migrate`` is False)."""
    if is_postgres(target):
        reg = _connect_postgres(target, read_only=read_only)
    else:
        reg = _connect_sqlite(Path(target), read_only=read_only)
    if migrate and not read_only:
        try:
            migrate_schema(reg)
        except BaseException:
            reg.close()
            raise
    return reg


def _connect_sqlite(path: Path, *, read_only: bool) -> Register:
    if read_only and not path.exists():
        raise StoreError(f"register store {path}: not found (it is made at the first write)")
    try:
        uri = f"file:{path}?mode=ro" if read_only else f"file:{path}"
        raw = sqlite3.connect(
            uri, uri=True, timeout=BUSY_SECONDS, isolation_level=None,
            detect_types=sqlite3.PARSE_DECLTYPES, check_same_thread=False,
        )  # fmt: skip
        raw.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        if not read_only:
            raw.execute("PRAGMA journal_mode = WAL")  # readers never wait for the writer
            raw.execute("PRAGMA synchronous = NORMAL")  # durable at each WAL checkpoint
        raw.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"register store {path}: {exc}") from exc
    return Register(raw, dialect="sqlite", target=str(path), read_only=read_only)


def _connect_postgres(url: str, *, read_only: bool) -> Register:
    import psycopg

    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
        if read_only:
            raw.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
    except psycopg.Error as exc:
        raise StoreError(f"register store {_safe(url)}: {exc}") from exc
    return Register(raw, dialect="postgresql", target=_safe(url), read_only=read_only)


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    head, sep, tail = url.rpartition("@")
    if not sep or ":" not in head.split("//", 1)[-1]:
        return url
    scheme, _, who = head.partition("//")
    return f"{scheme}//{who.split(':', 1)[0]}:***@{tail}"


def migrations() -> list[tuple[int, str]]:
    """The numbered schema files of the register store, in order."""
    folder = resources.files("fairmilk.register") / "schema"
    found = sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql"))
    return [(int(name.split("_", 1)[0]), (folder / name).read_text("utf-8")) for name in found]


def migrate_schema(reg: Register) -> int:
    """Apply the schema files not yet applied (each in one transaction); the version."""
    version = 0
    for number, text in migrations():
        with reg.writing():
            reg.execute(
                "CREATE TABLE IF NOT EXISTS register_schema "
                "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
            )
            if reg.execute("SELECT 1 FROM register_schema WHERE version = ?", [number]).fetchone():
                version = number
                continue
            for statement in statements(text.format(**_TYPES[reg.dialect])):
                reg.execute(statement)
            reg.execute("INSERT INTO register_schema VALUES (?, ?)", [number, _now()])
            version = number
    return version


def statements(text: str) -> list[str]:
    """The statements of a schema file (comments dropped, split at ``;`` ending a line)."""
    lines = [line.split("--", 1)[0].rstrip() for line in text.splitlines()]
    joined = "\n".join(line for line in lines if line.strip())
    parts = (s.strip().rstrip(";").strip() for s in joined.split(";\n"))
    return [s for s in parts if s]
