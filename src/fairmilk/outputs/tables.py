"""A sourced result table, and its rendering as a terminal table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from rich.console import Console

from fairmilk.indicators.frame import Frame
from fairmilk.outputs.i18n import DEFAULT_LANG, gettext, localise
from fairmilk.outputs.terminal import fitted_table, terminal_width
from fairmilk.text import Msg

FORMATS = ("table", "csv", "json")

LEFT_OUT = "Not shown at this width: {columns} (wider terminal, or -f csv / -f json for all)."
SYNTHETIC_NOTE = "SYNTHETIC DATA: includes synthetic demonstration rows, not real figures."


@dataclass(slots=True)
class Result(Frame):
    """A table as readers get it: an indicator ``Frame`` whose notes carry the synthetic label.

    ``lang`` is the language of its reader-facing text (title, notes, text cells).
    """

    lang: str = DEFAULT_LANG

    def all_notes(self) -> list[str]:
        """The notes in ``lang``, with the synthetic-data warning first when it applies."""
        head = [gettext(self.lang, SYNTHETIC_NOTE)] if self.synthetic else []
        return head + [str(localise(n, self.lang)) for n in self.notes]


def localised(frame: Frame, lang: str, *, title: str | None = None) -> Result:
    """The frame as a Result in ``lang``: its title, notes and text cells (``Msg``) translated.

    ``title`` replaces the frame's own title (a page may name the table its own way).
    """
    rows = frame.rows
    if lang != DEFAULT_LANG and any(isinstance(v, Msg) for row in rows for v in row):
        rows = [tuple(localise(v, lang) for v in row) for row in rows]
    return Result(
        str(localise(frame.title if title is None else title, lang)),
        list(frame.columns),
        rows,
        list(frame.sources),
        [str(localise(n, lang)) for n in frame.notes],
        frame.synthetic,
        lang,
    )


def _plain(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def to_json(result: Result) -> str:
    """The result as a JSON document: data with its title, sources and notes."""
    payload = {
        "title": result.title,
        "columns": result.columns,
        "data": [{k: _plain(v) for k, v in rec.items()} for rec in result.records()],
        "sources": result.sources,
        "notes": result.all_notes(),
        "synthetic": result.synthetic,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """A text cell a spreadsheet will not run as a formula: one starting with = + - @, a tab
    or a carriage return gets a leading apostrophe (numbers are not text: left as they are)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def to_csv(result: Result, *, delimiter: str = ",", decimal_comma: bool = False) -> str:
    """The rows as CSV (empty cells for gaps); sources and notes are left to the caller.
    Text cells are formula-safe (see formula_safe)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow([formula_safe(str(c)) for c in result.columns])
    for row in result.rows:
        writer.writerow([_csv_cell(v, decimal_comma) for v in row])
    return buffer.getvalue()


def _csv_cell(value: Any, decimal_comma: bool) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, float):
        text = repr(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, bool | int):
        return str(value)
    return formula_safe(str(value))


def labelled(result: Result) -> Result:
    """The result with a ``synthetic`` column when it uses synthetic rows and has none yet."""
    if not result.synthetic or "synthetic" in result.columns:
        return result
    return Result(
        result.title,
        [*result.columns, "synthetic"],
        [(*row, True) for row in result.rows],
        sources=result.sources,
        notes=result.notes,
        synthetic=True,
        lang=result.lang,
    )


def print_result(result: Result, fmt: str, *, console: Console | None = None) -> None:
    """Print the result in one of ``FORMATS`` (a table fits the terminal's width)."""
    width = terminal_width()
    out = console or Console(width=width)
    if fmt == "json":
        out.print(to_json(result), markup=False, highlight=False, soft_wrap=True)
    elif fmt == "csv":
        out.file.write(to_csv(labelled(result)))
        for line in [*result.all_notes(), *(f"Source: {s}" for s in result.sources)]:
            sys.stderr.write(f"# {line}\n")
    else:
        table, left = fitted_table(
            result.title, result.columns, result.rows, width=out.width, lang=result.lang
        )
        out.print(table)
        notes = result.all_notes()
        if left:
            notes.append(gettext(result.lang, LEFT_OUT).format(columns=", ".join(left)))
        for line in notes:
            out.print(f"Note: {line}", markup=False, highlight=False)
        for src in result.sources:
            out.print(f"Source: {src}", markup=False, highlight=False)


def numeric_columns(result: Result) -> Sequence[str]:
    """The columns whose non-empty values are all numbers."""
    names = []
    for i, name in enumerate(result.columns):
        values = [r[i] for r in result.rows if r[i] is not None]
        if values and all(isinstance(v, int | float | Decimal) for v in values):
            names.append(name)
    return names
