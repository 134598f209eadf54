"""A result as a terminal table that fits its width (80-100 columns and up).

Numbers are never wrapped: a number column is as wide as its widest cell. Text wraps at
word boundaries. The columns are taken in order while they fit; long texts (notes,
addresses) and the columns that do not fit are left out and named under the table (CSV and
JSON keep every column). Percentages show one decimal here (full precision in CSV and JSON);
headers are the human labels of ``outputs.columns``.
"""

from __future__ import annotations

import math
import os
import shutil
import sys
from decimal import Decimal
from typing import Any

from rich.table import Table

from fairmilk.outputs.columns import header

Rows = list[tuple[Any, ...]]

GAP = "–"
LONG_TEXT = 40  # a text column whose cells run longer than this goes last
MIN_TEXT = 14  # narrowest width a text column is squeezed to
BORDER = 3  # per column: two spaces of padding and one rule
PIPED_WIDTH = 220  # output to a file or pipe without COLUMNS: wide, nothing dropped lightly


def terminal_width() -> int:
    """``COLUMNS`` when set, else the terminal's width, else a wide page for files."""
    raw = os.environ.get("COLUMNS", "")
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    if sys.stdout.isatty():
        return shutil.get_terminal_size((100, 24)).columns
    return PIPED_WIDTH


def is_percent(column: str) -> bool:
    """A column holding percentages or percentage points (``*_pct``, ``*_pp``)."""
    return column.endswith(("_pct", "_pp")) or "_pct_" in column


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def cell_text(value: Any, column: str) -> str:
    """A cell for reading: thousands separators, one decimal for percentages, ``–`` gaps."""
    value = _plain(value)
    if value is None:
        return GAP
    if isinstance(value, bool):
        return "✔" if value else ""
    if isinstance(value, int | float | Decimal) and is_percent(column):
        return f"{float(value):,.1f}"
    if isinstance(value, float):
        if abs(value) >= 1000:
            return f"{value:,.0f}"
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return f"{value:,}" if abs(value) >= 10000 else str(value)
    return str(value)


def _is_number(values: list[Any]) -> bool:
    found = [_plain(v) for v in values if _plain(v) is not None]
    return bool(found) and all(
        isinstance(v, int | float | Decimal) and not isinstance(v, bool) for v in found
    )


def _need(label: str, cells: list[str], numeric: bool) -> int:
    """The narrowest width a column can take: whole numbers, whole header words."""
    word = max((len(w) for w in label.split()), default=1)
    widest = max((len(c) for c in cells), default=1)
    if numeric:
        return max(word, widest)
    return max(word, min(widest, MIN_TEXT))


def plan(
    columns: list[str], rows: Rows, width: int, lang: str = "en"
) -> tuple[dict[int, int], list[str]]:
    """({index: width} of the columns shown, names of those left out) for a table of ``width``.

    Columns come in order, long texts last, while they fit at their narrowest; the width
    left over widens the text columns that wrap, up to their widest cell.
    """
    cells = [[cell_text(r[i], c) for r in rows] for i, c in enumerate(columns)]
    numeric = [_is_number([r[i] for r in rows]) for i in range(len(columns))]
    widest = [max((len(t) for t in col), default=1) for col in cells]
    long_text = [not numeric[i] and widest[i] > LONG_TEXT for i in range(len(columns))]
    order = [i for i in range(len(columns)) if not long_text[i]]
    order += [i for i in range(len(columns)) if long_text[i]]
    used, shown = 1, dict[int, int]()
    for i in order:
        need = _need(header(columns[i], lang), cells[i], numeric[i])
        if used + need + BORDER <= width or not shown:
            shown[i] = need
            used += need + BORDER
    for i in sorted(shown):
        grow = min(max(width - used, 0), max(widest[i], len(header(columns[i], lang))) - shown[i])
        if grow > 0 and not numeric[i]:
            shown[i] += grow
            used += grow
    left = [columns[i] for i in range(len(columns)) if i not in shown]
    return dict(sorted(shown.items())), left


def fitted_table(
    title: str, columns: list[str], rows: Rows, *, width: int, lang: str = "en"
) -> tuple[Table, list[str]]:
    """The rich table of the columns that fit, and the names of the columns left out."""
    shown, left = plan(columns, rows, width, lang)
    table = Table(title=title, expand=False)
    for i, size in shown.items():
        numeric = _is_number([r[i] for r in rows])
        table.add_column(header(columns[i], lang), justify="right" if numeric else "left",
                         overflow="fold", width=size)  # fmt: skip
    for row in rows:
        table.add_row(*(cell_text(row[i], columns[i]) for i in shown))
    return table, left
