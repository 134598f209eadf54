"""Open a raw trade file: detect its compression, read its header, hash and count it.

Plain, gzip and 7z files are accepted. A 7z archive is decompressed, streaming, to a
temporary file (DuckDB reads plain and gzip files itself). Hashing (and the line count of
a gzip file) runs in a background thread while DuckDB scans the file.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import zlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import BinaryIO, Literal

from fairmilk.errors import InputError

Compression = Literal["none", "gzip", "7z"]
CHUNK = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_7Z_MAGIC = b"7z\xbc\xaf\x27\x1c"
DELIMITERS = (",", "\t", ";", "|")


@dataclass(frozen=True, slots=True)
class Digest:
    """What a file is: its sha256, its size in bytes, and its number of data lines.

    ``data_lines`` is None until counted (the scan counts the rows of a plain file).
    """

    sha256: str
    size: int
    data_lines: int | None


@dataclass(frozen=True, slots=True)
class Header:
    """The header line of a delimited file: its column names and delimiter."""

    names: list[str]
    delimiter: str
    encoding: str = "utf-8"  # latin-1 when the file's bytes are not all UTF-8


def compression_of(path: Path) -> Compression:
    """The compression of a file, from its first bytes (not its name)."""
    with path.open("rb") as f:
        head = f.read(6)
    if head.startswith(_GZIP_MAGIC):
        return "gzip"
    if head == _7Z_MAGIC:
        return "7z"
    return "none"


def open_binary(path: Path, compression: Compression) -> BinaryIO:
    """The decompressed bytes of a plain or gzip file (7z must be extracted first)."""
    if compression == "gzip":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_header(path: Path, *, compression: Compression, shown: str) -> Header:
    """The header of a (decompressed) file; InputError if empty or unreadable."""
    try:
        with open_binary(path, compression) as f:
            raw = f.readline()
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"cannot read the file: {exc}", file=shown, line=1) from exc
    if not raw.strip():
        raise InputError("empty file", file=shown, line=1, expected="a header line")
    encoding = "utf-8"
    try:
        text = raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError:
        encoding = "latin-1"  # every byte is a Latin-1 character: the scan says so
        text = raw.decode("latin-1").rstrip("\r\n")
    delimiter = max(DELIMITERS, key=text.count)
    names = [n.strip() for n in split_line(text, delimiter, shown=shown, line=1)]
    if "" in names:
        raise InputError(
            "a column of the header has no name",
            file=shown,
            line=1,
            column=f"#{names.index('') + 1}",
            expected="a name for every column",
        )
    return Header(names=names, delimiter=delimiter, encoding=encoding)


def split_line(text: str, delimiter: str, *, shown: str, line: int) -> list[str]:
    """The fields of one line; InputError (not csv.Error) for a field over the CSV reader's
    limit of 131,072 characters or a line it cannot split."""
    try:
        return next(csv.reader([text], delimiter=delimiter))
    except csv.Error as exc:
        raise InputError(
            f"cannot split the line into fields: {exc}",
            file=shown,
            line=line,
            expected="CSV fields of at most 131,072 characters",
        ) from exc


def _hash_and_count(path: Path, data: Path, compression: Compression) -> Digest:
    """The file's sha256 and size; its data lines too when they are compressed.

    The data lines of a plain file (or of a 7z archive's extracted member) are counted by
    the scan itself (DuckDB's count of the rows it read), so they are not counted here. A
    gzip file's lines are: its decompression here may fail where DuckDB's did not.
    """
    sha = hashlib.sha256()
    size = 0
    buffer = bytearray(CHUNK)  # one reused buffer: no new bytes object per chunk
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as f:
        while read := f.readinto(buffer):
            sha.update(view[:read])
            size += read
    lines = count_lines(data, compression) if compression != "none" else None
    return Digest(sha256=sha.hexdigest(), size=size, data_lines=lines)


def count_lines(path: Path, compression: Compression) -> int:
    """The number of data lines (lines after the header) of a plain or gzip file."""
    newlines, last = 0, b"\n"
    try:
        with open_binary(path, compression) as f:
            while chunk := f.read(CHUNK):
                newlines += chunk.count(b"\n")
                last = chunk[-1:]
    except (OSError, EOFError, zlib.error):
        return -1  # unreadable: the scan reports where
    total = newlines + (0 if last == b"\n" else 1)
    return max(total - 1, 0)


def start_digest(
    pool: ThreadPoolExecutor, path: Path, data: Path, c: Compression
) -> Future[Digest]:
    """Hash ``path`` (and count the lines of compressed ``data``) in the background."""
    return pool.submit(_hash_and_count, path, data, c)


def sha256_of(path: Path) -> str:
    """The sha256 of a file's bytes, read in chunks."""
    sha = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


@contextmanager
def readable(path: Path, *, shown: str) -> Iterator[tuple[Path, Compression]]:
    """A path DuckDB can read (7z extracted to a temporary file) and its compression."""
    compression = compression_of(path)
    if compression != "7z":
        yield path, compression
        return
    with TemporaryDirectory(prefix="fairmilk-7z-") as tmp:
        yield _extract_7z(path, Path(tmp), shown=shown), "none"


def _extract_7z(path: Path, folder: Path, *, shown: str) -> Path:
    import py7zr

    try:
        with py7zr.SevenZipFile(path, mode="r") as archive:
            names: list[str] = [str(n) for n in archive.getnames() if not str(n).endswith("/")]
            if len(names) != 1:
                raise InputError(
                    "7z archive must hold exactly one data file",
                    file=shown,
                    expected="one member",
                    found=", ".join(names[:5]) or "no member",
                )
            archive.extract(path=folder, targets=names)
    except InputError:
        raise
    except Exception as exc:  # py7zr raises many types for damaged archives
        raise InputError(
            f"cannot decompress the 7z archive (truncated or damaged?): {exc}", file=shown
        ) from exc
    out = folder / names[0]
    if not out.is_file():
        raise InputError("7z archive is damaged: its member could not be extracted", file=shown)
    return out
