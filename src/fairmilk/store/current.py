"""The current-vintage views of the store, defined once as Ibis expressions.

Indicators read these expressions on whichever engine holds the tables (the DuckDB store, or
Spark over the store's tables exported as Parquet). The DuckDB store also keeps them as SQL
views, for the pages that query it in SQL: that SQL is compiled from these definitions when
the store is opened for writing (see :func:`view_sql`), never written by hand.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import ibis


class Tables(Protocol):
    """Anything with Ibis tables by name: an Ibis backend, or the unbound tables of a schema."""

    def table(self, name: str, /) -> ibis.Table:
        """The table called ``name``."""
        ...


def trade_current(db: Tables) -> ibis.Table:
    """Trade rows of the current vintage of their file, with the file's synthetic flag."""
    t = db.table("trade_flows")
    f = db.table("source_files")
    files = f.filter(f.is_current).select("file_id", "synthetic")
    return t.join(files, "file_id").select(*t.columns, "synthetic")


def prices_current(db: Tables) -> ibis.Table:
    """Reference price rows (no file), and user rows of the current vintage of their file."""
    p = db.table("prices")
    f = db.table("source_files")
    current = f.filter(f.is_current).file_id
    return p.filter(p.file_id.isnull() | p.file_id.isin(current))


CURRENT_VIEWS: dict[str, Callable[[Tables], ibis.Table]] = {
    "trade_current": trade_current,
    "prices_current": prices_current,
}
# The tables the views read, in the order their views are listed.
VIEW_TABLES = ("trade_flows", "source_files", "prices")


@functools.cache
def view_sql(schemas: tuple[tuple[str, ibis.Schema], ...], *, dialect: str = "duckdb") -> list[str]:
    """``CREATE OR REPLACE VIEW`` statements of the current views over tables of these schemas.

    ``schemas`` pairs each name of VIEW_TABLES with its Ibis schema; the statements are
    compiled once per process for the same schemas.
    """
    import ibis

    by_name = dict(schemas)

    class Unbound:
        def table(self, name: str, /) -> ibis.Table:
            return ibis.table(by_name[name], name=name)

    return [
        f"CREATE OR REPLACE VIEW {name} AS\n{ibis.to_sql(make(Unbound()), dialect=dialect)}"
        for name, make in CURRENT_VIEWS.items()
    ]
