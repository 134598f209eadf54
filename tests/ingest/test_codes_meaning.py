"""The codes a trade file is checked against, from what they mean: zero-padded codes without
their zeros, Eurostat's aliases, dated former codes, a former country attributed to none."""

from __future__ import annotations

from fairmilk.ingest.codes import country_codes, headings
from fairmilk.reference.geo import countries


def test_each_country_under_its_three_systems_without_leading_zeros() -> None:
    codes = set(country_codes())
    # Senegal: ISO SN, Comext 0248, Comtrade 686; France: Comext 001, Comtrade 251
    assert {("iso2", "SN", "SN", None, None), ("comext", "248", "SN", None, None),
            ("m49", "686", "SN", None, None), ("comext", "1", "FR", None, None),
            ("m49", "251", "FR", None, None), ("m49", "4", "AF", None, None)} <= codes  # fmt: skip
    assert not any(code.startswith("0") for _s, code, _c, _f, _t in codes)


def test_a_country_without_a_comext_code_has_no_comext_row() -> None:
    afghanistan = [r for r in country_codes() if r[2] == "AF"]
    assert afghanistan == [("iso2", "AF", "AF", None, None), ("m49", "4", "AF", None, None)]


def test_every_country_has_its_iso_code() -> None:
    iso = {code for system, code, _c, _f, _t in country_codes() if system == "iso2"}
    assert {c.iso2 for c in countries()} | {"EL", "UK"} == iso


def test_eurostat_aliases_for_greece_and_the_united_kingdom() -> None:
    codes = set(country_codes())
    assert ("iso2", "EL", "GR", None, None) in codes
    assert ("iso2", "UK", "GB", None, None) in codes


def test_variant_and_former_codes_keep_their_years_and_successor() -> None:
    codes = set(country_codes())
    assert ("m49", "381", "IT", None, None) in codes  # Comtrade's own code for Italy
    assert ("m49", "280", "DE", None, 1990) in codes  # former West Germany, to 1990
    # East Germany has no single present-day successor: known, attributed to no country
    assert ("m49", "278", "X:278", None, 1990) in codes
    assert ("m49", "890", "X:890", None, 1992) in codes


def test_headings_are_the_distinct_first_four_digits_in_order() -> None:
    assert headings(("190190", "0402", "040221", "040210", "21069098")) == (
        "0402", "1901", "2106")  # fmt: skip
    assert headings(()) == ()
