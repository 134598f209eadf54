"""Methodology, glossary, about and how-to-cite pages: packaged, rendered safely, EN and FR."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fairmilk.web.views.docs import doc_index, render_markdown

ROOT = Path(__file__).parents[2]
PACKAGED = ROOT / "src" / "fairmilk" / "web" / "docs"
GLOSSARY = {
    "en": ("CET", "Cost coverage", "Dumping margin", "FFMP", "IPA", "Milk equivalent",
           "Milk offensive", "MRP"),
    "fr": ("TEC", "Couverture des coûts", "Marge de dumping", "Poudre de lait réengraissée",
           "IPA", "Équivalent lait", "Offensive lait", "MRP"),
}  # fmt: skip


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the tiny store (the pages read no data)."""
    with httpx.Client(base_url=base_url, timeout=60) as client:
        yield client


def test_the_packaged_pages_are_the_docs() -> None:
    """The package carries docs/ as is (run scripts/sync_docs.py after editing docs/)."""
    for folder in ("methodology", "indicators", "site"):
        source = {p.name: p.read_bytes() for p in (ROOT / "docs" / folder).glob("*.md")}
        packed = {p.name: p.read_bytes() for p in (PACKAGED / folder).glob("*.md")}
        assert packed == source, f"docs/{folder} differs from its packaged copy"


def test_every_page_has_english_and_french() -> None:
    for slug, folder in doc_index().items():
        assert (PACKAGED / folder / f"{slug}.fr.md").is_file(), slug


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_page_is_served(http: httpx.Client, lang: str) -> None:
    index = http.get("/methodology", params={"lang": lang})
    assert index.status_code == 200
    for slug in doc_index():
        url = f"/{slug}" if slug in ("glossary", "about", "cite") else f"/methodology/{slug}"
        page = http.get(url, params={"lang": lang})
        assert page.status_code == 200, url
        assert f'href="{url}' in index.text
        assert '<html lang="' + lang + '"' in page.text


def test_raw_html_is_escaped_and_page_links_are_site_links() -> None:
    html = render_markdown("<script>alert(1)</script>\n\nSee [MRP](mrp.md#mrp).", "fr")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<a href="/methodology/mrp?lang=fr#mrp">MRP</a>' in html


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_glossary_defines_the_terms(http: httpx.Client, lang: str) -> None:
    html = http.get("/glossary", params={"lang": lang}).text
    for term in GLOSSARY[lang]:
        assert f"<strong>{term}" in html, term


def test_unknown_page_is_a_422(http: httpx.Client) -> None:
    answer = http.get("/methodology/nope.json")
    assert answer.status_code == 422
    assert "doc" in answer.json()["error"]
    assert "glossary" in answer.json()["error"]
