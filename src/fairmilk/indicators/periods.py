"""Periods and dated region memberships as Ibis expressions over the store."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ibis

from fairmilk.errors import ParameterError
from fairmilk.reference.geo import REGIONS, country_by_iso

REGION_IDS = REGIONS
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


@dataclass(frozen=True, slots=True)
class Period:
    """A year or a month, as given on the command line ('2019' or '2019-03')."""

    year: int
    month: int | None = None

    def first_key(self) -> int:
        """The first month covered, as YYYYMM."""
        return self.year * 100 + (self.month or 1)

    def last_key(self) -> int:
        """The last month covered, as YYYYMM."""
        return self.year * 100 + (self.month or 12)


def parse_period(text: str | int | Period, *, name: str = "period") -> Period:
    """Parse '2019' or '2019-03' (or pass a Period through)."""
    if isinstance(text, Period):
        return text
    match = _PERIOD.match(str(text).strip())
    if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
        raise ParameterError(f"{name}: expected a year (2019) or a month (2019-03), found {text!r}")
    month = int(match.group(2)) if match.group(2) else None
    return Period(int(match.group(1)), month)


def split_geo(codes: Sequence[str], *, name: str) -> tuple[list[str], list[str]]:
    """Split codes into ISO2 countries (ISO3 accepted) and region ids; reject anything else."""
    isos: list[str] = []
    regions: list[str] = []
    for raw in codes:
        code = raw.strip()
        country = country_by_iso(code) if len(code) in (2, 3) and code.isalpha() else None
        if code.lower() in REGION_IDS:
            regions.append(code.lower())
        elif country is not None:
            isos.append(country.iso2)
        else:
            expected = "an ISO 3166 alpha-2 code or one of " + ", ".join(REGION_IDS)
            raise ParameterError(f"{name}: expected {expected}, found {raw!r}")
    return isos, regions


def mid_date(year: ibis.Value, month: ibis.Value) -> ibis.Value:
    """The middle of a period: the 15th of a month, or 1 July of a year (month NULL)."""
    monthly = ibis.date(year.cast("int32"), month.cast("int32"), 15)
    annual = ibis.date(year.cast("int32"), 7, 1)
    return ibis.ifelse(month.isnull(), annual, monthly)


def in_period(
    year: ibis.Value, month: ibis.Value, start: Period | None, end: Period | None
) -> ibis.Value:
    """True when the row's whole period lies between start and end (inclusive)."""
    first = year.cast("int32") * 100 + month.cast("int32").fill_null(1)
    last = year.cast("int32") * 100 + month.cast("int32").fill_null(12)
    cond = ibis.literal(True)
    if start is not None:
        cond &= first >= start.first_key()
    if end is not None:
        cond &= last <= end.last_key()
    return cond


def memberships(db: ibis.BaseBackend, regions: Sequence[str]) -> ibis.Table:
    """Dated (group, iso2, start_date, end_date) rows of the members of the regions."""
    m = db.table("ref_memberships")
    return m.filter(m.region.isin(list(regions))).select(
        group=m.region, iso2=m.iso2, start_date=m.start_date, end_date=m.end_date
    )


def member_predicate(geo: ibis.Value, when: ibis.Value, ms: ibis.Table) -> list[ibis.Value]:
    """Join predicates: geo is a member of ms.group at date when."""
    return [
        geo == ms.iso2,
        ms.start_date <= when,
        ms.end_date.isnull() | (when <= ms.end_date),
    ]


def keep_members(
    db: ibis.BaseBackend, t: ibis.Table, geo: str, isos: Sequence[str], regions: Sequence[str]
) -> ibis.Table:
    """Rows whose geo column is one of isos or, at the row's date (t.when), in a region."""
    direct = t.filter(t[geo].isin(list(isos)))
    if not regions:
        return direct
    ms = memberships(db, regions)
    rest = t.filter(~t[geo].isin(list(isos)))
    via = rest.semi_join(ms, member_predicate(rest[geo], rest.when, ms))
    return direct.union(via, distinct=False) if isos else via


def tag_members(
    db: ibis.BaseBackend, t: ibis.Table, geo: str, isos: Sequence[str], regions: Sequence[str]
) -> ibis.Table:
    """Rows with a region column: once per region the geo belongs to, or its own code."""
    ms = memberships(db, regions)
    joined = t.join(ms, member_predicate(t[geo], t.when, ms))
    via = joined.select(t, region=ms.group.cast("string"))
    if not isos:
        return via
    direct = t.filter(t[geo].isin(list(isos)))
    return via.union(direct.mutate(region=direct[geo].cast("string")), distinct=False)
