"""Periods and dated memberships, from what they mean: exact month bounds, mid-dates, leavers."""

from __future__ import annotations

import datetime as dt

import ibis
import pyarrow as pa
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.periods import (
    Period,
    in_period,
    keep_members,
    mid_date,
    parse_period,
    split_geo,
    tag_members,
)


def test_a_year_covers_january_to_december_and_a_month_itself() -> None:
    assert (Period(2019).first_key(), Period(2019).last_key()) == (201901, 201912)
    assert (Period(2019, 3).first_key(), Period(2019, 3).last_key()) == (201903, 201903)


@pytest.mark.parametrize(
    ("text", "period"),
    [("2019", Period(2019)), (" 2019-03 ", Period(2019, 3)), (2020, Period(2020)),
     ("2019-01", Period(2019, 1)), ("2019-12", Period(2019, 12))],
)  # fmt: skip
def test_parse_years_and_months(text: str | int, period: Period) -> None:
    assert parse_period(text) == period


def test_a_period_passes_through() -> None:
    p = Period(2018, 6)
    assert parse_period(p) is p


@pytest.mark.parametrize("text", ["2019-00", "2019-13", "19", "2019-3", "2019/03", "x2019", ""])
def test_bad_periods_are_refused_with_name_and_text(text: str) -> None:
    with pytest.raises(ParameterError) as err:
        parse_period(text, name="--from")
    assert str(err.value) == (
        f"--from: expected a year (2019) or a month (2019-03), found {text!r}"
    )


def test_default_name_in_the_message() -> None:
    with pytest.raises(ParameterError, match=r"^period: expected"):
        parse_period("2019-13")


def test_split_geo_countries_iso3_and_regions() -> None:
    isos, regions = split_geo([" sn", "CIV", "ECOWAS", "eu27 "], name="--to")
    assert (isos, regions) == (["SN", "CI"], ["ecowas", "eu27"])


@pytest.mark.parametrize("code", ["XX", "S1", "SENE", "europe", ""])
def test_split_geo_refuses_unknown_codes_naming_what_is_expected(code: str) -> None:
    with pytest.raises(ParameterError) as err:
        split_geo(["SN", code], name="--from")
    assert str(err.value) == (
        "--from: expected an ISO 3166 alpha-2 code or one of eu27, eu28, ecowas, waemu, aes, "
        f"west-africa, euro-area, found {code!r}"
    )


def _rows() -> ibis.Table:
    return ibis.memtable(
        pa.table({"year": pa.array([2019, 2019, 2019, 2020, 2018], pa.int64()),
                  "month": pa.array([None, 1, 12, 1, 12], pa.int64())})
    )  # fmt: skip


def _run(expr: ibis.Table) -> list[tuple[object, ...]]:
    con = ibis.duckdb.connect()
    return [tuple(r.values()) for r in con.to_pyarrow(expr).to_pylist()]


def test_mid_date_is_15th_of_a_month_or_1_july_of_a_year() -> None:
    t = _rows()
    out = _run(t.select(t.year, t.month, when=mid_date(t.year, t.month)))
    got = {(y, None if m is None else int(m)): w for y, m, w in out}
    assert got[(2019, None)] == dt.date(2019, 7, 1)
    assert got[(2019, 1)] == dt.date(2019, 1, 15)
    assert got[(2019, 12)] == dt.date(2019, 12, 15)


def _kept(start: Period | None, end: Period | None) -> list[tuple[int, int | None]]:
    t = _rows()
    out = _run(t.filter(in_period(t.year, t.month, start, end)).select("year", "month"))
    pairs = [(int(y), None if m is None else int(m)) for y, m in out]
    return sorted(pairs, key=lambda p: (p[0], p[1] or 0))


def test_in_period_keeps_whole_periods_only() -> None:
    # a year row lies in 2019-01..2019-12 only when both ends are inclusive
    assert _kept(Period(2019), Period(2019)) == [(2019, None), (2019, 1), (2019, 12)]
    # a year row is not inside a single month of it
    assert _kept(Period(2019, 1), Period(2019, 1)) == [(2019, 1)]
    assert _kept(Period(2019, 12), Period(2020, 1)) == [(2019, 12), (2020, 1)]
    # a year row starting before the start month is left out
    assert _kept(Period(2019, 2), None) == [(2019, 12), (2020, 1)]
    assert _kept(None, Period(2019, 11)) == [(2018, 12), (2019, 1)]
    assert _kept(None, None) == [(2018, 12), (2019, None), (2019, 1), (2019, 12), (2020, 1)]


def _store() -> ibis.BaseBackend:
    con = ibis.duckdb.connect()
    con.create_table(
        "ref_memberships",
        ibis.memtable(pa.table(
            {"region": ["eu28", "eu28", "eu27", "ecowas", "waemu", "eu27"],
             "iso2": ["GB", "FR", "FR", "ML", "ML", "HR"],
             "start_date": [dt.date(1973, 1, 1), dt.date(1958, 1, 1), dt.date(1958, 1, 1),
                            dt.date(1975, 5, 28), dt.date(1994, 1, 10), dt.date(2013, 7, 1)],
             "end_date": [dt.date(2020, 1, 31), None, None, dt.date(2025, 1, 29), None, None]}
        )),
    )  # fmt: skip
    return con


def _flows() -> ibis.Table:
    return ibis.memtable(pa.table(
        {"geo": ["GB", "GB", "FR", "ML", "ML", "SN", "GB", "HR", "HR", "SN"],
         "when": [dt.date(2020, 1, 31), dt.date(2020, 2, 1), dt.date(2021, 7, 1),
                  dt.date(2025, 1, 29), dt.date(2025, 1, 30), dt.date(2021, 7, 1),
                  dt.date(1972, 12, 31), dt.date(2013, 7, 1), dt.date(2013, 6, 30),
                  dt.date(2021, 7, 1)]}
    ))  # fmt: skip


def _pairs(con: ibis.BaseBackend, expr: ibis.Table, *cols: str) -> list[tuple[object, ...]]:
    return sorted(tuple(r.values()) for r in con.to_pyarrow(expr.select(*cols)).to_pylist())


def test_keep_members_by_date_inclusive_and_direct_countries() -> None:
    con = _store()
    kept = keep_members(con, _flows(), "geo", [], ["eu28"])
    # GB is a member up to and including its end date, not before it joined nor after it left
    assert _pairs(con, kept, "geo", "when") == [
        ("FR", dt.date(2021, 7, 1)), ("GB", dt.date(2020, 1, 31))]  # fmt: skip
    # a member from its first day (Croatia joined on 1 July 2013, the mid-date of 2013)
    joined = keep_members(con, _flows(), "geo", [], ["eu27"])
    assert _pairs(con, joined, "geo", "when") == [
        ("FR", dt.date(2021, 7, 1)), ("HR", dt.date(2013, 7, 1))]  # fmt: skip
    # two identical rows stay two rows
    kept = keep_members(con, _flows(), "geo", ["SN"], ["ecowas"])
    assert _pairs(con, kept, "geo", "when") == [
        ("ML", dt.date(2025, 1, 29)), ("SN", dt.date(2021, 7, 1)),
        ("SN", dt.date(2021, 7, 1))]  # fmt: skip
    only = keep_members(con, _flows(), "geo", ["SN", "ML"], [])
    assert len(_pairs(con, only, "geo", "when")) == 4


def test_a_country_asked_for_and_in_a_region_is_counted_once() -> None:
    con = _store()
    kept = keep_members(con, _flows(), "geo", ["ML"], ["ecowas"])
    assert _pairs(con, kept, "geo", "when") == [
        ("ML", dt.date(2025, 1, 29)), ("ML", dt.date(2025, 1, 30))]  # fmt: skip


def test_tag_members_once_per_region_and_countries_under_their_own_code() -> None:
    con = _store()
    tagged = tag_members(con, _flows(), "geo", ["SN"], ["eu27", "eu28", "ecowas", "waemu"])
    assert _pairs(con, tagged, "region", "geo", "when") == [
        ("SN", "SN", dt.date(2021, 7, 1)),
        ("SN", "SN", dt.date(2021, 7, 1)),
        ("ecowas", "ML", dt.date(2025, 1, 29)),
        ("eu27", "FR", dt.date(2021, 7, 1)),
        ("eu27", "HR", dt.date(2013, 7, 1)),
        ("eu28", "FR", dt.date(2021, 7, 1)),
        ("eu28", "GB", dt.date(2020, 1, 31)),
        ("waemu", "ML", dt.date(2025, 1, 29)),
        ("waemu", "ML", dt.date(2025, 1, 30)),
    ]
    only_regions = tag_members(con, _flows(), "geo", [], ["ecowas"])
    assert _pairs(con, only_regions, "region", "geo") == [("ecowas", "ML")]
