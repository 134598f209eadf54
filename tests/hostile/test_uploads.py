"""Hostile uploads get a clear InputError quickly: PDF bombs, long, encrypted or truncated
PDFs, zips that lie about their sizes, deeply nested .docx XML."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import FastAPI
from hostile_files import (
    pdf,
    pdf_bomb,
    pdf_encrypted,
    text_page,
    zip_of,
    zip_with_false_size,
)

from fairmilk.errors import InputError
from fairmilk.register.blank import blank_form
from fairmilk.register.importer import import_bytes
from fairmilk.register.pdf_text import MAX_PDF_PAGES

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _refused(data: bytes, name: str, match: str, seconds: float = 5) -> str:
    start = time.perf_counter()
    with pytest.raises(InputError, match=match) as caught:
        import_bytes(data, name=name)
    assert time.perf_counter() - start < seconds
    assert name in str(caught.value)
    return str(caught.value)


def test_a_pdf_bomb_is_refused_quickly() -> None:
    bomb = pdf_bomb()
    assert len(bomb) < 450_000  # 390 KB on disk, 400 MB once inflated
    _refused(bomb, "bomb.pdf", "expands too much", seconds=5)


def test_a_70_page_pdf_is_refused_not_cut_at_60() -> None:
    pages = [text_page(f"Page {n}") for n in range(70)]
    text = _refused(pdf(pages), "long.pdf", "70 pages")
    assert f"at most {MAX_PDF_PAGES} pages" in text


def test_a_60_page_pdf_is_read() -> None:
    pages = [text_page(blank_form())] + [text_page(f"Page {n}") for n in range(59)]
    record = import_bytes(pdf(pages), name="sixty.pdf")
    assert record.source_format == "pdf"


def test_an_encrypted_pdf_is_refused() -> None:
    _refused(pdf_encrypted(), "locked.pdf", "encrypted|cannot read")


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_pdf_is_refused(cut: float) -> None:
    whole = pdf([text_page("Title of your submission: a test")])
    _refused(whole[: int(len(whole) * cut)], "cut.pdf", "PDF")


def test_a_zip_that_lies_about_its_size_is_refused() -> None:
    doc = f'<w:document xmlns:w="{W}"><w:body>'.encode() + b"<w:p/>" * 50_000 + b"</w:body>"
    data = zip_with_false_size("word/document.xml", doc + b"</w:document>")
    _refused(data, "liar.docx", "damaged|too large|ratio")


def test_deeply_nested_docx_xml_is_refused() -> None:
    depth = 5_000
    inner = b"<w:r>" * depth + b"<w:t>deep</w:t>" + b"</w:r>" * depth
    doc = (
        f'<w:document xmlns:w="{W}"><w:body><w:p>'.encode()
        + inner
        + b"</w:p></w:body></w:document>"
    )
    _refused(zip_of({"word/document.xml": doc}, stored=True), "deep.docx", "nested too deeply")


@pytest.mark.parametrize(
    "data",
    [b"PK\x03\x04" + b"\x00" * 100, b"PK\x03\x04garbage", b"%PDF-1.7\n%%EOF"],
    ids=["zeros", "garbage", "empty-pdf"],
)
def test_broken_containers_are_refused(data: bytes) -> None:
    _refused(data, "broken.bin", ".")


def test_a_document_that_is_not_the_form_is_refused(oxfam: str) -> None:
    letter = "Dear colleagues,\nPlease find our experience below.\n" + "Milk. " * 500
    text = _refused(letter.encode(), "letter.txt", "not the 2019 form")
    assert "/register/blank.txt" in text


def test_the_blank_form_reads_back_with_every_question() -> None:
    record = import_bytes(blank_form().encode(), name="blank.txt")
    assert not [w for w in record.warnings if "not found" in w.message]


def test_the_blank_form_is_offered_for_download(site: tuple[str, FastAPI]) -> None:
    with httpx.Client(base_url=site[0], timeout=30) as http:
        assert 'href="/register/blank.txt"' in http.get("/register/upload").text
        blank = http.get("/register/blank.txt")
    assert blank.status_code == 200
    assert blank.text == blank_form()
    assert "attachment" in blank.headers["content-disposition"]
