"""An executed indicator table with its sources, and the Ibis backend over the store.

Ibis and DuckDB are imported only when a function needs them, so that modules which only
use ``Frame`` (and the command line) start quickly.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
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
    """The Ibis DuckDB backend over a store connection (or the backend itself).

    Its ``compile`` remembers the SQL of every expression it compiled (see :func:`sql_of`).
    """
    from ibis.backends.duckdb import Backend

    if isinstance(con, Backend):
        return con
    found: Backend = _memo_backend().from_connection(con)
    return found


SQL_MEMO_SIZE = 512
_SQL: OrderedDict[Hashable, str] = OrderedDict()
_SQL_LOCK = threading.Lock()
SQL_MEMO = {"hits": 0, "misses": 0}


def sql_of(key: Hashable, compile_sql: Callable[[], str]) -> str:
    """The SQL compiled for the expression ``key``, compiled once per process.

    Building SQL from an Ibis expression costs ~0.1-0.3 s here; Ibis expressions compare by
    structure, so the same expression built again (another request, another page, after a
    write to the store) reuses its SQL. The SQL depends on the expression only.
    """
    with _SQL_LOCK:
        if key in _SQL:
            _SQL.move_to_end(key)
            SQL_MEMO["hits"] += 1
            return _SQL[key]
    sql = compile_sql()
    with _SQL_LOCK:
        SQL_MEMO["misses"] += 1
        _SQL[key] = sql
        while len(_SQL) > SQL_MEMO_SIZE:
            _SQL.popitem(last=False)
    return sql


@functools.cache
def _memo_backend() -> Any:
    from ibis.backends.duckdb import Backend

    class MemoBackend(Backend):  # type: ignore[misc]
        """The DuckDB backend whose plain ``compile`` (no limit, no parameters) is remembered."""

        def compile(
            self, expr: Any, /, *, limit: Any = None, params: Any = None, pretty: bool = False
        ) -> str:
            """The expression's SQL (from the memo when compiled before)."""
            if limit is not None or params or pretty:
                return str(super().compile(expr, limit=limit, params=params, pretty=pretty))
            return sql_of((type(expr), expr.op()), lambda: str(Backend.compile(self, expr)))

    return MemoBackend


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
    """Hold expr in a temporary table while the block runs (compiles its SQL only once).

    The table is named after its SQL, so expressions built on it are the same from one
    request to the next (and their SQL is remembered); temporary tables belong to one
    connection, so requests on other cursors never see it.
    """
    import duckdb

    sql = db.compile(expr)
    name = f"_fairmilk_{hashlib.sha256(sql.encode()).hexdigest()[:32]}"
    try:
        db.raw_sql(f'CREATE TEMP TABLE "{name}" AS {sql}')
    except duckdb.CatalogException:  # the same table is already held by an outer block
        name = f"_fairmilk_{uuid4().hex}"
        db.raw_sql(f'CREATE TEMP TABLE "{name}" AS {sql}')
    try:
        yield db.table(name)
    finally:
        db.raw_sql(f'DROP TABLE IF EXISTS temp.main."{name}"')
