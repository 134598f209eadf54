"""Print an indicator frame: compact columns in a terminal table, every column in CSV or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fairmilk.outputs.tables import Result, print_result

if TYPE_CHECKING:
    from fairmilk.indicators.frame import Frame

HIDDEN_IN_TABLE = ("rows", "synthetic", "sources", "note", "source_url", "method_source")


def compact(result: Result) -> Result:
    """The result for a terminal: no helper columns, no columns that are empty throughout.

    Long per-row texts (notes, URLs) stay in the CSV and JSON output; the sources are listed
    under the table.
    """
    hidden = set(HIDDEN_IN_TABLE) | ({"year", "month"} if "period" in result.columns else set())
    keep = [
        i
        for i, name in enumerate(result.columns)
        if name not in hidden
        and (not result.rows or any(row[i] is not None for row in result.rows))
    ]
    return Result(
        result.title,
        [result.columns[i] for i in keep],
        [tuple(row[i] for i in keep) for row in result.rows],
        result.sources,
        result.notes,
        result.synthetic,
    )


def show(frame: Frame, fmt: str) -> None:
    """Print an indicator frame with its sources (compact columns in table format)."""
    from fairmilk.outputs.exports import to_result

    result = to_result(frame)
    print_result(compact(result) if fmt == "table" else result, fmt)
