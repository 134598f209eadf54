"""The DuckDB store: its schema, the one write path, and idempotent loads by vintage."""

from fairmilk.store.db import open_store, schema_version, transaction

__all__ = ["open_store", "schema_version", "transaction"]
