"""The text layer of an uploaded PDF, read within limits: pages, decompressed bytes, and
every reading error (encrypted, truncated, malformed) turned into an InputError."""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from fairmilk.errors import InputError
from fairmilk.text import msg

MAX_PDF_PAGES = 60
MAX_DECOMPRESSED_BYTES = 50 * 1024 * 1024  # all streams together, once inflated
_CHUNK = 1024 * 1024
EXPECTED = msg("an unencrypted PDF with a text layer")


def _streams(doc: Any) -> Iterator[Any]:
    """Every stream object of the document (objects that cannot be read are skipped here:
    the text extraction reports them)."""
    from pdfminer.pdftypes import PDFStream

    seen: set[int] = set()
    for xref in doc.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = doc.getobj(objid)
            except Exception:  # noqa: S112 - a bad object is reported by the extraction
                continue
            if isinstance(obj, PDFStream):
                yield obj


def _inflated_size(raw: bytes, budget: int) -> int:
    """Bytes a Flate stream inflates to, counting at most ``budget`` + 1 (no more is made)."""
    inflater = zlib.decompressobj()
    total, pending = 0, raw
    while pending and total <= budget:
        try:
            total += len(inflater.decompress(pending, _CHUNK))
        except zlib.error:
            break
        pending = inflater.unconsumed_tail
    return total


def check_pdf(data: bytes, *, name: str) -> int:
    """The number of pages; InputError when encrypted, unreadable, over MAX_PDF_PAGES pages,
    or when its compressed streams would inflate beyond MAX_DECOMPRESSED_BYTES."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        if doc.encryption is not None:
            raise InputError(msg("the PDF is encrypted"), file=name, expected=EXPECTED)
        total = 0
        for stream in _streams(doc):
            filters = [str(getattr(f, "name", f)) for f, _params in stream.get_filters()]
            raw = stream.rawdata or b""
            size = _inflated_size(raw, MAX_DECOMPRESSED_BYTES) if "FlateDecode" in filters else 0
            total += max(size, len(raw))
            if total > MAX_DECOMPRESSED_BYTES:
                raise InputError(
                    msg("the PDF expands too much once decompressed"),
                    file=name,
                    expected=msg("at most {limit} bytes of content", limit=MAX_DECOMPRESSED_BYTES),
                )
        pages = sum(1 for _page in PDFPage.create_pages(doc))
    except InputError:
        raise
    except Exception as exc:
        raise _unreadable(exc, name) from exc
    if pages > MAX_PDF_PAGES:
        raise InputError(
            msg("the PDF has {count} pages; a filled form is shorter", count=pages),
            file=name,
            expected=msg("at most {limit} pages", limit=MAX_PDF_PAGES),
        )
    return pages


def _unreadable(exc: Exception, name: str) -> InputError:
    why = msg("cannot read the PDF: {why}", why=_why(exc))
    return InputError(why, file=name, expected=EXPECTED)


def _why(exc: Exception) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text[:200]}" if text else type(exc).__name__


def pdf_text(data: bytes, *, name: str) -> str:
    """The text layer of a PDF (pdfminer.six), after check_pdf; InputError if it has none."""
    from pdfminer.high_level import extract_text
    from pdfminer.layout import LAParams

    check_pdf(data, name=name)
    try:
        text = str(extract_text(io.BytesIO(data), maxpages=MAX_PDF_PAGES, laparams=LAParams()))
    except Exception as exc:
        raise _unreadable(exc, name) from exc
    if not text.strip():
        raise InputError(
            msg("the PDF has no text layer (scanned?)"), file=name, expected=msg("a PDF with text")
        )
    return unwrap(text.replace("\x0c", "\n"))


def unwrap(text: str) -> str:
    """Join the lines a PDF layout wrapped: a line nearly as long as the longest one that
    does not end a sentence continues on the next line (URLs cut after '/' or '-' too)."""
    lines = text.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    out: list[str] = []
    carry = ""
    for raw, after in zip(lines, [*lines[1:], ""], strict=True):
        line = carry + raw
        body = line.rstrip()
        wrapped = len(raw.rstrip()) >= 0.75 * width and not body.endswith((".", ":", "?", "!"))
        if wrapped and after.strip() and after.lstrip()[:1] not in "☒☐·•":
            carry = body if body.endswith(("/", "-")) else body + " "
            continue
        out.append(line)
        carry = ""
    if carry:
        out.append(carry)
    return "\n".join(out)
