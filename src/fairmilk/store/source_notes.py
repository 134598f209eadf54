"""Provenance notes on a loaded file: producer, URL, licence and a free note."""

from __future__ import annotations

import duckdb


def annotate_source(
    con: duckdb.DuckDBPyConnection,
    file_id: str,
    *,
    producer: str,
    url: str,
    licence: str,
    note: str,
) -> None:
    """Record where a loaded file came from (fills only empty fields)."""
    con.execute(
        "UPDATE source_files SET producer = coalesce(producer, ?), url = coalesce(url, ?), "
        "licence = coalesce(licence, ?), note = coalesce(note, ?) WHERE file_id = ?",
        [producer, url, licence, note, file_id],
    )
