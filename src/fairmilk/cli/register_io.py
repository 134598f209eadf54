"""How the register commands reach their data: the store they open, rows printed as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fairmilk.cli.options import check_format
from fairmilk.config import db_path, message_lang
from fairmilk.outputs.tables import Result, print_result
from fairmilk.text import msg

if TYPE_CHECKING:
    import duckdb

    from fairmilk.register.record import ParseWarning


@contextmanager
def store(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The store, written as a new version if the block commits a change (else left as is)."""
    from fairmilk.store.complete import bring_up_to_date
    from fairmilk.store.generations import publishing

    with publishing(db_path(db), note="fairmilk register") as con:
        bring_up_to_date(con)
        yield con


@contextmanager
def reading(db: Path | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """The current version of the store, read-only (never waits for a writer)."""
    from fairmilk.store import open_store

    con = open_store(db_path(db), read_only=True)
    try:
        yield con
    finally:
        con.close()


def said(text: str) -> str:
    """A message (a ``fairmilk.text.msg``) in the language of command-line messages."""
    from fairmilk.outputs.i18n import localise

    return str(localise(text, message_lang()))


def warning_line(warning: ParseWarning) -> str:
    """One parse warning as the command line prints it, in its message language."""
    from fairmilk.register.cfs2019 import CFS_2019
    from fairmilk.register.warning_text import kind_label, warning_msg

    lang = message_lang()
    record = {"field": warning.field, "message": warning.message, "code": warning.code,
              "params": warning.params}  # fmt: skip
    text = warning_msg(record, CFS_2019, lang)
    line = msg("warning: {field}: {kind}: {message}", field=warning.field,
               kind=kind_label(warning.kind, lang), message=text)  # fmt: skip
    return said(line)


def dumps(data: Any) -> str:
    """Indented JSON that keeps accents and prints dates as ISO text."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


def table(title: str, rows: list[dict[str, Any]], columns: list[str], fmt: str) -> None:
    """Print rows as a table, CSV or JSON (gaps shown as gaps)."""
    result = Result(title, columns, [tuple(r.get(c) for c in columns) for r in rows])
    print_result(result, check_format(fmt))
