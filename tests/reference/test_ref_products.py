"""Product codes: categories by year, FFMP roles, prefixes for ingest filtering."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairmilk.errors import InputError, ReferenceDataError
from fairmilk.reference import products
from fairmilk.reference.products import (
    CATEGORIES,
    category_for,
    dairy_prefixes,
    ffmp_role_for,
    is_dairy_code,
    product_codes,
)


@pytest.mark.parametrize(
    ("code", "year", "category", "role"),
    [
        ("04021019", 2019, "smp", "none"),
        ("0402 10 19", 2019, "smp", "none"),
        ("19019095", 2021, "ffmp", "ffmp"),
        ("19019095", 2018, None, None),
        ("19019099", 2018, "other", "carrier"),
        ("19019099", 2021, "other", "none"),
        ("190190", 2021, "other", "carrier"),
        ("04011010", 2015, "liquid_milk", "none"),
        ("04014010", 2015, "cream", "none"),
        ("04013011", 2005, "cream", "none"),
        ("04013011", 2015, None, None),
        ("04022118", 2010, "wmp", "none"),
        ("04029910", 2010, "condensed", "none"),
        ("04039059", 2010, "yoghurt", "none"),
        ("04041002", 2010, "whey", "none"),
        ("04049021", 2010, "other", "none"),
        ("04059010", 2010, "butter", "none"),
        ("04069099", 2010, "cheese", "none"),
        ("19011000", 2010, "infant_formula", "none"),
        ("21069098", 2010, "other", "none"),
        ("15179010", 2010, None, None),
    ],
)
def test_category_for(code: str, year: int, category: str | None, role: str | None) -> None:
    assert category_for(code, year) == category
    assert ffmp_role_for(code, year) == role


def test_same_prefix_never_overlaps_in_years() -> None:
    rows = sorted(product_codes(), key=lambda p: p.prefix)
    for _prefix, group in itertools.groupby(rows, key=lambda p: p.prefix):
        spans = sorted((p.valid_from, p.valid_to) for p in group)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end < start


def test_rows_are_well_formed() -> None:
    for p in product_codes():
        assert p.category in CATEGORIES
        assert p.valid_from <= p.valid_to
        assert p.code_system in ("HS", "CN")
        assert len(p.prefix) in (4, 6, 8)
        assert p.code_system == "CN" or len(p.prefix) < 8
        assert p.label_en
        assert p.label_fr
        assert p.source_url.startswith("http")


def test_every_category_has_a_code() -> None:
    assert {p.category for p in product_codes()} == set(CATEGORIES)


def test_dairy_prefixes_cover_the_dairy_chapters_and_ffmp() -> None:
    prefixes = dairy_prefixes()
    assert prefixes == tuple(sorted(prefixes))
    for code in ("04011010", "04021019", "04039059", "04041002", "04059010", "04069099"):
        assert is_dairy_code(code)
    for code in ("19011000", "19019095", "19019099", "21069098"):
        assert is_dairy_code(code)
    assert not is_dairy_code("19053199")
    assert not is_dairy_code("15179010")
    # minimal: no prefix starts with another one
    assert not [a for a in prefixes for b in prefixes if a != b and a.startswith(b)]


@pytest.mark.parametrize("bad", ["", "04a2", "040", "abcd"])
def test_a_malformed_code_is_an_input_error(bad: str) -> None:
    with pytest.raises(InputError, match="expected at least 4 digits"):
        category_for(bad, 2020)


def test_a_bad_products_row_is_reported_with_its_line(monkeypatch: pytest.MonkeyPatch) -> None:
    row = {
        "prefix": "0401",
        "code_system": "HS",
        "category": "milkshake",
        "valid_from": "1988",
        "valid_to": "9999",
        "ffmp_role": "none",
        "label_en": "x",
        "label_fr": "x",
        "source_url": "https://example.org",
        "note": "",
    }
    monkeypatch.setattr(products, "read_rows", lambda _id: [row])
    products.product_codes.cache_clear()
    try:
        with pytest.raises(ReferenceDataError, match=r"products.csv:2: unknown category"):
            products.product_codes()
    finally:
        products.product_codes.cache_clear()


@settings(deadline=None)
@given(code=st.from_regex(r"\A(04|19|21|15)[0-9]{2,6}\Z"), year=st.integers(1988, 2030))
def test_category_for_answers_a_category_or_none(code: str, year: int) -> None:
    found = category_for(code, year)
    assert found is None or found in CATEGORIES
    assert (found is None) == (ffmp_role_for(code, year) is None)
    if found is not None:
        assert is_dairy_code(code)
