"""Property tests on generated SYNTHETIC trade rows: totals add up, gaps are never hidden."""

from __future__ import annotations

from typing import Any

import duckdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fairmilk.indicators.trade import trade_frame

ROW = st.tuples(
    st.sampled_from(["IE", "PL", "NL"]),
    st.sampled_from(["SN", "NG", "ML", "CN"]),
    st.sampled_from(["04021019", "04022118", "19019099", "19019095", "04051019", "04061080"]),
    st.integers(2018, 2021),
    st.one_of(st.none(), st.integers(1, 10_000_000)),
    st.integers(1, 50_000_000),
)


def _load(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> None:
    con.execute("DELETE FROM trade_flows")
    con.executemany(
        "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
        "code_system, flow, year, value_eur, quantity_kg) "
        "VALUES ('f19', 'comext', ?, ?, ?, 'CN8', 'export', ?, ?, ?)",
        [(r, p, c, y, float(v), None if q is None else float(q)) for r, p, c, y, q, v in rows],
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(ROW, min_size=1, max_size=25))
def test_totals_and_gaps(fresh_tcon_module: duckdb.DuckDBPyConnection, rows: list[Any]) -> None:
    con = fresh_tcon_module
    _load(con, rows)
    by_cat = trade_frame(con, by=("year", "category")).records()
    by_year = {r["year"]: r for r in trade_frame(con, by=("year",)).records()}
    for year, total in by_year.items():
        mine = [r for r in rows if r[3] == year]
        kg = [r[4] for r in mine if r[4] is not None]
        assert total["tonnes_reported"] == (sum(kg) / 1000 if kg else None)
        assert (total["tonnes"] is None) == any(r[4] is None for r in mine)
        assert total["value_eur"] == sum(float(r[5]) for r in mine)
        parts = [c["value_eur"] for c in by_cat if c["year"] == year]
        assert abs(sum(parts) - total["value_eur"]) < 1e-6 * total["value_eur"]
