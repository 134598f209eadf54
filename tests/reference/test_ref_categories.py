"""Product categories: names, powders, factors and their gaps."""

from __future__ import annotations

import pytest

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.categories import categories, category
from fairmilk.reference.products import CATEGORIES


def test_one_row_per_category_with_english_and_french_names() -> None:
    assert tuple(c.category for c in categories()) == CATEGORIES
    for c in categories():
        assert c.name_en.strip()
        assert c.name_fr.strip()
        assert c.name_en != c.name_fr or c.category == "other"


def test_sourced_factors() -> None:
    assert category("smp").me_factor == 7.6
    assert category("wmp").me_factor == 7.6
    assert category("butter").me_factor == 6.6
    assert category("cheese").me_factor == 4.4
    assert category("condensed").me_factor == 2.0
    assert category("ffmp").litres_per_kg == 7.68


def test_gaps_stay_gaps() -> None:
    for gap in ("cream", "whey", "yoghurt", "infant_formula", "other"):
        c = category(gap)
        assert c.me_factor is None
        assert c.me_source_url is None
        assert "GAP" in c.me_note


def test_every_factor_has_a_source_and_derived_ones_say_how() -> None:
    for c in categories():
        if c.me_factor is not None:
            assert c.me_source_url
            assert c.me_note
        if c.me_derived:
            assert c.me_note.startswith("DERIVED")
        if c.litres_per_kg is not None:
            assert c.is_powder
            assert c.litres_source_url
        if c.litres_derived:
            assert c.litres_note.startswith("DERIVED")
    ffmp = category("ffmp")
    assert ffmp.me_derived
    assert ffmp.me_factor == pytest.approx(2 / 3 * 7.6, abs=0.05)


def test_powders() -> None:
    assert {c.category for c in categories() if c.is_powder} == {
        "smp",
        "wmp",
        "ffmp",
        "infant_formula",
    }


def test_unknown_category() -> None:
    with pytest.raises(ReferenceDataError, match="unknown product category 'milk'"):
        category("milk")
