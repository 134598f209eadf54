"""Country briefs: HTML and PDF with figures, a chart and sources, from the CLI and the web."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from pdfminer.high_level import extract_text
from typer.testing import CliRunner

from fairmilk.cli import app as cli_app
from fairmilk.errors import InputError
from fairmilk.outputs.reports import build_brief, render_html
from fairmilk.store import open_store


def test_report_command_writes_french_html_and_pdf(web_store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli_app,
        [
            "report",
            "--country",
            "SN",
            "--lang",
            "fr",
            "--out",
            str(tmp_path),
            "--db",
            str(web_store),
        ],
    )
    assert result.exit_code == 0, result.output
    html = (tmp_path / "brief-SN-fr.html").read_text(encoding="utf-8")
    assert "Fiche pays : Sénégal (SN)" in html
    assert "<svg" in html
    assert "tiny_comext.dat" in html
    assert "DONNÉES SYNTHÉTIQUES" in html
    pdf = tmp_path / "brief-SN-fr.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = extract_text(str(pdf))
    assert "Sénégal" in text
    assert "Sources" in text


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pdf_page_renders_to_png(web_store: Path, tmp_path: Path) -> None:
    CliRunner().invoke(
        cli_app,
        [
            "report",
            "--country",
            "SN",
            "--lang",
            "en",
            "--out",
            str(tmp_path),
            "--db",
            str(web_store),
        ],
    )
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(tmp_path / "brief-SN-en.pdf"),
         str(tmp_path / "page")],
        check=True,
    )  # fmt: skip
    png = next(tmp_path.glob("page*.png"))
    assert png.stat().st_size > 5000


def test_unknown_country_is_an_input_error(web_store: Path) -> None:
    con = open_store(web_store, read_only=True)
    try:
        with pytest.raises(InputError, match="unknown country"):
            build_brief(con, "ZZ", lang="en")
    finally:
        con.close()


def test_brief_numbers_and_gaps(web_store: Path) -> None:
    con = open_store(web_store, read_only=True)
    try:
        html = render_html(build_brief(con, "ML", lang="en"))
    finally:
        con.close()
    assert "1,500" in html  # 2020 FFMP to Mali, tonnes
    assert "<td>–</td>" in html  # 2020 WMP to Mali has no quantity: a gap


@pytest.mark.parametrize("fmt", ["pdf", "html"])
def test_dashboard_offers_the_brief(client: httpx.Client, fmt: str) -> None:
    answer = client.get("/brief", params={"country": "SN", "format": fmt, "lang": "fr"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(
        "application/pdf" if fmt == "pdf" else "text/html"
    )
    overview = client.get("/", params={"lang": "fr"}).text
    assert 'action="/brief"' in overview
