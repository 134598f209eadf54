"""Countries, regions with dated memberships, geo resolution, partner codes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fairmilk.errors import InputError
from fairmilk.reference import catalog
from fairmilk.reference.geo import (
    NON_COUNTRY_PARTNERS,
    REGIONS,
    countries,
    country_by_comext,
    country_by_comtrade,
    country_by_iso,
    members,
    memberships,
    non_country_partner,
    region_events,
    resolve_geo,
)

WA16 = {
    "BJ", "BF", "CV", "CI", "GM", "GH", "GN", "GW",
    "LR", "ML", "MR", "NE", "NG", "SN", "SL", "TG",
}  # fmt: skip
EU27 = {
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
}  # fmt: skip


def test_every_iso_country_is_there_with_english_and_french_names() -> None:
    rows = countries()
    assert len(rows) == 249
    for c in rows:
        assert len(c.iso2) == 2
        assert len(c.iso3) == 3
        assert len(c.iso_numeric) == 3
        assert c.iso_numeric.isdigit()
        assert c.name_en.strip()
        assert c.name_fr.strip()
    assert country_by_iso("CI").name_fr == "Côte d’Ivoire"  # type: ignore[union-attr]
    assert country_by_iso("de").name_fr == "Allemagne"  # type: ignore[union-attr]


def test_every_region_has_english_and_french_names_and_members() -> None:
    rows = catalog.read_rows("regions")
    assert sorted(r["region"] for r in rows) == sorted(REGIONS)
    for r in rows:
        assert r["name_en"].strip()
        assert r["name_fr"].strip()
        assert members(r["region"], 2024)  # the AES has members from 2023-09-16


@pytest.mark.parametrize(
    ("region", "iso2", "when", "expected"),
    [
        ("ecowas", "ML", date(2024, 12, 31), True),
        ("ecowas", "ML", date(2025, 2, 1), False),
        ("ecowas", "ML", date(2025, 1, 28), True),
        ("ecowas", "ML", date(2025, 1, 29), False),
        ("ecowas", "BF", date(2025, 1, 28), True),
        ("ecowas", "BF", date(2025, 1, 29), False),
        ("ecowas", "NE", date(2025, 1, 28), True),
        ("ecowas", "NE", date(2025, 1, 29), False),
        ("ecowas", "NE", 2025, False),  # a year counts at 1 July
        ("waemu", "NE", date(2025, 1, 29), True),
        ("aes", "ML", date(2023, 9, 15), False),
        ("aes", "ML", date(2023, 9, 16), True),
        ("aes", "BF", 2023, False),  # 1 July 2023 is before the Liptako-Gourma Charter
        ("aes", "NE", 2025, True),
        ("aes", "SN", 2025, False),
        ("ecowas", "MR", 1999, True),
        ("ecowas", "MR", 2001, False),
        ("eu28", "GB", 2019, True),
        ("eu28", "GB", 2021, False),
        ("eu28", "GB", date(2020, 1, 31), True),
        ("eu27", "GB", 2019, False),
        ("eu27", "HR", 2012, False),
        ("eu27", "HR", 2013, True),
        ("waemu", "GW", 1996, False),
        ("waemu", "GW", 1998, True),
        ("waemu", "ML", 2025, True),
        ("west-africa", "MR", 2025, True),
        ("euro-area", "HR", 2022, False),
        ("euro-area", "HR", 2023, True),
    ],
)
def test_dated_membership(region: str, iso2: str, when: date | int, expected: bool) -> None:
    assert (iso2 in members(region, when)) is expected


def test_region_sizes() -> None:
    assert members("eu27", 2024) == frozenset(EU27)
    assert members("eu28", 2019) == frozenset(EU27 | {"GB"})
    assert len(members("eu27", 2000)) == 14
    assert members("west-africa", 2000) == members("west-africa", 2025) == frozenset(WA16)
    assert members("ecowas", 2024) == frozenset(WA16 - {"MR"})
    assert members("ecowas", 2025) == frozenset(WA16 - {"MR", "ML", "BF", "NE"})
    assert members("waemu", 2020) == frozenset({"BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"})


def test_aes_members_and_its_dated_events() -> None:
    assert members("aes", date(2023, 9, 16)) == frozenset({"BF", "ML", "NE"})
    # leaving ECOWAS, the three stay in WAEMU
    assert members("waemu", date(2025, 1, 29)) >= {"BF", "ML", "NE"}
    days = {(e.region, e.event): e.day.isoformat() for e in region_events()}
    assert days == {
        ("aes", "charter"): "2023-09-16",
        ("aes", "confederation"): "2024-07-06",
        ("ecowas", "withdrawal"): "2025-01-29",
    }
    for event in region_events():
        assert event.members == {"BF", "ML", "NE"}
        assert event.source_url.startswith("https://")
    # the last day of membership is the day before the exit takes effect
    last_day = date.fromisoformat(days[("ecowas", "withdrawal")]) - timedelta(days=1)
    ends = {m.iso2: m.end for m in memberships() if m.region == "ecowas" and m.end}
    assert {k: v for k, v in ends.items() if k != "MR"} == dict.fromkeys(
        ("BF", "ML", "NE"), last_day
    )


def test_memberships_name_known_countries_and_sources() -> None:
    for m in memberships():
        assert country_by_iso(m.iso2) is not None, m
        assert m.region in REGIONS
        assert m.end is None or m.start <= m.end
        assert m.source_url.startswith("http")


def test_resolve_geo() -> None:
    assert resolve_geo("sn") == frozenset({"SN"})
    assert resolve_geo("SEN") == frozenset({"SN"})
    assert resolve_geo("EL") == frozenset({"GR"})
    assert resolve_geo("ECOWAS", 2024) == members("ecowas", 2024)
    assert resolve_geo("West-Africa") == frozenset(WA16)


@pytest.mark.parametrize("bad", ["XX", "sahel", "", "12", "Senegal"])
def test_resolve_geo_rejects_unknown_text(bad: str) -> None:
    with pytest.raises(InputError, match="expected an ISO 3166 alpha-2/alpha-3 code or one of"):
        resolve_geo(bad)


def test_members_rejects_an_unknown_region() -> None:
    with pytest.raises(InputError, match="unknown region"):
        members("uemoa", 2020)


def test_comext_codes() -> None:
    assert country_by_comext("001").iso2 == "FR"  # type: ignore[union-attr]
    assert country_by_comext("0003").iso2 == "NL"  # type: ignore[union-attr]
    assert country_by_comext(248).iso2 == "SN"  # type: ignore[union-attr]
    assert country_by_comext("NL").iso2 == "NL"  # type: ignore[union-attr]
    assert country_by_comext("9999") is None
    coded = {c.iso2 for c in countries() if c.comext_code}
    assert EU27 | {"GB"} | WA16 <= coded
    assert len({c.comext_code for c in countries() if c.comext_code}) == len(coded)


@pytest.mark.parametrize(
    ("code", "iso2"),
    [(251, "FR"), ("699", "IN"), (842, "US"), (579, "NO"), (757, "CH"), (686, "SN"), (566, "NG")],
)
def test_comtrade_codes(code: int | str, iso2: str) -> None:
    assert country_by_comtrade(code).iso2 == iso2  # type: ignore[union-attr]


def test_comtrade_exceptions_hide_the_plain_m49_code() -> None:
    assert country_by_comtrade(250) is None
    assert country_by_comtrade(840) is None


def test_non_country_partners() -> None:
    assert ("comtrade", "0") in NON_COUNTRY_PARTNERS
    assert non_country_partner("comtrade", "000").kind == "world"  # type: ignore[union-attr]
    assert non_country_partner("comext", "qx").kind == "confidential"  # type: ignore[union-attr]
    assert non_country_partner("comext", "FR") is None
    for source, code in NON_COUNTRY_PARTNERS:
        assert source in ("comext", "comtrade")
        assert country_by_iso(code) is None or source == "comtrade"
