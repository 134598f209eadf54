"""Country briefs from the country profile: key messages first, 2-4 A4 pages, nothing off them.

The SN and BF briefs are rendered in English and French (WeasyPrint) on the embedded data
plus the SYNTHETIC demo trade file; every text box pdfminer finds must lie inside its
page. Each page is also drawn as a PNG (``pdftoppm -r 60``) under the test output folder
``briefs/`` so a person can look at them.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTPage, LTTextContainer

from fairmilk.outputs.reports import write_brief
from fairmilk.store import open_store

HEADING = {"en": "Key messages", "fr": "Messages clés"}
FIRST_SECTION = {"en": "Dairy imports from all origins", "fr": "Importations de produits laitiers"}


@pytest.fixture(scope="module")
def briefs(full_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The four briefs (SN, BF × en, fr) as PDF, keyed 'SN-en' and so on."""
    out = tmp_path_factory.mktemp("briefs")
    con = open_store(full_store_file, read_only=True)
    try:
        found = {}
        for country in ("SN", "BF"):
            for lang in ("en", "fr"):
                paths = write_brief(con, country, lang=lang, out=out)
                found[f"{country}-{lang}"] = paths[1]
    finally:
        con.close()
    return found


def _boxes(page: LTPage) -> list[tuple[float, float, float, float, str]]:
    """Every text box and every glyph of a page: (x0, y0, x1, y1, text)."""
    out = []
    stack = list(page)
    while stack:
        item = stack.pop()
        if isinstance(item, LTTextContainer | LTChar):
            out.append((*item.bbox, item.get_text()[:40]))
        if hasattr(item, "__iter__") and not isinstance(item, LTChar):
            stack.extend(item)
    return out


@pytest.mark.parametrize("name", ["SN-en", "SN-fr", "BF-en", "BF-fr"])
def test_every_text_box_lies_inside_its_page(briefs: dict[str, Path], name: str) -> None:
    pages = list(extract_pages(str(briefs[name])))
    assert 2 <= len(pages) <= 4, f"{name}: {len(pages)} pages"
    for number, page in enumerate(pages, start=1):
        x0, y0, x1, y1 = page.bbox
        assert (x1 - x0, y1 - y0) == pytest.approx((595.3, 841.9), abs=1)  # A4 in points
        outside = [b for b in _boxes(page) if b[0] < x0 or b[1] < y0 or b[2] > x1 or b[3] > y1]
        assert not outside, f"{name} page {number}: off the page: {outside[:3]}"


@pytest.mark.parametrize("name", ["SN-en", "SN-fr", "BF-en", "BF-fr"])
def test_the_first_page_opens_with_key_messages(briefs: dict[str, Path], name: str) -> None:
    lang = name[-2:]
    first = next(iter(extract_pages(str(briefs[name]))))
    text = "".join(b.get_text() for b in first if isinstance(b, LTTextContainer))
    assert HEADING[lang] in text
    assert text.index(HEADING[lang]) < text.index(FIRST_SECTION[lang])
    opening = "In 20" if lang == "en" else "En 20"  # the first message: import dependency
    assert text.index(HEADING[lang]) < text.index(opening) < text.index(FIRST_SECTION[lang])


def test_brief_html_has_viewport_links_citation_and_data_date(briefs: dict[str, Path]) -> None:
    html = briefs["SN-fr"].with_suffix(".html").read_text(encoding="utf-8")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert '<a href="https://www.fao.org/faostat/en/"' in html  # sources are links
    assert "Comment citer" in html
    assert "fairmilk (20" in html
    assert "Données au 20" in html
    assert html.count("<svg") >= 3  # three charts: imports, dependency, FFMP share
    assert "DONNÉES SYNTHÉTIQUES" in html
    assert "Quantité (t)" in html
    assert "tonnes</th>" not in html


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_brief_pages_drawn_as_png(briefs: dict[str, Path]) -> None:
    for name, pdf in briefs.items():
        subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(pdf.parent / name)],
                       check=True)  # fmt: skip
    pngs = sorted(next(iter(briefs.values())).parent.glob("*.png"))
    assert len(pngs) >= 8
    assert all(p.stat().st_size > 5000 for p in pngs)


@pytest.mark.parametrize("name", ["SN-fr", "BF-fr"])
def test_brief_percentages_have_one_decimal(briefs: dict[str, Path], name: str) -> None:
    """The dependency table of a French brief: every percentage with exactly one decimal."""
    html = briefs[name].with_suffix(".html").read_text(encoding="utf-8")
    tables = re.findall(r"<table>(.*?)</table>", html, flags=re.S)
    (table,) = [t for t in tables if "Dépendance aux importations (%)</th>" in t]
    heads = re.findall(r"<th>(.*?)</th>", table)
    at = heads.index("Dépendance aux importations (%)")
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], flags=re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r)[at] for r in rows]
    assert cells
    assert all(re.fullmatch(r"\d+,\d", c) for c in cells), cells


def test_page_percentages_have_one_decimal(full_url: str) -> None:
    """The country page's dependency table: every percentage with exactly one decimal."""
    import httpx

    html = httpx.get(f"{full_url}/country/BF?lang=fr", timeout=120).text
    tables = re.findall(r"<table>(.*?)</table>", html, flags=re.S)
    (table,) = [t for t in tables if 'title="dependency_pct"' in t]
    at = re.findall(r'<th scope="col" title="(\w+)"', table).index("dependency_pct")
    rows = re.findall(r"<tr>(.*?)</tr>", table.split("</thead>")[1], flags=re.S)
    cells = [re.findall(r"<td[^>]*>(.*?)</td>", r)[at] for r in rows]
    assert cells
    assert all(re.fullmatch(r"\d+,\d", c) for c in cells), cells
