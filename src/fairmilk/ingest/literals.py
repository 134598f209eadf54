"""SQL literals: Python values written into a statement, read back by DuckDB unchanged.

The load path writes its few values (a file's sha256 and name, counts, times) into its
statements instead of binding them as parameters: the DuckDB Python client imports pandas,
when it is installed, the first time it converts a Python value (about 0.3 s of start-up
that a load does not need). Every value goes through :func:`sql_value`; tests read each
kind back through DuckDB.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime


def sql_string(text: str) -> str:
    """A string literal: single quotes, a quote inside doubled (DuckDB reads no escapes)."""
    if "\0" in text:
        raise ValueError("a SQL string literal cannot hold a NUL character")
    return "'" + text.replace("'", "''") + "'"


def sql_value(value: object) -> str:
    """The literal of a None, bool, int, float, str, date or naive datetime."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"CAST({value} AS BIGINT)" if abs(value) < 2**63 else _unsupported(value)
    if isinstance(value, float):
        text = repr(value) if math.isfinite(value) else str(value)
        return f"CAST({sql_string(text)} AS DOUBLE)"
    if isinstance(value, str):
        return sql_string(value)
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return _unsupported(value)
        return f"CAST({sql_string(value.isoformat(sep=' '))} AS TIMESTAMP)"
    if isinstance(value, date):
        return f"CAST({sql_string(value.isoformat())} AS DATE)"
    return _unsupported(value)


def sql_strings(values: Sequence[str]) -> str:
    """A list literal of strings, typed (an empty list too)."""
    return f"CAST([{', '.join(sql_string(v) for v in values)}] AS VARCHAR[])"


def sql_row(values: Sequence[object]) -> str:
    """A parenthesised row of literals, for ``VALUES``."""
    return "(" + ", ".join(sql_value(v) for v in values) + ")"


def _unsupported(value: object) -> str:
    raise TypeError(f"no SQL literal for {type(value).__name__} {value!r}")
