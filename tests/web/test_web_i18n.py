"""Every text of the web pages and briefs has a French translation; numbers follow the language."""

from __future__ import annotations

import httpx
import pytest
from i18n_messages import dynamic_messages, literal_messages

from fairmilk.errors import InputError
from fairmilk.outputs.i18n import catalog, check_lang, fmt_cell, fmt_number, translator
from fairmilk.web.views.view import PAGES


def test_catalog_has_every_message() -> None:
    missing = sorted((literal_messages() | dynamic_messages()) - set(catalog("fr")))
    assert not missing, f"no French for: {missing}"


def test_catalog_entries_are_used() -> None:
    unused = sorted(set(catalog("fr")) - literal_messages() - dynamic_messages())
    assert not unused, f"French entries nobody uses: {unused}"


@pytest.mark.parametrize("page", PAGES)
def test_french_page_texts_come_from_the_catalog(client: httpx.Client, page: str) -> None:
    english = client.get(f"/{page}.json").json()
    french = client.get(f"/{page}.json", params={"lang": "fr"}).json()
    fr = catalog("fr")
    assert french["title"] == fr[english["title"]]
    for en_c, fr_c in zip(english["controls"], french["controls"], strict=True):
        assert fr_c["label"] != en_c["label"] or fr.get(en_c["label"]) == en_c["label"]
    for block in english["blocks"]:
        unknown = [c for c in block["columns"] if c not in fr]
        assert not unknown, f"{page}/{block['id']}: columns without French header {unknown}"


def test_placeholders_survive_translation() -> None:
    _ = translator("fr")
    assert _("Dairy trade by {by}", by="année") == "Commerce laitier par année"


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [(1234567.891, "en", "1,234,568"), (1234567.891, "fr", "1\u202f234\u202f568"),
     (3.14159, "fr", "3,14"), (None, "fr", "–"), (float("nan"), "en", "–")],
)  # fmt: skip
def test_numbers_follow_the_language(value: float | None, lang: str, text: str) -> None:
    assert fmt_number(value, lang) == text


def test_unknown_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="expected en or fr"):
        check_lang("de")


@pytest.mark.parametrize(
    ("value", "lang", "column", "text"),
    [(7.95, "fr", "dependency_pct", "8,0"), (6.0, "en", "share_pct", "6.0"),
     (44.84, "en", "ffmp_share_pct", "44.8"), (1234.56, "fr", "change_pct", "1\u202f234,6"),
     (None, "fr", "dependency_pct", "–"), (7.95, "en", "price", "7.95"),
     (True, "en", "derived", "✔")],
)  # fmt: skip
def test_percentage_cells_have_one_decimal(
    value: float | None, lang: str, column: str, text: str
) -> None:
    """Tables show percentages with one decimal (full precision stays in CSV and JSON)."""
    assert fmt_cell(value, lang, column) == text
