"""Which loaded trade files already cover a year: to keep two sources from being added."""

from __future__ import annotations

import duckdb


def real_comext_files_of(con: duckdb.DuckDBPyConnection, year: int, *, besides: str) -> list[str]:
    """Dataset keys of current, real Comext files with rows in ``year``, other than layout
    ``besides`` (a bulk file and an API extract of the same year would be added together)."""
    rows = con.execute(
        "SELECT DISTINCT f.dataset_key FROM trade_flows t JOIN source_files f USING (file_id) "
        "WHERE f.is_current AND f.source = 'comext' AND NOT f.synthetic "
        "AND coalesce(f.layout, '') <> ? AND t.year = ? ORDER BY 1",
        [besides, year],
    ).fetchall()
    return [str(r[0]) for r in rows]
