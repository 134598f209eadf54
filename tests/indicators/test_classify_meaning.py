"""Product categories from what they mean: the longest prefix valid in the row's year wins,
a CN prefix beats an HS prefix of the same length, HS prefixes classify CN8 codes but CN
prefixes never classify HS6 codes, and an unknown code has no category (never a guess)."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.indicators.classify import categorised, code_categories
from fairmilk.store.backend import store_backend

# prefix, system, category, valid_from, valid_to, ffmp_role -- SYNTHETIC
PRODUCTS = [
    ("0402", "HS", "other", 1988, 9999, "none"),
    ("040210", "HS", "smp", 1988, 9999, "none"),
    ("040210", "CN", "smp_cn", 1988, 9999, "none"),
    ("19019099", "CN", "ffmp", 2010, 2019, "carrier"),
    ("19019095", "CN", "ffmp", 2020, 9999, "ffmp"),
    ("190190", "HS", "prep", 1988, 9999, "none"),
    ("0406", "HS", "b_cheese", 1988, 9999, "none"),
    ("0406", "HS", "a_cheese", 1988, 9999, "none"),
]
CATEGORIES = [("smp_cn", 7.6), ("ffmp", 3.0), ("prep", None), ("a_cheese", 4.5), ("smp", 7.0)]
# product_code, code_system, year, file (f1 current, f0 superseded)
FLOWS = [
    ("04021019", "CN8", 2019, "f1"), ("040210", "HS6", 2019, "f1"),
    ("04022110", "CN8", 2019, "f1"), ("19019099", "CN8", 2019, "f1"),
    ("19019099", "CN8", 2020, "f1"), ("19019095", "CN8", 2020, "f1"),
    ("19019095", "CN8", 2019, "f1"), ("190190", "HS6", 2020, "f1"),
    ("04061020", "CN8", 2019, "f1"), ("84713000", "CN8", 2019, "f1"),
    ("19019099", "CN8", 2010, "f1"), ("04021019", "CN8", 2018, "f0"),
]  # fmt: skip


@pytest.fixture
def db(con: duckdb.DuckDBPyConnection) -> object:
    for file_id, current in (("f1", True), ("f0", False)):
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, synthetic) VALUES (?, 'comext', ?, 1, ?, ?, 1, false)",
            [file_id, f"comext:{file_id}", current, f"{file_id}.dat"],
        )
    for prefix, system, category, start, end, role in PRODUCTS:
        con.execute(
            "INSERT INTO ref_products (prefix, code_system, category, valid_from, valid_to, "
            "ffmp_role, label_en, label_fr, source_url) VALUES (?, ?, ?, ?, ?, ?, 'x', 'x', 'u')",
            [prefix, system, category, start, end, role],
        )
    for category, factor in CATEGORIES:
        con.execute(
            "INSERT INTO ref_categories (category, name_en, name_fr, is_powder, me_factor, "
            "me_source_url) VALUES (?, 'x', 'x', true, ?, ?)",
            [category, factor, f"https://me/{category}"],
        )
    for i, (code, system, year, file_id) in enumerate(FLOWS):
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, month, value_eur, value_usd, quantity_kg) "
            "VALUES (?, 'comext', 'FR', 'SN', ?, ?, 'export', ?, NULL, ?, NULL, 1)",
            [file_id, code, system, year, float(i)],
        )
    return store_backend(con)


def test_the_longest_prefix_valid_in_the_year_wins(db: object) -> None:
    rows = code_categories(db).to_pyarrow().to_pylist()  # type: ignore[arg-type]
    got = {(r["product_code"], r["code_system"], r["year"]): (r["category"], r["ffmp_role"])
           for r in rows}  # fmt: skip
    assert got[("04021019", "CN8", 2019)] == ("smp_cn", "none")  # CN beats HS at 6 digits
    assert got[("040210", "HS6", 2019)] == ("smp", "none")  # a CN prefix never applies to HS
    assert got[("04022110", "CN8", 2019)] == ("other", "none")  # only the heading matches
    assert got[("19019099", "CN8", 2019)] == ("ffmp", "carrier")  # last valid year
    assert got[("19019099", "CN8", 2010)] == ("ffmp", "carrier")  # first valid year
    assert got[("19019099", "CN8", 2020)] == ("prep", "none")  # after: the HS6 subheading
    assert got[("19019095", "CN8", 2020)] == ("ffmp", "ffmp")  # first valid year
    assert got[("19019095", "CN8", 2019)] == ("prep", "none")  # before its first year
    assert got[("190190", "HS6", 2020)] == ("prep", "none")
    assert got[("04061020", "CN8", 2019)] == ("a_cheese", "none")  # a tie: by category id
    assert ("84713000", "CN8", 2019) not in got
    assert ("04021019", "CN8", 2018) not in got  # only current files are read
    assert len(rows) == len(got) == 10


def test_each_current_row_gets_its_category_and_factor_or_a_gap(db: object) -> None:
    rows = categorised(db).to_pyarrow().to_pylist()  # type: ignore[arg-type]
    by_value = {int(r["value_eur"]): r for r in rows}
    assert len(rows) == 11  # the superseded file's row is left out
    first = by_value[0]
    assert (first["category"], first["ffmp_role"], first["me_factor"]) == ("smp_cn", "none", 7.6)
    assert first["me_source_url"] == "https://me/smp_cn"
    assert (by_value[1]["category"], by_value[1]["me_factor"]) == ("smp", 7.0)
    assert (by_value[2]["category"], by_value[2]["me_factor"]) == ("other", None)  # no factor
    assert (by_value[7]["category"], by_value[7]["me_factor"]) == ("prep", None)
    unknown = by_value[9]
    assert (unknown["category"], unknown["ffmp_role"], unknown["me_factor"]) == (None, None, None)
    assert (first["reporter"], first["partner"], first["year"]) == ("FR", "SN", 2019)
