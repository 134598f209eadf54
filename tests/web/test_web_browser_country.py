"""Browser test of the country, home and methodology pages at laptop and phone widths.

Chromium (Playwright) loads each page in English and French at 1366 and 390 px wide over
the embedded data plus the SYNTHETIC demo trade file: no page may be wider than the screen,
charts must draw, no console error may appear. Full-page screenshots are saved under the
pytest temporary folder (``country-shots/``) for a person to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from test_web_browser import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]
PAGES = {
    "country-SN": "/country/SN",
    "country-BF": "/country/BF",
    "home": "/",
    "methodology": "/methodology",
    "method-per-litre": "/methodology/per-litre",
    "glossary": "/glossary",
    "cite": "/cite",
}
WIDER = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder for the screenshots."""
    return tmp_path_factory.mktemp("country-shots")


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_fits_the_screen(
    browser: Any, full_url: str, shots: Path, name: str, lang: str, width: int
) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 800})
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    sep = "&" if "?" in PAGES[name] else "?"
    answer = tab.goto(f"{full_url}{PAGES[name]}{sep}lang={lang}", wait_until="networkidle")
    assert answer is not None
    assert answer.status == 200
    charts = tab.locator(".vega")
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            charts.nth(i).locator("canvas").wait_for(timeout=15000)
    scroll, inner = tab.evaluate(WIDER)
    tab.screenshot(path=str(shots / f"{name}-{lang}-{width}.png"), full_page=True)
    height = tab.evaluate("() => document.documentElement.scrollHeight")
    tab.close()
    assert scroll <= inner, f"{name} {lang} at {width}px is {scroll}px wide"
    assert [e for e in errors if "favicon" not in e] == []
    if name == "home" and width == 1366:
        assert height < 2600, f"home page is {height}px tall"
