"""Source lines in the reader's language: French country pages and briefs cite in French."""

from __future__ import annotations

import html as html_lib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fairmilk.outputs.i18n import localise
from fairmilk.outputs.links import linkify
from fairmilk.outputs.reports import build_brief, render_html
from fairmilk.store import open_store
from fairmilk.text import msg

FRENCH = (
    "Parité fixe 1 EUR = 655,957 XOF depuis le 1er janvier 1999",
    "Facteur d’équivalent lait ",
    "[SYNTHÉTIQUE]",
)
ENGLISH = (
    "Fixed parity 1 EUR = 655.957 XOF since 1 January 1999",
    "Milk-equivalent factor ",
    "[SYNTHETIC]",
)
LEFT_IN_ENGLISH = ("Fixed parity", "Milk-equivalent factor", "[SYNTHETIC]", "vintage ")


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the full (embedded + synthetic demo) store."""
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


@pytest.fixture(scope="module")
def briefs(full_store_file: Path) -> dict[str, str]:
    """The Mali brief as HTML in English and in French (text, entities decoded)."""
    con = open_store(full_store_file, read_only=True)
    try:
        return {
            lang: html_lib.unescape(render_html(build_brief(con, "ML", lang=lang)))
            for lang in ("en", "fr")
        }
    finally:
        con.close()


def _page(full: httpx.Client, lang: str) -> str:
    page = full.get("/country/ML", params={"lang": lang})
    assert page.status_code == 200
    return html_lib.unescape(page.text)


def test_french_country_page_cites_in_french(full: httpx.Client) -> None:
    text = _page(full, "fr")
    for wording in FRENCH:
        assert wording in text, wording
    for english in LEFT_IN_ENGLISH:
        assert english not in text, english


def test_english_country_page_cites_in_english(full: httpx.Client) -> None:
    text = _page(full, "en")
    for wording in ENGLISH:
        assert wording in text, wording
    assert "Parité fixe" not in text


def test_french_brief_cites_in_french(briefs: dict[str, str]) -> None:
    for wording in FRENCH:
        assert wording in briefs["fr"], wording
    for english in LEFT_IN_ENGLISH:
        assert english not in briefs["fr"], english


def test_english_brief_cites_in_english(briefs: dict[str, str]) -> None:
    for wording in ENGLISH:
        assert wording in briefs["en"], wording
    assert "Parité fixe" not in briefs["en"]


def test_linkify_translates_a_msg_and_keeps_plain_text() -> None:
    url = "https://example.org/factors"
    line = msg("Milk-equivalent factor {category} = {factor:g} kg milk/kg: {url}",
               category="butter", factor=6.6, url=url)  # fmt: skip
    french = str(linkify(line, "fr"))
    assert french.startswith("Facteur d’équivalent lait butter = 6,6 kg de lait/kg : <a href=")
    assert f'<a href="{url}" rel="noopener">{url}</a>' in french
    assert str(linkify(line)) == str(linkify(line, "en"))
    assert str(linkify(line, "en")).startswith("Milk-equivalent factor butter = 6.6 kg")
    assert str(linkify("Milk-equivalent factor plain", "fr")) == "Milk-equivalent factor plain"
    assert localise(line, "fr") != line


def test_json_twin_gives_sources_in_the_page_language(full: httpx.Client) -> None:
    def sources(lang: str) -> str:
        data = full.get("/country/ML.json", params={"lang": lang}).json()
        lines = [s for b in data["blocks"] for s in b["sources"]]
        return "\n".join(lines + [s for m in data["messages"] for s in m["sources"]])

    french, english = sources("fr"), sources("en")
    assert FRENCH[0] in french
    assert "[SYNTHÉTIQUE]" in french
    assert "Milk-equivalent factor" not in french
    assert ENGLISH[0] in english
    assert "[SYNTHETIC]" in english
