"""The trade query object: checked and normalised once, the same as the keyword form."""

from __future__ import annotations

import dataclasses
from typing import Any

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.periods import Period
from fairmilk.indicators.trade import TradeQuery, trade_frame, trade_table
from fairmilk.indicators.trade_query import as_query


def test_normalised_when_made() -> None:
    q = TradeQuery(
        exporters=["eu27"], categories=[], start=2019, end="2020-03", by=["category", "year"]
    )
    assert q.by == ("year", "category")  # GROUP_KEYS order, as the table columns
    assert q.exporters == ("eu27",)
    assert q.destinations is None
    assert q.categories is None  # no categories means all, as before
    assert (q.first, q.last) == (Period(2019), Period(2020, 3))
    assert q == TradeQuery(exporters=("eu27",), start="2019", end=Period(2020, 3), by=q.by)
    assert hash(q) == hash(dataclasses.replace(q))


def test_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        TradeQuery().flow = "import"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"flow": "transit"}, "flow"),
        ({"by": ("week",)}, "by"),
        ({"by": ("month",)}, "by"),
        ({"start": "2019-13"}, "start"),
        ({"end": "last year"}, "end"),
        ({"categories": ["milk"]}, "categories"),
        ({"flow": "transit", "start": "2019-13"}, "flow"),  # checked in the old order
    ],
)
def test_bad_fields_named(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(ParameterError, match=rf"^{field}: "):
        TradeQuery(**kwargs)


def test_keywords_apply_over_a_query() -> None:
    base = TradeQuery(destinations=["SN"], by=("year",))
    assert as_query(base, {}) is base
    assert as_query(base, {"flow": "import"}) == TradeQuery(
        destinations=["SN"], flow="import", by=("year",)
    )
    assert as_query(None, {"start": 2019}) == TradeQuery(start=Period(2019))
    with pytest.raises(ParameterError, match=r"^flow"):
        as_query(base, {"flow": "both"})


def test_query_and_keywords_give_the_same_table(tcon: duckdb.DuckDBPyConnection) -> None:
    kwargs: dict[str, Any] = {"destinations": ["SN"], "start": 2019, "end": 2019, "by": ("year",)}
    by_keywords = trade_frame(tcon, **kwargs).records()
    query = TradeQuery(destinations=["SN"], by=("year",))
    assert trade_frame(tcon, query, start=2019, end=2019).records() == by_keywords
    assert trade_frame(tcon, TradeQuery(**kwargs)).records() == by_keywords
    assert by_keywords  # the fixture has Senegal rows in 2019


def test_geo_ids_checked_when_read(tcon: duckdb.DuckDBPyConnection) -> None:
    query = TradeQuery(destinations=["Senegal"])  # resolved against regions with the rows
    with pytest.raises(ParameterError, match=r"^destinations"):
        trade_table(tcon, query)


def test_ffmp_defaults_and_explicit_none(tcon: duckdb.DuckDBPyConnection) -> None:
    default = ffmp_frame(tcon).records()
    explicit = ffmp_frame(tcon, exporters=["eu27"], destinations=["west-africa"]).records()
    assert default == explicit
    anywhere = ffmp_frame(tcon, exporters=None, destinations=None).records()
    assert sum(r["code_tonnes"] or 0 for r in anywhere) >= sum(
        r["code_tonnes"] or 0 for r in default
    )
