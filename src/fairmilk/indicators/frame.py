"""An executed indicator table with its sources, and the Ibis backend over the store.

Ibis and DuckDB are imported only when a function needs them, so that modules which only
use ``Frame`` (and the command line) start quickly.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias
from uuid import uuid4

if TYPE_CHECKING:
    import duckdb
    import ibis
    from ibis.backends.duckdb import Backend

Con: TypeAlias = "duckdb.DuckDBPyConnection | Backend"


@dataclass(slots=True)
class Frame:
    """Columns and rows of an indicator, with its title, sources and notes."""

    title: str
    columns: list[str]
    rows: list[tuple[Any, ...]]
    sources: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    synthetic: bool = False

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        i = self.columns.index(name)
        return [row[i] for row in self.rows]


def backend(con: Con) -> Backend:
    """The Ibis DuckDB backend over a store connection (or the backend itself)."""
    import ibis
    from ibis.backends.duckdb import Backend

    if isinstance(con, Backend):
        return con
    return ibis.duckdb.from_connection(con)


def _plain(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def execute(
    expr: ibis.Table,
    *,
    title: str,
    sources: list[str] | None = None,
    notes: list[str] | None = None,
    synthetic: bool = False,
) -> Frame:
    """Run an Ibis table and return its rows as a ``Frame`` (NaN becomes None)."""
    arrow = expr.to_pyarrow()
    columns = list(arrow.column_names)
    data = [arrow.column(name).to_pylist() for name in columns]
    rows = [tuple(_plain(col[i]) for col in data) for i in range(arrow.num_rows)]
    return Frame(title, columns, rows, list(sources or []), list(notes or []), synthetic)


@contextmanager
def materialised(db: Backend, expr: ibis.Table) -> Iterator[ibis.Table]:
    """Hold expr in a temporary table while the block runs (compiles its SQL only once)."""
    import ibis

    name = f"_fairmilk_{uuid4().hex}"
    sql = ibis.to_sql(expr, dialect="duckdb")
    db.raw_sql(f'CREATE TEMP TABLE "{name}" AS {sql}')
    try:
        yield db.table(name)
    finally:
        db.raw_sql(f'DROP TABLE IF EXISTS temp.main."{name}"')
