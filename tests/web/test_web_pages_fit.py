"""Every page in English and French, on a laptop (1366 px) and a phone (390 px), in chromium.

A page fails when it is wider than the screen, when a French page shows an English message
that has a French translation, or when a chart draws a gap differently from its table (a
gap must stay null in the chart data, never become 0). Screenshots of every page go to
``screenshots/`` under the pytest temporary folder.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from fairmilk.outputs.i18n import catalog
from fairmilk.web.views.view import PAGES

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1366, 390)
REGISTER = ("/register/", "/register/form", "/register/search", "/register/synthesis",
            "/register/observe", "/register/upload", "/register/login")  # fmt: skip
ADDRESSES = (*(f"/{p}" if p != "register" else "/register/" for p in PAGES), *REGISTER[1:],
             "/api/v1/docs")  # fmt: skip
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]
WIDER = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
# The page's own words: not table cells or source lists (quoted from the sources as published).
OWN_TEXT = """() => { const c = document.body.cloneNode(true);
  const quoted = 'td, .sources, .source, .figure .note, script, noscript';
  c.querySelectorAll(quoted).forEach(e => e.remove());
  return c.textContent; }"""
# Messages that are also ordinary words of French or names (the same in both languages).
SAME_IN_FRENCH = {"Source", "Sources", "Note", "Notes", "Phase", "Type", "Destination"}


def english_messages() -> list[str]:
    """English messages (two words or more, no fields) whose French translation differs."""
    out = []
    for en, fr in catalog("fr").items():
        if en == fr or "{" in en or len(en) < 12 or " " not in en.strip():
            continue
        if en in SAME_IN_FRENCH or not re.search(r"[a-z]{3}", en):
            continue
        out.append(en)
    return out


@pytest.fixture(scope="module")
def register_url(full_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server that takes contributions (as `fairmilk serve` does), on a copy of the store."""
    from fairmilk.web import create_app
    from fairmilk.web.server import running

    copy = tmp_path_factory.mktemp("register") / "store.duckdb"
    shutil.copy(full_store_file, copy)
    app = create_app(copy, read_only=False)
    with running(app) as url:
        yield url
    app.state.store.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder for the screenshots."""
    return tmp_path_factory.mktemp("screenshots")


def _visible_english(text: str) -> list[str]:
    return [m for m in english_messages() if m in text]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("address", ADDRESSES)
def test_page_fits_and_speaks_its_language(
    browser: Any,
    full_url: str,
    register_url: str,
    shots: Path,
    address: str,
    lang: str,
    width: int,
) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    sep = "&" if "?" in address else "?"
    base = register_url if address in REGISTER else full_url
    answer = tab.goto(f"{base}{address}{sep}lang={lang}", wait_until="networkidle")
    assert answer is not None
    assert answer.status == 200, address
    for i in range(tab.locator(".vega").count()):
        tab.locator(".vega").nth(i).locator("canvas").wait_for(state="attached", timeout=15000)
    name = address.strip("/").replace("/", "-") or "home"
    tab.screenshot(path=str(shots / f"{name}-{lang}-{width}.png"), full_page=True)
    wide = tab.evaluate(WIDER)
    text = tab.evaluate(OWN_TEXT)
    tab.close()
    assert wide <= width, f"{address} is {wide} px wide on a {width} px screen"
    if lang == "fr" and not address.startswith("/api/"):
        assert _visible_english(text) == [], f"untranslated on {address}"


@pytest.mark.parametrize("page", [p for p in PAGES if p != "register"])
def test_no_chart_draws_a_gap_as_zero(full_url: str, page: str) -> None:
    body = httpx.get(f"{full_url}/{page}.json", timeout=120).json()
    for block in body["blocks"]:
        spec = block["chart"]
        if not spec:
            continue
        main = (spec.get("layer") or [spec])[0]
        y = main["encoding"]["y"]["field"]
        if y not in block["columns"]:
            continue  # drawn from a selection of the table (the offensive tracker's shares)
        values = (spec.get("data") or main["data"])["values"]
        table = [row.get(y) for row in block["data"]]
        drawn = [v.get(y) for v in values]
        assert drawn.count(None) == table.count(None), (page, block["id"])
        assert drawn.count(0) == table.count(0), (page, block["id"])
        # a line breaks at a gap: "invalid": null would draw it as 0
        if main["mark"]["type"] == "line":
            assert main["mark"]["invalid"] == "break-paths-show-domains", (page, block["id"])
