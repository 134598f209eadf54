"""Hostile or broken uploads are refused with a clear message, never parsed blindly."""

from __future__ import annotations

import io
import zipfile

import pytest

from fairmilk.errors import InputError
from fairmilk.register import docx_text, importer
from fairmilk.register.importer import import_bytes

DOC = (
    b'<?xml version="1.0"?>\n<w:document '
    b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    b"<w:p><w:r><w:t>Title of your submission</w:t></w:r></w:p></w:body></w:document>"
)


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_zip_bomb_is_refused_before_reading() -> None:
    bomb = _zip({"word/document.xml": b"<" + b"a" * 30_000_000})
    assert len(bomb) < 100_000
    with pytest.raises(InputError, match="ratio"):
        import_bytes(bomb, name="bomb.docx")


def test_xxe_is_refused() -> None:
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
    )
    with pytest.raises(InputError, match="DTD or entity"):
        import_bytes(_zip({"word/document.xml": evil}), name="xxe.docx")


def test_billion_laughs_is_refused() -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>'
    )
    with pytest.raises(InputError, match="DTD or entity"):
        docx_text.safe_xml(lol, name="lol.xml")


def test_minimal_docx_is_read_then_refused_as_not_the_form() -> None:
    with pytest.raises(InputError, match="not the 2019 form: only 1 of its 62") as caught:
        import_bytes(_zip({"word/document.xml": DOC}), name="tiny.docx")
    assert "/register/blank.txt" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"PK\x03\x04 not really a zip", "not a .docx"),
        (_zip({"other.xml": b"<a/>"}), "no word/document.xml"),
        (b"%PDF-1.4 garbage", "PDF"),
        (b"\x00\x01\x02binary", "neither .docx nor .pdf"),
        (_zip({"word/document.xml": b"<w:document><unclosed>"}), "XML"),
    ],
)
def test_broken_inputs_have_clear_messages(data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        import_bytes(data, name="upload")
    assert "upload" in str(info.value)


def test_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(InputError, match="too large"):
        import_bytes(b"Title of your submission\nx\n", name="big.txt")


def test_pdf_without_text_layer(make_pdf: object) -> None:
    from weasyprint import HTML

    blank = bytes(HTML(string="<html><body></body></html>").write_pdf())
    with pytest.raises(InputError, match="no text layer"):
        import_bytes(blank, name="scan.pdf")
