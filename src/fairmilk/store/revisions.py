"""Which loaded files a new trade file revises: by coverage, never by a shared name alone.

A file covers cells: (reporter, year, month, flow) of its stored rows (month 0 for annual
rows). A new file replaces (as their revision) the current files of its source whose cells
it shares, provided it covers every cell of each of them. A file that shares some cells of
a loaded file without covering all of them is refused: it is not a revision (a 2-row file
with the first and last month of a 6-year file must not replace the 6 years), and loading
it beside the other would count the shared cells twice.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from fairmilk.errors import InputError
from fairmilk.ingest.literals import sql_string, sql_value


@dataclass(frozen=True, slots=True)
class Overlap:
    """A current file whose cells the new file shares: how many it has, how many are covered."""

    file_id: str
    file_name: str
    dataset_key: str
    cells: int
    covered: int


def overlaps(
    con: duckdb.DuckDBPyConnection, file_id: str, *, source: str, synthetic: bool
) -> list[Overlap]:
    """The other current files of ``source`` that share a cell with ``file_id``'s rows."""
    rows = con.execute(
        f"""
        WITH cell AS (
            SELECT DISTINCT file_id, reporter, year, coalesce(month, 0) AS month, flow
            FROM trade_flows
            WHERE file_id IN (SELECT file_id FROM source_files
                              WHERE source = {sql_string(source)}
                                AND synthetic = {sql_value(synthetic)} AND is_current)
        ),
        new AS (SELECT * FROM cell WHERE file_id = {sql_string(file_id)}),
        old AS (SELECT * FROM cell WHERE file_id <> {sql_string(file_id)})
        SELECT o.file_id, any_value(f.file_name), any_value(f.dataset_key),
               count(*), count(n.file_id)
        FROM old o
        JOIN source_files f USING (file_id)
        LEFT JOIN new n USING (reporter, year, month, flow)
        GROUP BY o.file_id
        HAVING count(n.file_id) > 0
        ORDER BY o.file_id
        """
    ).fetchall()
    return [Overlap(str(r[0]), str(r[1]), str(r[2]), int(r[3]), int(r[4])) for r in rows]


def check_revision(found: list[Overlap], *, shown: str) -> None:
    """Refuse a file that shares cells with a loaded file but does not cover all of them."""
    for o in found:
        if o.covered < o.cells:
            raise InputError(
                f"covers only {o.covered} of the {o.cells} reporter/period/flow cells of the "
                f"loaded file {o.file_name} ({o.dataset_key}): not a revision of it, and "
                "loading both would count the shared cells twice; nothing written",
                file=shown,
                expected="a file that covers every cell of the loaded one, or no shared cell",
            )


def same_key(con: duckdb.DuckDBPyConnection, file_id: str, key: str) -> list[Overlap]:
    """The other current files of dataset ``key``: what a file with a caller's key revises."""
    rows = con.execute(
        "SELECT file_id, file_name, dataset_key FROM source_files "
        f"WHERE dataset_key = {sql_string(key)} AND is_current "
        f"AND file_id <> {sql_string(file_id)} ORDER BY file_id"
    ).fetchall()
    return [Overlap(str(r[0]), str(r[1]), str(r[2]), 0, 0) for r in rows]
