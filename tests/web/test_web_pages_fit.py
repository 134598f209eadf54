"""Every page in English and French, on a laptop (1366 px) and a phone (390 px), in chromium.

A page fails when it is wider than the screen, when a French page shows an English message
that has a French translation, or when a chart draws a gap differently from its table (a
gap must stay null in the chart data, never become 0). Screenshots of every page go to
``screenshots/`` under the pytest temporary folder.
"""

from __future__ import annotations

import re
import shutil
import string
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import httpx
import pytest

from fairmilk.outputs.i18n import catalog
from fairmilk.register.answers import ERRORS
from fairmilk.register.record import WARNING_KINDS
from fairmilk.web.register.text import TEXT, WORDS
from fairmilk.web.views.view import PAGES

CHROMIUM = "/usr/bin/chromium"
WIDTHS = (1366, 390)
REGISTER = ("/register/", "/register/form", "/register/search", "/register/synthesis",
            "/register/observe", "/register/upload", "/register/login")  # fmt: skip
ADDRESSES = (*(f"/{p}" if p != "register" else "/register/" for p in PAGES), *REGISTER[1:],
             "/api/v1/docs")  # fmt: skip
OXFAM = Path(__file__).parents[1] / "register" / "fixtures" / "oxfam-local-and-fair-milk-2019.txt"
MODERATOR = ("ama", "a long secret 42")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]
WIDER = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
# The page's own words: not table cells or source lists (quoted from the sources as published),
# nor what contributors wrote (.quoted: register answers and titles, in their own language).
OWN_TEXT = """() => { const c = document.body.cloneNode(true);
  const quoted = 'td, .sources, .source, .figure .note, .quoted, script, noscript';
  c.querySelectorAll(quoted).forEach(e => e.remove());
  return c.textContent; }"""
# Messages that are also ordinary words of French or names (the same in both languages).
SAME_IN_FRENCH = {"Source", "Sources", "Note", "Notes", "Phase", "Type", "Destination"}


def _telling(en: str, fr: str) -> bool:
    """True for English text that would show an untranslated message on a French page."""
    en = en.strip()
    if en == fr or len(en) < 12 or " " not in en or en in fr:
        return False
    return en not in SAME_IN_FRENCH and re.search(r"[a-z]{3}", en) is not None


def _fragments(template: str) -> list[str]:
    """The literal words of a template between its fields ("{name}" parts left out)."""
    return [literal for literal, _n, _s, _c in string.Formatter().parse(template)]


@cache
def english_messages() -> list[str]:
    """English messages (two words or more) whose French translation differs: whole texts,
    and the words between the fields of templates (a warning shown in English has them);
    the register's own page texts, warning kinds and form errors too."""
    out = []
    pairs = [*catalog("fr").items(), *TEXT.values(), *WORDS.values(), *WARNING_KINDS.values(),
             *ERRORS.values()]  # fmt: skip
    for en, fr in pairs:
        if "{" not in en:
            out += [en] if _telling(en, fr) else []
            continue
        parts = [p.strip() for p in _fragments(en) if len(p.split()) >= 3]  # a phrase, not "of"
        out += [part for part in parts if _telling(part, fr)]
    return out


@pytest.fixture(scope="module")
def register_url(full_store_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server that takes contributions (as `fairmilk serve` does), on a copy of the store."""
    from fairmilk.web import create_app
    from fairmilk.web.server import running

    copy = tmp_path_factory.mktemp("register") / "store.duckdb"
    shutil.copy(full_store_file, copy)
    app = create_app(copy, read_only=False)
    _seed_register(app)
    with running(app) as url:
        yield url
    app.state.store.close()


def _seed_register(app: Any) -> None:
    """A moderator and a pending submission parsed with warnings (the 2019 form as filled)."""
    from fairmilk.register.moderators import create_moderator
    from fairmilk.register.reader import read_submission
    from fairmilk.register.submissions import save_submission

    record = read_submission(OXFAM.read_text(encoding="utf-8"), source_name="oxfam.txt")
    assert record.warnings
    with app.state.register.connect() as con:
        create_moderator(con, MODERATOR[0], MODERATOR[1], actor="test")
        save_submission(con, record, via="cli")


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


def _check(tab: Any, shots: Path, name: str, lang: str, width: int) -> None:
    """Screenshot the page; it must fit the screen and, in French, show no English message."""
    tab.screenshot(path=str(shots / f"{name}-{lang}-{width}.png"), full_page=True)
    wide = tab.evaluate(WIDER)
    assert wide <= width, f"{name} is {wide} px wide on a {width} px screen"
    if lang == "fr":
        assert _visible_english(tab.evaluate(OWN_TEXT)) == [], f"untranslated on {name}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_register_messages_speak_their_language(
    browser: Any, register_url: str, shots: Path, lang: str, width: int
) -> None:
    """The form with its errors, a refused upload, the moderation queue and a submission
    with its parse warnings: each fits the screen and speaks the page's language."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    q = f"?lang={lang}"
    tab.goto(f"{register_url}/register/form{q}")
    tab.fill("#i-title", "Lait local")
    with tab.expect_navigation():
        tab.click("button[value=submit]")  # required answers missing: the server explains
    assert tab.locator("p.error").count() > 1
    _check(tab, shots, "register-form-errors", lang, width)
    tab.goto(f"{register_url}/register/upload{q}")
    tab.set_input_files("#file", files=[{"name": "letter.txt", "mimeType": "text/plain",
                                         "buffer": b"Dear friends,\nour news.\n"}])  # fmt: skip
    with tab.expect_navigation():
        tab.click("button[type=submit]")
    assert "letter.txt" in tab.locator("p.error").inner_text()
    _check(tab, shots, "register-upload-error", lang, width)
    tab.goto(f"{register_url}/register/login{q}")
    tab.fill("#username", MODERATOR[0])
    tab.fill("#password", MODERATOR[1])
    tab.click("button[type=submit]")
    tab.wait_for_url("**/register/moderate*")
    _check(tab, shots, "register-moderate", lang, width)
    tab.click("ul.pending a")
    assert tab.locator("ul.warnings li").count() > 0
    _check(tab, shots, "register-moderate-record", lang, width)
    context.close()
