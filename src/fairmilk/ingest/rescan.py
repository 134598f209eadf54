"""Find lines in a raw file by reading it again in Python, streaming, line by line.

Used only on the error path (to name the exact line of a bad row) and to locate the first
line of each kind of data-quality issue; it stops as soon as it has found what it needs.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from fairmilk.errors import InputError
from fairmilk.ingest.layouts import Layout
from fairmilk.ingest.opening import Compression, Header, open_binary, split_line
from fairmilk.ingest.scan import confidential_stems, staged_key


def _lines(path: Path, compression: Compression, shown: str) -> Iterator[tuple[int, bytes]]:
    number = 0
    try:
        with open_binary(path, compression) as f:
            for number, raw in enumerate(f, start=1):
                yield number, raw
    except (EOFError, zlib.error, OSError) as exc:
        raise InputError(
            f"the compressed file is truncated or damaged ({exc})",
            file=shown,
            line=number + 1,
            expected="a complete gzip stream",
        ) from exc


def first_non_utf8_line(path: Path, compression: Compression, *, shown: str) -> int | None:
    """The number of the first line whose bytes are not UTF-8, or None."""
    for number, raw in _lines(path, compression, shown):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return number
    return None


def locate_problem(path: Path, header: Header, compression: Compression, *, shown: str) -> None:
    """Raise an InputError at the first line that cannot be decoded or has the wrong field count."""
    width = len(header.names)
    utf8 = header.encoding == "utf-8"
    for number, raw in _lines(path, compression, shown):
        try:
            text = raw.decode(("utf-8-sig" if number == 1 else "utf-8") if utf8 else "latin-1")
        except UnicodeDecodeError as exc:
            bad = raw[max(exc.start - 10, 0) : exc.end + 10]
            raise InputError(
                "bytes are not UTF-8",
                file=shown,
                line=number,
                expected="UTF-8 text",
                found=repr(bad),
            ) from exc
        text = text.rstrip("\r\n")
        if number == 1 or not text:
            continue
        fields = split_line(text, header.delimiter, shown=shown, line=number)
        if len(fields) != width:
            raise InputError(
                "wrong number of fields",
                file=shown,
                line=number,
                expected=f"{width} fields as in the header",
                found=f"{len(fields)} fields",
            )


Key = tuple[str | None, ...]


def _kept(
    row: list[str],
    index: dict[str, int],
    layout: Layout,
    prefixes: tuple[str, ...],
    stems: frozenset[str],
) -> bool:
    """The scan's keep condition (``scan.keep_condition``) on one parsed row."""
    code = row[index[layout.columns["product"]]]
    hidden = "X" in code and code.rstrip("X") in stems
    if not code or not (code.startswith(prefixes) or hidden):
        return False
    return all(row[index[name]] in accepted for name, accepted in layout.extra_filter)


def lines_of_keys(
    path: Path,
    header: Header,
    compression: Compression,
    layout: Layout,
    prefixes: tuple[str, ...],
    wanted: dict[int, tuple[set[Key], int]],
    *,
    names: tuple[str, ...],
    shown: str,
) -> dict[int, int]:
    """For each wanted id, the line of the n-th kept row whose staged key is in its set.

    ``wanted`` maps an id to (keys, n); ``names`` are the staging columns of a key. The file
    is read in Python only until every id is found.
    """
    found: dict[int, int] = {}
    seen: dict[int, int] = dict.fromkeys(wanted, 0)
    if not wanted:
        return found
    index = {name: i for i, name in enumerate(header.names)}
    stems = frozenset(confidential_stems(prefixes))
    for number, raw in _lines(path, compression, shown):
        if number == 1:
            continue
        text = raw.decode(header.encoding, errors="replace").rstrip("\r\n")
        if not text:
            continue
        row = split_line(text, header.delimiter, shown=shown, line=number)
        if len(row) != len(header.names) or not _kept(row, index, layout, prefixes, stems):
            continue
        key = staged_key(dict(zip(header.names, row, strict=True)), layout, names)
        for ident, (keys, nth) in wanted.items():
            if ident not in found and key in keys:
                seen[ident] += 1
                if seen[ident] == nth:
                    found[ident] = number
        if len(found) == len(wanted):
            break
    return found
