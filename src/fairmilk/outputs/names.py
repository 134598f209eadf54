"""Reader names of product categories: ids to names in the reader's language."""

from __future__ import annotations

import duckdb

from fairmilk.outputs.i18n import pick
from fairmilk.outputs.tables import Result


def category_names(con: duckdb.DuckDBPyConnection, lang: str) -> dict[str, str]:
    """Category id → its name in ``lang``, from the reference table."""
    found = con.execute("SELECT category, name_en, name_fr FROM ref_categories").fetchall()
    return {str(c): pick(lang, en, fr) for c, en, fr in found}


def with_names(result: Result, names: dict[str, str]) -> Result:
    """The result with a ``product`` column: each category's name in the page language."""
    idx = result.columns.index("category")
    new_rows = [(*r, names.get(str(r[idx]), str(r[idx]))) for r in result.rows]
    return Result(
        result.title,
        [*result.columns, "product"],
        new_rows,
        result.sources,
        result.notes,
        result.synthetic,
    )
