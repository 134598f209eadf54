"""The register of an analytics store: where it is, made ready once per process, opened.

:func:`prepare` runs when a command or the web app starts: it brings the register's schema
up to date, moves the rows of an analytics store from before the register store (once,
:mod:`fairmilk.register.legacy`) and copies what they had published into the analytics data.
:class:`RegisterSource` then opens a connection per command or request.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from fairmilk.errors import StoreError
from fairmilk.register.legacy import import_legacy
from fairmilk.register.published import sync_published
from fairmilk.register.store import Register, connect, register_target

_READY: set[tuple[str, str]] = set()
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class RegisterSource:
    """The register of the analytics store ``db``: SQLite beside it, or a PostgreSQL URL."""

    db: Path
    target: str
    read_only: bool = False  # a read-only server or command never writes the register

    def connect(self, *, read_only: bool = False) -> Register:
        """A connection (read-only when asked, or when the source is)."""
        return connect(self.target, read_only=read_only or self.read_only, migrate=False)

    def sync(self, reg: Register, *, wait: float) -> bool:
        """Copy the published rows into a new analytics version if they changed."""
        return sync_published(reg, self.db, wait=wait)


def register_source(
    db: Path, *, url: str | None = None, read_only: bool = False, say: bool = True
) -> RegisterSource:
    """The register of ``db``, made ready (see :func:`prepare`) unless done in this process;
    ``say`` prints the one line that reports moved rows."""
    source = RegisterSource(db, register_target(db, url), read_only)
    key = (str(db.absolute()), source.target)
    with _LOCK:
        if key not in _READY:
            for line in prepare(source):
                if say:
                    print(line, flush=True)
            _READY.add(key)
    return source


def prepare(source: RegisterSource) -> list[str]:
    """Schema up to date, old register rows moved, published rows copied; lines to print."""
    lines = []
    with connect(source.target) as reg:
        moved = import_legacy(reg, source.db)
        if moved:
            lines.append(moved)
        if moved and source.db.exists():
            try:
                sync_published(reg, source.db, wait=5.0)
            except StoreError as exc:  # an ingest holds the lock: the next publication copies
                lines.append(f"register: published rows not copied yet ({exc})")
    return lines
