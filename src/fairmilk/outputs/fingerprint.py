"""The store's fingerprint: a few cheap aggregates that change whenever its content does.

Two parts, so that a write invalidates only the answers that depend on it:

* ``data``: the program version and schema, every loaded file (vintage) with its id,
  current flag and load time (trade, reference and price files), and the number of price
  and observation rows (embedded price rows are reloaded without a file record);
* ``register``: the published register submissions and field observations (count and a
  hash of their ids, contents and moderation times).

The web app puts the parts a view depends on into its cache keys (see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from fairmilk import __version__

DATA_SQL = (
    "(SELECT count(*) || ':' || coalesce(sum(hash(file_id, is_current, finished_at)), 0) "
    "FROM source_files) || '|' || (SELECT count(*) FROM prices) || '|' "
    "|| (SELECT count(*) FROM observations)"
)
REGISTER_TABLES = ("register_published_submissions", "register_published_observations")
PUBLISHED = (
    "SELECT count(*) || ':' || coalesce(sum(hash(id, content_sha256, moderated_at)), 0) "
    "FROM {table}"
)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The store state, part by part (each part a short string)."""

    data: str
    register: str

    def part(self, *names: str) -> tuple[str, ...]:
        """The named parts, in the order given (for a cache key)."""
        return tuple(getattr(self, name) for name in names)


def fingerprint_sql(con: duckdb.DuckDBPyConnection) -> str:
    """The one query that reads the fingerprint of this store (its tables as they exist)."""
    found = {
        str(name)
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    data = DATA_SQL if {"source_files", "prices", "observations"} <= found else "''"
    register = [f"({PUBLISHED.format(table=t)})" for t in REGISTER_TABLES if t in found]
    joined = " || ';' || ".join(register) or "''"
    return f"SELECT {data}, {joined}"


def read_fingerprint(con: duckdb.DuckDBPyConnection, sql: str, *, schema: str) -> Fingerprint:
    """Run ``sql`` (from :func:`fingerprint_sql`) and name the store state it returns."""
    row = con.execute(sql).fetchone()
    data, register = (str(v) for v in row) if row else ("", "")
    return Fingerprint(f"{__version__}|{schema}|{data}", register)
