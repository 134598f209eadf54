"""The web's trade SQL gives the same totals as the trade indicator (fairmilk.indicators.trade).

The web runs its own SQL because compiling the Ibis indicator takes seconds per request;
this test holds the two to the same rules (categories, dated regions, annual before monthly,
gaps stay gaps, sources kept apart).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from fairmilk.indicators.trade import trade_frame
from fairmilk.outputs import queries
from fairmilk.store import open_store

MEASURES = ("tonnes", "value_eur", "milk_equivalent_t")


def _keyed(records: list[dict[str, Any]], by: str) -> dict[tuple[Any, ...], tuple[Any, ...]]:
    out = {}
    for rec in records:
        key = (rec[by], rec["category"], rec["source"])
        out[key] = tuple(None if rec[m] is None else round(rec[m], 6) for m in MEASURES)
    return out


@pytest.mark.parametrize("by", queries.TRADE_GROUPS)
@pytest.mark.parametrize(
    ("exporter", "destination", "flow"),
    [("eu27", "west-africa", "export"), ("all", "all", "export"), ("all", "FR", "import")],
)
def test_web_trade_matches_indicator(
    web_store: Path, by: str, exporter: str, destination: str, flow: str
) -> None:
    con = open_store(web_store, read_only=True)
    try:
        filt = queries.TradeFilter(
            categories=queries.CATEGORIES, exporter=exporter, destination=destination, flow=flow
        )
        mine = queries.trade_table(con, filt, by=by)
        theirs = trade_frame(
            con,
            exporters=None if exporter == "all" else [exporter],
            destinations=None if destination == "all" else [destination],
            categories=list(queries.CATEGORIES),
            flow=flow,
            start=filt.year_from,
            end=filt.year_to,
            by=(by,) if by == "category" else (by, "category"),
        )
    finally:
        con.close()
    assert mine.rows, "the fixture must give rows for every case"
    assert _keyed(mine.records(), by) == _keyed(theirs.records(), by)
