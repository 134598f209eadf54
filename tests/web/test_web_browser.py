"""Browser tests: Debian's chromium (Playwright) on every page, in English and French.

Each page is loaded on a real server over the embedded data (plus the SYNTHETIC demo
trade file), its charts must draw under the content security policy, no console error
may appear, every form control must be labelled and every chart described; a full-page
screenshot of each is saved under the pytest temporary folder (``screenshots/``).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from fairmilk.web.views.view import PAGES

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]

UNLABELLED = """() => [...document.querySelectorAll('select, input:not([type=hidden]), textarea')]
  .filter(el => !(el.id && document.querySelector(`label[for="${el.id}"]`)))
  .map(el => el.name)"""
UNDESCRIBED = """() => [...document.querySelectorAll('img, .vega, svg[role=img]')]
  .filter(el => !(el.getAttribute('alt') || el.getAttribute('aria-label')))
  .map(el => el.outerHTML.slice(0, 80))"""


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder for the screenshots."""
    return tmp_path_factory.mktemp("screenshots")


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_page_in_browser(browser: Any, full_url: str, shots: Path, page: str, lang: str) -> None:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    tab.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    answer = tab.goto(f"{full_url}/{page}?lang={lang}", wait_until="networkidle")
    assert answer is not None
    assert answer.status == 200
    assert tab.locator("html").get_attribute("lang") == lang
    charts = tab.locator(".vega")
    for i in range(charts.count()):
        charts.nth(i).locator("canvas").wait_for(state="attached", timeout=15000)  # folded too
        assert charts.nth(i).get_attribute("data-error") is None
    assert tab.evaluate(UNLABELLED) == []
    assert tab.evaluate(UNDESCRIBED) == []
    tab.screenshot(path=str(shots / f"{page}-{lang}.png"), full_page=True)
    tab.close()
    assert [e for e in errors if "favicon" not in e] == []


def test_form_keeps_the_view_state_in_the_url(browser: Any, full_url: str) -> None:
    tab = browser.new_page()
    tab.goto(f"{full_url}/trade?lang=fr")
    tab.select_option("#f-by", "destination")
    tab.select_option("#f-measure", "value_eur")
    tab.click("button[type=submit]")
    tab.wait_for_load_state("networkidle")
    assert "by=destination" in tab.url
    assert "measure=value_eur" in tab.url
    assert "lang=fr" in tab.url
    assert tab.locator("#f-by").input_value() == "destination"
    tab.close()


def test_pages_work_without_javascript(browser: Any, full_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{full_url}/trade")
    assert tab.locator("table tbody tr").count() > 0
    assert tab.locator("a", has_text="CSV").count() > 0
    context.close()
