"""The indicators are Ibis expressions: they compile for SQL engines other than DuckDB.

docs/engines.md lists these dialects as expected to work; Spark runs them (tests/engines).
"""

from __future__ import annotations

import duckdb
import ibis
import pytest

from fairmilk.indicators.dependency import import_dependency
from fairmilk.indicators.ffmp import ffmp_powder_share
from fairmilk.indicators.frame import backend
from fairmilk.indicators.trade import trade_table
from fairmilk.store.current import prices_current


@pytest.mark.parametrize("dialect", ["postgres", "trino", "bigquery"])
def test_compiles_for_other_engines(con: duckdb.DuckDBPyConnection, dialect: str) -> None:
    exprs = [
        trade_table(con, exporters=["eu27"], destinations=["west-africa"], by=("year", "region")),
        ffmp_powder_share(con),
        import_dependency(con),
    ]
    for expr in exprs:
        sql = ibis.to_sql(expr, dialect=dialect)
        assert "trade_flows" in sql or "observations" in sql
        assert "ref_memberships" in sql  # regions are resolved in the query, by date
    prices = prices_current(backend(con))
    assert "is_current" in ibis.to_sql(prices.filter(prices.geo == "SN"), dialect=dialect)
