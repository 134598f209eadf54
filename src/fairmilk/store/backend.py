"""The DuckDB store as an Ibis backend that compiles each expression's SQL once per process.

The indicators take any Ibis backend; a connection to the DuckDB store becomes one here
(``fairmilk.indicators.frame.backend`` calls :func:`store_backend`). Ibis and DuckDB are
imported only when a function needs them.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import duckdb
    import ibis

StoreConnection: TypeAlias = "duckdb.DuckDBPyConnection"

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
def memo_backend_class() -> Any:
    """The Ibis DuckDB backend class whose plain ``compile`` is remembered (see sql_of)."""
    from ibis.backends.duckdb import Backend

    class MemoBackend(Backend):  # type: ignore[misc]
        """The DuckDB backend whose plain ``compile`` (no limit, no parameters) is remembered."""

        def compile(
            self, expr: Any, /, *, limit: Any = None, params: Any = None, pretty: bool = False
        ) -> str:
            """The expression's SQL (from the memo when compiled before)."""
            if limit is not None or params or pretty:
                return str(super().compile(expr, limit=limit, params=params, pretty=pretty))
            key = (self.dialect, type(expr), expr.op())
            return sql_of(key, lambda: str(Backend.compile(self, expr)))

    return MemoBackend


def store_backend(con: StoreConnection) -> ibis.BaseBackend:
    """The Ibis backend over a connection (or cursor) to the DuckDB store."""
    import duckdb

    if not isinstance(con, duckdb.DuckDBPyConnection):
        raise TypeError(
            f"expected an Ibis backend or a DuckDB store connection, found {type(con).__name__}"
        )
    found: ibis.BaseBackend = memo_backend_class().from_connection(con)
    return found
