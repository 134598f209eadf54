"""Computed results kept on disk, so that a restarted server starts warm.

Only language-independent results (indicator frames, query tables) are kept, each in one
file named by a hash of its key. Keys carry the store's fingerprint (see
:mod:`fairmilk.outputs.fingerprint`), and the folder is named after the store's path and a
stamp of the program (version, and size and time of every file of the package), so a
result is never read back for another store state, store or program. Folders of other
program stamps are removed when the cache opens; the files are pickles written by this
program into the user's own cache folder (``FAIRMILK_CACHE``), never from elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fairmilk import __version__

MISSING = object()
PACKAGE = Path(__file__).parents[1]


def program_stamp(root: Path = PACKAGE) -> str:
    """A short hash of the version and of every package file's path, size and change time."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            info = path.stat()
            digest.update(f"{path.relative_to(root)}:{info.st_size}:{info.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


class DiskResults:
    """Pickled results under ``folder/<program stamp>/<store>/<key hash>.pickle``."""

    def __init__(self, folder: Path, store: Path, *, stamp: str | None = None) -> None:
        program = stamp or program_stamp()
        where = hashlib.sha256(str(store.resolve()).encode()).hexdigest()[:16]
        self.folder = folder / program / where
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.is_dir() and old.name != program:
                shutil.rmtree(old, ignore_errors=True)

    def _path(self, key: tuple[Any, ...]) -> Path:
        return self.folder / (hashlib.sha256(repr(key).encode()).hexdigest() + ".pickle")

    def load(self, key: tuple[Any, ...]) -> Any:
        """The result kept for ``key``, or ``MISSING`` (also when the file is unreadable)."""
        path = self._path(key)
        try:
            with path.open("rb") as file:
                kept_key, value = pickle.load(file)  # noqa: S301 (our own files, see above)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return MISSING
        return value if kept_key == repr(key) else MISSING

    def save(self, key: tuple[Any, ...], value: Any) -> None:
        """Keep ``value`` for ``key`` (written whole, then renamed: never half a file)."""
        try:
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        except OSError:
            return  # folder gone or full: not kept, computed again next time
        try:
            with os.fdopen(fd, "wb") as file:
                pickle.dump((repr(key), value), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self._path(key))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            Path(tmp).unlink(missing_ok=True)  # not kept: computed again next time


def open_results(folder: Path | None, store: Path) -> DiskResults | None:
    """The disk cache in ``folder`` for ``store``; None without a folder or if unwritable."""
    if folder is None:
        return None
    try:
        return DiskResults(folder, store)
    except OSError:
        return None  # the app still works, it only starts cold
