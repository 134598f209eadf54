"""The price series catalogue (prices/price_series): complete rows, EN/FR text, clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from fairmilk.errors import InputError, ReferenceDataError
from fairmilk.reference import catalog, gdt, price_series
from fairmilk.reference.price_series import DATASET, KINDS, series_label, series_title

ENTRIES = price_series.price_series()


@pytest.fixture
def clear_cache() -> Iterator[None]:
    price_series.price_series.cache_clear()
    price_series.series_by_id.cache_clear()
    yield
    price_series.price_series.cache_clear()
    price_series.series_by_id.cache_clear()


def test_the_catalogue_is_an_embedded_dataset_named_in_the_docs() -> None:
    assert DATASET in catalog.datasets()
    assert catalog.provenance(DATASET).producer == "fairmilk"
    page = (Path(__file__).parents[2] / "docs" / "data-sources.md").read_text(encoding="utf-8")
    assert f"`{DATASET}`" in page


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_row_has_distinct_english_and_french_text(entry: price_series.SeriesEntry) -> None:
    assert entry.kind in KINDS
    assert entry.title_en != entry.title_fr
    assert entry.description_en != entry.description_fr
    assert entry.title("fr") == entry.title_fr
    assert entry.description("en") == entry.description_en
    assert entry.origins


def test_ids_are_unique_and_the_quotations_say_they_mix_periods() -> None:
    ids = [e.id for e in ENTRIES]
    assert len(ids) == len(set(ids))
    by_id = price_series.series_by_id()
    for sid in ("product_quotation_butter", "product_quotation_smp", "product_quotation_wmp"):
        assert "weekly, 4-weekly" in by_id[sid].description_en
        assert "hebdomadaires, sur 4 semaines" in by_id[sid].description_fr
    assert "as published by its source" in by_id["price_cost_ratio"].description_en


def test_titles_in_the_page_language_and_raw_ids_for_unknown_series() -> None:
    assert series_title("farmgate_milk_price", "fr") == "Prix du lait à la ferme"
    assert series_title("production_cost_full", "fr") == "Coût de production complet du lait"
    assert series_label("product_quotation_smp", "fr") == (
        "Cotation du lait écrémé en poudre (LEP) (product_quotation_smp)"
    )
    assert series_label("farmgate_milk_price", "en") == "Farm-gate milk price (farmgate_milk_price)"
    assert series_title("my_coop_milk_price", "fr") == "my_coop_milk_price"
    assert series_label("my_coop_milk_price", "en") == "my_coop_milk_price"
    with pytest.raises(InputError, match="expected en or fr"):
        series_title("farmgate_milk_price", "de")


def test_gdt_series_are_in_the_catalogue() -> None:
    by_id = price_series.series_by_id()
    for product in gdt.PRODUCTS:
        entry = by_id[product.series]
        assert "GlobalDairyTrade" in entry.title_en
        assert "GlobalDairyTrade" in entry.title_fr
        assert entry.unit == gdt.UNIT


GOOD = {
    "series": "x_price",
    "kind": "price",
    "title_en": "X",
    "title_fr": "Prix X",
    "unit": "EUR/100kg",
    "origin": "prices/eu_milk_prices_costs",
    "description_en": "An x.",
    "description_fr": "Un x.",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "guess"}, ":3: column kind: expected price | cost | ratio | index | quotation"),
        ({"series": "X Price"}, ":3: column series: expected an id of lower-case letters"),
        ({"title_fr": " "}, ":3: column title_fr: expected a non-empty text"),
        ({"origin": "prices/nowhere"}, ":3: column origin: expected space-separated"),
        ({"origin": ""}, ":3: column origin: expected space-separated"),
        ({"series": "x_price"}, ":3: column series: expected an id not listed before"),
        ({"description_en": "two\nlines"}, ":3: column description_en: expected one line"),
    ],
)
def test_a_bad_row_names_file_line_and_column(
    monkeypatch: pytest.MonkeyPatch, clear_cache: None, change: dict[str, str], message: str
) -> None:
    rows = [dict(GOOD), {**GOOD, "series": "y_price", **change}]
    monkeypatch.setattr(price_series, "read_rows", lambda dataset: rows)
    with pytest.raises(ReferenceDataError) as info:
        price_series.price_series()
    assert str(info.value).startswith(f"reference/data/{DATASET}.csv:3: ")
    assert message in str(info.value)


def test_a_wrong_header_is_refused(monkeypatch: pytest.MonkeyPatch, clear_cache: None) -> None:
    rows = [{k: v for k, v in GOOD.items() if k != "kind"}]
    monkeypatch.setattr(price_series, "read_rows", lambda dataset: rows)
    with pytest.raises(ReferenceDataError, match=":1: column \\(header\\): expected series,kind"):
        price_series.price_series()
