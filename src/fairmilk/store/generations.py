"""Versions of the store: every write makes a new file; readers switch between requests.

The store path (``--db``) is a symbolic link to the current version, a complete DuckDB file
in the folder ``<store>.versions/`` beside it (``v000001.duckdb``, ``v000002.duckdb``, ...;
each with a ``.json`` note saying when and by which command it was made). A writer
(:func:`publishing`):

1. takes the writers' lock (``<store>.versions/LOCK``; one writer at a time, all processes);
2. copies the current version to ``vNNNNNN.duckdb.partial`` and writes into the copy;
3. checkpoints and closes it, renames it to ``vNNNNNN.duckdb``, and only then
   replaces the link with ``os.replace`` (atomic): readers see the old version or the
   new one, never a mix, and a writer killed at any point leaves the current version as
   it was (a ``.partial`` file left behind is removed by the next writer).

Readers open the link read-only; a published version is never written again, so any number
of processes read while one writes. A plain store file (from before versions) becomes
version 1 at its first write. The newest :data:`KEEP` versions are kept for rollback.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from fairmilk.errors import StoreError
from fairmilk.store.db import open_store
from fairmilk.store.template import new_store_template

KEEP = 5  # versions kept (the current one always is)
WAIT = 600.0  # seconds a writer waits for the writers' lock by default
NAME = re.compile(r"^v(\d{6})\.duckdb$")


@dataclass(frozen=True, slots=True)
class Version:
    """One published version of the store."""

    number: int
    path: Path
    created: str  # ISO 8601, UTC
    note: str  # the command that made it
    size: int  # bytes
    current: bool


def versions_dir(db: Path) -> Path:
    """The folder holding the versions of the store at ``db``."""
    return db.with_name(db.name + ".versions")


def current_file(db: Path) -> Path:
    """The file readers of ``db`` open now: the current version, or a plain store file."""
    return db.resolve() if db.is_symlink() else db


def list_versions(db: Path) -> list[Version]:
    """The published versions of ``db``, oldest first (empty for a plain store file)."""
    folder = versions_dir(db)
    if not db.is_symlink() or not folder.is_dir():
        return []
    current = current_file(db)
    out = []
    for path in sorted(folder.iterdir()):
        found = NAME.match(path.name)
        if found is None:
            continue
        note = _read_note(path)
        out.append(
            Version(
                number=int(found.group(1)),
                path=path,
                created=note.get("created", ""),
                note=note.get("note", ""),
                size=path.stat().st_size,
                current=path.resolve() == current,
            )
        )
    return out


@contextmanager
def publishing(db: Path, *, note: str, wait: float = WAIT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A writable connection to a new version of ``db``, published when the block ends.

    If the block raises (or the process dies), nothing is published and the current
    version stays as it was. A block that commits no change publishes nothing either.
    """
    with writer_lock(db, wait=wait):
        folder = _prepare(db)
        first = not db.exists()
        source = _source(db) or new_store_template()  # a new store: a copy of the template
        with _new_version(db, folder, source=source, note=note, force=first) as con:
            yield con
        prune(db, keep=KEEP)


def rollback(db: Path, number: int, *, wait: float = WAIT) -> Version:
    """Publish a copy of version ``number`` as the newest version (itself undoable)."""
    with writer_lock(db, wait=wait):
        folder = _prepare(db)
        source = folder / f"v{number:06d}.duckdb"
        if not source.is_file():
            known = ", ".join(str(v.number) for v in list_versions(db)) or "none"
            raise StoreError(f"{db}: no version {number} (versions kept: {known})")
        note = f"rollback to version {number}"
        with _new_version(db, folder, source=source, note=note, force=True):
            pass
        prune(db, keep=KEEP)
    return list_versions(db)[-1]


def prune(db: Path, *, keep: int) -> list[int]:
    """Delete all but the newest ``keep`` versions (never the current one); their numbers."""
    removed = []
    for version in list_versions(db)[:-keep] if keep > 0 else []:
        if not version.current:
            version.path.unlink()
            version.path.with_suffix(".json").unlink(missing_ok=True)
            removed.append(version.number)
    return removed


@contextmanager
def writer_lock(db: Path, *, wait: float = WAIT) -> Iterator[None]:
    """Hold the writers' lock of ``db`` (waiting up to ``wait`` seconds for it)."""
    folder = versions_dir(db)
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "LOCK", "a+b") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"{db}: another command is writing to the store (waited {wait:.0f} s); "
                        "try again when it has finished"
                    ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _prepare(db: Path) -> Path:
    """The versions folder, with a plain store file adopted and stale partial files gone."""
    folder = versions_dir(db)
    for stale in folder.glob("*.partial*"):
        stale.unlink()
    if db.exists() and not db.is_symlink():
        _adopt(db, folder)
    return folder


def _adopt(db: Path, folder: Path) -> None:
    """Make the plain store file ``db`` version 1 (or the next one) and link ``db`` to it."""
    if db.with_name(db.name + ".wal").exists():
        open_store(db).close()  # replays and checkpoints the write-ahead log
    target = folder / f"v{_next_number(folder):06d}.duckdb"
    try:
        os.link(db, target)
    except OSError:
        shutil.copyfile(db, target)
    _write_note(target, "existing store")
    _point(db, target)


@contextmanager
def _new_version(
    db: Path, folder: Path, *, source: Path | None, note: str, force: bool
) -> Iterator[duckdb.DuckDBPyConnection]:
    """Write a copy of ``source``; publish it if a change was committed (or ``force``)."""
    final = folder / f"v{_next_number(folder):06d}.duckdb"
    partial = final.with_name(final.name + ".partial")
    wal = partial.with_name(partial.name + ".wal")
    if source is not None:
        shutil.copyfile(source, partial)
    con = open_store(partial)
    con.execute("CHECKPOINT")  # from here on, a committed change leaves a write-ahead log
    con.execute("SET checkpoint_threshold = '1TB'")
    try:
        yield con
        changed = force or (wal.exists() and wal.stat().st_size > 0)
        con.execute("CHECKPOINT")
    except BaseException:
        _discard(con, partial, wal)
        raise
    if not changed:
        _discard(con, partial, wal)
        return
    con.close()
    _fsync(partial)
    os.replace(partial, final)
    _write_note(final, note)
    _point(db, final)


def _discard(con: duckdb.DuckDBPyConnection, partial: Path, wal: Path) -> None:
    con.close()
    partial.unlink(missing_ok=True)
    wal.unlink(missing_ok=True)


def _source(db: Path) -> Path | None:
    return current_file(db) if db.exists() else None


def _next_number(folder: Path) -> int:
    numbers = [int(m.group(1)) for p in folder.iterdir() if (m := NAME.match(p.name))]
    return max(numbers, default=0) + 1


def _point(db: Path, target: Path) -> None:
    """Replace the link ``db`` with one to ``target``, atomically."""
    link = db.with_name(f".{db.name}.link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, db.parent), link)
    os.replace(link, db)
    _fsync(db.parent)


def _write_note(version: Path, note: str) -> None:
    created = datetime.now(UTC).isoformat(timespec="seconds")
    text = json.dumps({"created": created, "note": note}, ensure_ascii=False)
    version.with_suffix(".json").write_text(text + "\n", encoding="utf-8")


def _read_note(version: Path) -> dict[str, str]:
    try:
        found = json.loads(version.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
