"""Register fixtures: the real 2019 submission as text, and .docx/.pdf built from it."""

from __future__ import annotations

import hashlib
import html
import io
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from docx import Document
from docx.oxml import parse_xml
from fastapi import FastAPI
from postgres_cluster import SKIP_ENV, cluster, new_database

from fairmilk.register.store import Register, connect

FIXTURES = Path(__file__).parent / "fixtures"
OXFAM = FIXTURES / "oxfam-local-and-fair-milk-2019.txt"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
GLYPHS = {"☒": True, "☐": False}


def _checkbox_xml(checked: bool) -> str:
    glyph = "☒" if checked else "☐"
    return (
        f'<w:sdt xmlns:w="{W_NS}" xmlns:w14="{W14_NS}"><w:sdtPr><w14:checkbox>'
        f'<w14:checked w14:val="{int(checked)}"/>'
        '<w14:checkedState w14:val="2612" w14:font="MS Gothic"/>'
        '<w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/>'
        f"</w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:t>{glyph}</w:t></w:r>"
        "</w:sdtContent></w:sdt>"
    )


def _paragraph(container: object, line: str) -> None:
    stripped = line.lstrip()
    paragraph = container.add_paragraph()  # type: ignore[attr-defined]
    if stripped[:1] in GLYPHS:
        paragraph._p.append(parse_xml(_checkbox_xml(GLYPHS[stripped[0]])))
        paragraph.add_run(" " + stripped[1:].strip())
    else:
        paragraph.add_run(line.replace("\t", ""))


def docx_from_text(text: str, *, tables: bool = True) -> bytes:
    """A .docx whose paragraphs are the lines of ``text``; ☒/☐ become check-box controls.

    Runs of lines that start with a tab (table cells in the original form) go into a table.
    """
    document = Document()
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        if tables and lines[index].startswith("\t"):
            run = []
            while index < len(lines) and lines[index].startswith("\t"):
                run.append(lines[index])
                index += 1
            table = document.add_table(rows=len(run), cols=1)
            for row, line in zip(table.rows, run, strict=True):
                cell = row.cells[0]
                cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
                _paragraph(cell, line)
            continue
        _paragraph(document, lines[index])
        index += 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_from_text(text: str) -> bytes:
    """A PDF with a text layer showing the lines of ``text`` (weasyprint, DejaVu Sans)."""
    from weasyprint import HTML

    body = "".join(f"<p>{html.escape(line) or '&nbsp;'}</p>" for line in text.split("\n"))
    page = (
        "<html><head><style>@page { size: A3; margin: 1cm }"
        "body { font-family: 'DejaVu Sans'; font-size: 7pt } p { margin: 0 }</style></head>"
        f"<body>{body}</body></html>"
    )
    return bytes(HTML(string=page).write_pdf())


@pytest.fixture(scope="session")
def oxfam_text() -> str:
    """The filled form as exported to text by its authors."""
    return OXFAM.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def oxfam_docx(oxfam_text: str) -> bytes:
    """The same content as a .docx with check-box content controls and tables."""
    return docx_from_text(oxfam_text)


@pytest.fixture(scope="session")
def oxfam_pdf(oxfam_text: str) -> bytes:
    """The same content as a PDF with a text layer."""
    return pdf_from_text(oxfam_text)


@pytest.fixture(scope="session")
def make_docx() -> Callable[..., bytes]:
    """The .docx builder, for tests that write their own forms."""
    return docx_from_text


@pytest.fixture(scope="session")
def make_pdf() -> Callable[[str], bytes]:
    """The PDF builder, for tests that write their own forms."""
    return pdf_from_text


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (the URL of its admin database), for the session."""
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: the PostgreSQL register tests are skipped")
    with cluster() as url:
        yield url


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.xdist_group("postgres"))]
)
def con(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Register]:
    """An empty register store with its schema: SQLite (WAL) and PostgreSQL, in turn."""
    if request.param == "sqlite":
        target = str(tmp_path / "register.sqlite")
    else:
        name = "t_" + hashlib.sha256(request.node.nodeid.encode()).hexdigest()[:16]
        target = new_database(request.getfixturevalue("postgres"), name)
    reg = connect(target)
    yield reg
    reg.close()


@pytest.fixture
def stored(con: Register, oxfam_text: str) -> tuple[Register, str]:
    """A store holding the Oxfam submission (pending) and its id."""
    from fairmilk.register.reader import read_submission
    from fairmilk.register.submissions import save_submission

    record = read_submission(oxfam_text, source_name="oxfam.txt")
    sid, created = save_submission(con, record, via="cli")
    assert created
    return con, sid


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[str, FastAPI]]:
    """A real uvicorn server (loopback, free port) on a writable, empty store."""
    from fairmilk.web import create_app
    from fairmilk.web.server import running

    app = create_app(tmp_path / "web.duckdb", read_only=False)
    app.state.register_post_limit = 1000
    with running(app) as url:
        yield url, app
    app.state.publisher.wait()
    app.state.store.close()


@pytest.fixture
def browser_client(web: tuple[str, FastAPI]) -> Iterator[httpx.Client]:
    """An HTTP client with a cookie jar, like one browser."""
    with httpx.Client(base_url=web[0], timeout=30, follow_redirects=False) as http:
        yield http
