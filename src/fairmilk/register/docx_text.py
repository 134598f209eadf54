"""The text of a .docx form, read safely: zip-bomb checks and no DTD or entity in the XML.

Word check-box content controls (``w14:checkbox``) become ``☒`` or ``☐`` at the start of
their line, like glyphs typed by hand; tables are read row by row, cell by cell.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from fairmilk.errors import InputError
from fairmilk.text import msg

MAX_MEMBER_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 500
MAX_DEPTH = 200  # XML nesting read; Word nests a few tens deep
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse archives whose members are too many, too large or too compressed."""
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise InputError(
            msg("too many parts in the .docx"),
            file=name,
            expected=msg("at most {limit} parts", limit=MAX_MEMBERS),
        )
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or ratio > MAX_RATIO:
            raise InputError(
                msg("part {part!r} expands to {size} bytes (ratio {ratio:.0f})",
                    part=info.filename, size=info.file_size, ratio=ratio),
                file=name,
                expected=msg("parts under {limit} bytes and a ratio under {ratio}",
                             limit=MAX_MEMBER_BYTES, ratio=MAX_RATIO),
            )  # fmt: skip
    if total > MAX_TOTAL_BYTES:
        raise InputError(
            msg("the .docx would expand too much"),
            file=name,
            expected=msg("at most {limit} bytes", limit=MAX_TOTAL_BYTES),
        )


def safe_xml(data: bytes, *, name: str) -> Element:
    """Parse XML with defusedxml, refusing any DTD (no XXE, no billion laughs)."""
    try:
        root: Element = fromstring(data, forbid_dtd=True)
    except DefusedXmlException as exc:
        refused = msg("XML with a DTD or entity declaration is refused")
        raise InputError(refused, file=name) from exc
    except ParseError as exc:
        raise InputError(msg("not well-formed XML: {why}", why=str(exc)), file=name) from exc
    return root


def _read_member(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    """A member's bytes, never more than MAX_MEMBER_BYTES whatever size the archive claims."""
    try:
        with archive.open(member) as handle:
            data = handle.read(MAX_MEMBER_BYTES + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
        raise InputError(
            msg("a damaged .docx: {why}", why=str(exc)),
            file=name,
            expected=msg("a Word .docx as saved by Word"),
        ) from exc
    if len(data) > MAX_MEMBER_BYTES:
        raise InputError(msg("part {part!r} is too large", part=member), file=name)
    return data


def _checkbox(sdt: Element) -> str | None:
    """'☒' or '☐' for a check-box content control, None for any other control."""
    props = sdt.find(f"{W}sdtPr")
    box = props.find(f"{W14}checkbox") if props is not None else None
    if box is None:
        return None
    checked = box.find(f"{W14}checked")
    value = checked.get(f"{W14}val", "0") if checked is not None else "0"
    return "☒" if value in ("1", "true") else "☐"


def _too_deep(name: str) -> InputError:
    return InputError(
        msg("the document's XML is nested too deeply"),
        file=name,
        expected=msg("at most {limit} levels", limit=MAX_DEPTH),
    )


def _runs(node: Element, out: list[str], depth: int = 0) -> None:
    """Append the visible text under ``node`` (check-box controls as glyphs)."""
    if depth > MAX_DEPTH:
        raise _too_deep("word/document.xml")
    for child in node:
        if child.tag == f"{W}sdt" and (glyph := _checkbox(child)) is not None:
            out.append(glyph + " ")
            continue
        if child.tag == f"{W}t":
            out.append(child.text or "")
        elif child.tag == f"{W}tab":
            out.append("\t")
        elif child.tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        else:
            _runs(child, out, depth + 1)


def _blocks(body: Element, lines: list[str], depth: int = 0) -> None:
    """Paragraphs as lines; a table cell's paragraphs in order, cells then rows."""
    if depth > MAX_DEPTH:
        raise _too_deep("word/document.xml")
    for child in body:
        if child.tag == f"{W}p":
            parts: list[str] = []
            _runs(child, parts, depth + 1)
            lines.append("".join(parts))
        elif child.tag in (f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent"):
            if child.tag == f"{W}sdt" and (glyph := _checkbox(child)) is not None:
                lines.append(glyph)
                continue
            _blocks(child, lines, depth + 1)


def docx_text(data: bytes, *, name: str) -> str:
    """The text of a .docx file, one paragraph a line; InputError if unsafe or unreadable."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise InputError(
            msg("not a .docx (zip) file"), file=name, expected=msg("a Word .docx")
        ) from exc
    with archive:
        _check_archive(archive, name)
        if "word/document.xml" not in archive.namelist():
            raise InputError(
                msg("no word/document.xml inside"), file=name, expected=msg("a Word .docx")
            )
        root = safe_xml(_read_member(archive, "word/document.xml", name), name=name)
    body = root.find(f"{W}body")
    if body is None:
        raise InputError(msg("the document has no body"), file=name)
    lines: list[str] = []
    try:
        _blocks(body, lines)
    except InputError as exc:
        raise InputError(exc.reason, file=name, expected=exc.expected) from exc
    return "\n".join(lines)
