"""Periods and dated region memberships as Ibis expressions over the store."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import ibis
from ibis.backends.duckdb import Backend

from fairmilk.errors import ParameterError

REGION_IDS = ("eu27", "eu28", "ecowas", "waemu", "west-africa")
_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_ISO2 = re.compile(r"^[A-Z]{2}$")


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
    """Split codes into ISO2 countries and region ids; reject anything else."""
    isos: list[str] = []
    regions: list[str] = []
    for raw in codes:
        code = raw.strip()
        if code.lower() in REGION_IDS:
            regions.append(code.lower())
        elif _ISO2.match(code.upper()):
            isos.append(code.upper())
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


def memberships(db: Backend, regions: Sequence[str], isos: Sequence[str]) -> ibis.Table:
    """Dated (group, iso2, start_date, end_date) rows: region members plus listed countries."""
    m = db.table("ref_memberships")
    parts = m.filter(m.region.isin(list(regions))).select(
        group=m.region, iso2=m.iso2, start_date=m.start_date, end_date=m.end_date
    )
    if isos:
        own = ibis.memtable(
            {"group": list(isos), "iso2": list(isos)},
            schema={"group": "string", "iso2": "string"},
        )
        own = own.mutate(start_date=ibis.date(1900, 1, 1), end_date=ibis.null().cast("date"))
        nullable = {"group": "string", "iso2": "string", "start_date": "date", "end_date": "date"}
        parts = parts.cast(nullable).union(own.select(*nullable).cast(nullable))
    return parts


def member_predicate(geo: ibis.Value, when: ibis.Value, ms: ibis.Table) -> list[ibis.Value]:
    """Join predicates: geo is a member of ms.group at date when."""
    return [
        geo == ms.iso2,
        ms.start_date <= when,
        ms.end_date.isnull() | (when <= ms.end_date),
    ]
