"""Countries (ISO 3166-1 alpha-2 everywhere), regions with dated memberships, partner codes.

A membership row holds from ``start_date`` to ``end_date`` inclusive (empty end: still a
member). A year stands for its middle, 1 July (as the store queries do): the United Kingdom
is in ``eu28`` in 2019 but not in 2020, Mali is in ``ecowas`` in 2024 but not in 2025.
Dated events of a bloc (the AES charter and confederation treaty, the exit from ECOWAS)
are in ``region_events``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache

from fairmilk.errors import InputError, ReferenceDataError
from fairmilk.reference.catalog import read_rows

REGIONS = ("eu27", "eu28", "ecowas", "waemu", "aes", "west-africa", "euro-area")
# Eurostat writes Greece EL and the United Kingdom UK; ISO says GR and GB.
EUROSTAT_ALIASES = {"EL": "GR", "UK": "GB"}


@dataclass(frozen=True, slots=True)
class Country:
    """One ISO 3166-1 country with its trade-statistics codes and EN/FR names."""

    iso2: str
    iso3: str
    iso_numeric: str
    comext_code: str | None
    comtrade_code: str | None
    name_en: str
    name_fr: str


@dataclass(frozen=True, slots=True)
class Membership:
    """``iso2`` belongs to ``region`` from ``start`` to ``end`` (inclusive; None = open)."""

    region: str
    iso2: str
    start: date
    end: date | None
    source_url: str

    def holds_on(self, day: date) -> bool:
        """Whether the membership holds on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class NonCountryPartner:
    """A partner code that is no country (World, confidential, stores and provisions ...)."""

    source: str
    code: str
    kind: str
    label_en: str
    label_fr: str


@cache
def countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country, sorted by alpha-2 code."""
    return tuple(
        Country(
            iso2=r["iso2"],
            iso3=r["iso3"],
            iso_numeric=r["iso_numeric"],
            comext_code=r["comext_code"] or None,
            comtrade_code=r["comtrade_code"] or None,
            name_en=r["name_en"],
            name_fr=r["name_fr"],
        )
        for r in read_rows("countries")
    )


@cache
def _index() -> dict[str, dict[str, Country]]:
    out: dict[str, dict[str, Country]] = {"iso": {}, "comext": {}, "comtrade": {}}
    for c in countries():
        out["iso"][c.iso2] = c
        out["iso"][c.iso3] = c
        if c.comext_code:
            out["comext"][str(int(c.comext_code))] = c
        if c.comtrade_code:
            out["comtrade"][str(int(c.comtrade_code))] = c
    for alias, iso2 in EUROSTAT_ALIASES.items():
        out["iso"][alias] = out["iso"][iso2]
    return out


def country_by_iso(code: str) -> Country | None:
    """The country for an ISO alpha-2 or alpha-3 code (Eurostat's EL and UK accepted)."""
    return _index()["iso"].get(code.strip().upper())


def _numeric_key(code: str | int) -> str | None:
    text = str(code).strip()
    return str(int(text)) if text.isdigit() else None


def country_by_comext(code: str | int) -> Country | None:
    """The country for a Comext geonomenclature code: numeric ('001', '0003') or alpha."""
    key = _numeric_key(code)
    if key is None:
        return country_by_iso(str(code))
    return _index()["comext"].get(key)


def country_by_comtrade(code: str | int) -> Country | None:
    """The country for a UN Comtrade numeric code (e.g. 251 France, 842 USA)."""
    key = _numeric_key(code)
    return None if key is None else _index()["comtrade"].get(key)


@cache
def non_country_partners() -> tuple[NonCountryPartner, ...]:
    """Partner codes of Comext and Comtrade that are not countries."""
    return tuple(
        NonCountryPartner(r["source"], r["code"], r["kind"], r["label_en"], r["label_fr"])
        for r in read_rows("non_country_partners")
    )


def non_country_partner(source: str, code: str | int) -> NonCountryPartner | None:
    """The non-country partner record for ``code`` in ``source`` (comext|comtrade), or None."""
    text = str(code).strip().upper()
    key = _numeric_key(text) or text
    for p in non_country_partners():
        if p.source == source and p.code == key:
            return p
    return None


@dataclass(frozen=True, slots=True)
class CodeVariant:
    """A historic or variant code of a trade file, dated; ``iso2`` None = not attributed."""

    system: str
    code: str
    iso2: str | None
    valid_from: int | None
    valid_to: int | None
    kind: str


def _year(text: str) -> int | None:
    return int(text) if text.strip() else None


@cache
def code_variants() -> tuple[CodeVariant, ...]:
    """The historic and variant country codes (Comtrade/M49) with the years they are used."""
    return tuple(
        CodeVariant(
            r["system"],
            str(int(r["code"])),
            r["iso2"] or None,
            _year(r["valid_from"]),
            _year(r["valid_to"]),
            r["kind"],
        )
        for r in read_rows("country_code_variants")
    )


NON_COUNTRY_PARTNERS: frozenset[tuple[str, str]] = frozenset(
    (p.source, p.code) for p in non_country_partners()
)


@cache
def memberships() -> tuple[Membership, ...]:
    """Every dated membership row."""
    out = []
    for i, r in enumerate(read_rows("memberships"), start=2):
        try:
            start = date.fromisoformat(r["start_date"])
            end = date.fromisoformat(r["end_date"]) if r["end_date"] else None
        except ValueError as exc:
            raise ReferenceDataError(f"reference/data/memberships.csv:{i}: {exc}") from exc
        out.append(Membership(r["region"], r["iso2"], start, end, r["source_url"]))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class RegionEvent:
    """A dated event of a region (``event``: charter, confederation or withdrawal)."""

    region: str
    event: str
    day: date
    members: frozenset[str]
    source_url: str


EVENTS = ("charter", "confederation", "withdrawal")


@cache
def region_events() -> tuple[RegionEvent, ...]:
    """Every dated event of a region, in date order."""
    out = []
    for i, r in enumerate(read_rows("region_events"), start=2):
        where = f"reference/data/region_events.csv:{i}"
        if r["region"] not in REGIONS or r["event"] not in EVENTS:
            raise ReferenceDataError(
                f"{where}: field region/event: expected a region of {', '.join(REGIONS)} and "
                f"an event of {', '.join(EVENTS)}, found {r['region']!r}/{r['event']!r}"
            )
        try:
            day = date.fromisoformat(r["date"])
        except ValueError as exc:
            raise ReferenceDataError(f"{where}: field date: {exc}") from exc
        codes = frozenset(c.strip() for c in r["members"].split(";") if c.strip())
        out.append(RegionEvent(r["region"], r["event"], day, codes, r["source_url"]))
    return tuple(sorted(out, key=lambda e: e.day))


def _day(when: date | int) -> date:
    return date(when, 7, 1) if isinstance(when, int) else when


def members(region: str, when: date | int) -> frozenset[str]:
    """The ISO alpha-2 codes in ``region`` on a date (a year means its 1 July)."""
    key = region.strip().lower()
    if key not in REGIONS:
        raise InputError("unknown region", expected=f"one of {', '.join(REGIONS)}", found=region)
    day = _day(when)
    return frozenset(m.iso2 for m in memberships() if m.region == key and m.holds_on(day))


def resolve_geo(text: str, when: date | int | None = None) -> frozenset[str]:
    """ISO codes for an ISO2/ISO3 code or a region id (case-insensitive); today if no date."""
    key = text.strip()
    if key.lower() in REGIONS:
        return members(key, when if when is not None else date.today())
    country = country_by_iso(key) if len(key) in (2, 3) and key.isalpha() else None
    if country is None:
        raise InputError(
            "unknown country or region",
            expected=f"an ISO 3166 alpha-2/alpha-3 code or one of {', '.join(REGIONS)}",
            found=text,
        )
    return frozenset({country.iso2})
