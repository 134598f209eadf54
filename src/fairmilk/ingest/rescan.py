"""Find lines in a raw file by reading it again in Python, streaming, line by line.

Used only on the error path (to name the exact line of a bad row) and to locate the first
line of each kind of data-quality issue; it stops as soon as it has found what it needs.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterator
from pathlib import Path

from fairmilk.errors import InputError
from fairmilk.ingest.layouts import Layout
from fairmilk.ingest.opening import Compression, Header, open_binary
from fairmilk.ingest.scan import confidential_stems


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
        fields = next(csv.reader([text], delimiter=header.delimiter))
        if len(fields) != width:
            raise InputError(
                "wrong number of fields",
                file=shown,
                line=number,
                expected=f"{width} fields as in the header",
                found=f"{len(fields)} fields",
            )


def _kept(row: list[str], index: dict[str, int], layout: Layout, prefixes: tuple[str, ...]) -> bool:
    """The scan's keep condition (``scan.keep_condition``) on one parsed row."""
    code = row[index[layout.columns["product"]]]
    hidden = "X" in code and code.rstrip("X") in confidential_stems(prefixes)
    if not code or not (code.startswith(prefixes) or hidden):
        return False
    return all(row[index[name]] in accepted for name, accepted in layout.extra_filter)


def lines_of_kept_rows(
    path: Path,
    header: Header,
    compression: Compression,
    layout: Layout,
    prefixes: tuple[str, ...],
    ordinals: set[int],
    *,
    shown: str,
) -> dict[int, int]:
    """The line numbers of the kept rows with the given 0-based ordinals (stops early)."""
    wanted = set(ordinals)
    found: dict[int, int] = {}
    if not wanted:
        return found
    index = {name: i for i, name in enumerate(header.names)}
    last = max(wanted)
    kept = 0
    for number, raw in _lines(path, compression, shown):
        if number == 1:
            continue
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if not text:
            continue
        row = next(csv.reader([text], delimiter=header.delimiter))
        if len(row) != len(header.names) or not _kept(row, index, layout, prefixes):
            continue
        if kept in wanted:
            found[kept] = number
        if kept >= last:
            break
        kept += 1
    return found
