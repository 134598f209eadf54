"""Hostile files built by hand: PDFs (many pages, bombs, encrypted, truncated) and zips."""

from __future__ import annotations

import io
import zipfile
import zlib
from functools import cache


def pdf(pages: list[bytes], *, trailer_extra: bytes = b"", extra_objects: int = 0) -> bytes:
    """A PDF whose pages draw the given content streams (Helvetica, no compression)."""
    count = len(pages)
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for i, content in enumerate(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * i)
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objs) + 1, trailer_extra)
    return out + b"startxref\n%d\n%%%%EOF\n" % xref


def text_page(text: str) -> bytes:
    """A content stream writing the lines of ``text`` (boxes ☐ written as [ ])."""
    shown = []
    for line in text.replace("☐", "[ ]").split("\n"):
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        shown.append(b"(" + safe.encode("latin-1", "replace") + b") Tj T*")
    return b"BT /F1 6 Tf 8 TL 20 770 Td " + b" ".join(shown) + b" ET"


@cache
def pdf_bomb(inflated: int = 400 * 1024 * 1024) -> bytes:
    """A PDF of about 400 KB whose one content stream inflates to ``inflated`` bytes."""
    packer = zlib.compressobj(9)
    block = b"0" * (1024 * 1024)
    payload = b"".join(packer.compress(block) for _ in range(inflated // len(block)))
    payload += packer.flush()
    page = pdf([b"X"])
    head = b"<< /Length 1 >>\nstream\nX\nendstream"
    body = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(payload) + payload
    fixed = page.replace(head, body + b"\nendstream")
    return _fix_xref(fixed)


def _fix_xref(data: bytes) -> bytes:
    """Recompute the xref offsets after an object was changed in place."""
    body = data[: data.index(b"xref\n")]
    offsets, pos = [], 0
    while (pos := body.find(b" 0 obj\n", pos)) != -1:
        start = body.rfind(b"\n", 0, pos) + 1
        offsets.append(start)
        pos += 1
    trailer = data[data.index(b"trailer") :].split(b"startxref")[0]
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
    xref += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + xref + trailer + b"startxref\n%d\n%%%%EOF\n" % len(body)


def pdf_encrypted() -> bytes:
    """A PDF whose trailer declares standard encryption (the tool cannot read it)."""
    enc = (
        b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"00" * 32 + b"> /U <" + b"11" * 32
        + b"> /P -4 >> /ID [<" + b"22" * 16 + b"> <" + b"22" * 16 + b">] "
    )  # fmt: skip
    return pdf([text_page("Title of your submission")], trailer_extra=enc)


def zip_with_false_size(member: str, data: bytes) -> bytes:
    """A zip whose central directory claims a tiny uncompressed size for ``member``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(member, data)
    raw = bytearray(out.getvalue())
    real = len(data).to_bytes(4, "little")
    fake = (10).to_bytes(4, "little")
    for start in range(len(raw) - 3):  # both the local header and the central directory
        if bytes(raw[start : start + 4]) == real:
            raw[start : start + 4] = fake
    return bytes(raw)


def zip_of(members: dict[str, bytes], *, stored: bool = False) -> bytes:
    """A plain zip of the given members (deflated, or stored as they are)."""
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
