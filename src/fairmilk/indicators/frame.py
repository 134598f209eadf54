"""An executed indicator table with its sources, and the Ibis backend the indicators run on.

The indicators take any Ibis backend (DuckDB, Spark, ...); a connection to the DuckDB store is
turned into one by the store (``fairmilk.store.backend``). Ibis is imported only when a
function needs it, so that modules which only use ``Frame`` (and the command line) start
quickly.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeAlias
from uuid import uuid4

if TYPE_CHECKING:
    import ibis

    from fairmilk.store.backend import StoreConnection

# What the indicators accept: any Ibis backend, or a connection to the DuckDB store.
Con: TypeAlias = "ibis.BaseBackend | StoreConnection"


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


def backend(con: Con) -> ibis.BaseBackend:
    """The Ibis backend to run on: ``con`` itself, or the backend over a store connection."""
    import ibis

    if isinstance(con, ibis.BaseBackend):
        return con
    from fairmilk.store.backend import store_backend

    return store_backend(con)


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
    rows = rows_of(expr)
    columns = list(expr.columns)
    return Frame(title, columns, rows, list(sources or []), list(notes or []), synthetic)


def rows_of(expr: ibis.Table) -> list[tuple[Any, ...]]:
    """Run an Ibis table and return its rows as plain Python tuples (NaN becomes None)."""
    arrow = expr.to_pyarrow()
    data = [column.to_pylist() for column in arrow.columns]
    return [tuple(_plain(col[i]) for col in data) for i in range(arrow.num_rows)]


@contextmanager
def materialised(db: ibis.BaseBackend, expr: ibis.Table) -> Iterator[ibis.Table]:
    """Hold expr in a temporary table while the block runs (computes it only once).

    The table is named after its SQL, so expressions built on it are the same from one
    request to the next (and their SQL is remembered); temporary tables belong to one
    connection, so requests on other cursors never see it. An engine without temporary
    tables (Spark) holds the result in Ibis's cache instead.
    """
    held = _temporary(db, expr)
    if held is None:
        with expr.cache() as cached:
            yield cached
        return
    where = held.op().namespace
    database = (where.catalog, where.database) if where.database else None
    try:
        yield held
    finally:
        db.drop_table(held.op().name, database=database, force=True)


def _temporary(db: ibis.BaseBackend, expr: ibis.Table) -> ibis.Table | None:
    """expr as a temporary table named after its SQL, or None where the engine has none."""
    name = f"_fairmilk_{hashlib.sha256(str(db.compile(expr)).encode()).hexdigest()[:32]}"
    try:
        return db.create_table(name, expr, temp=True)
    except NotImplementedError:
        return None
    except Exception:  # the name is held by an outer block on this connection: another name
        return db.create_table(f"_fairmilk_{uuid4().hex}", expr, temp=True)
