"""How the register commands reach their data: the register store, rows printed as text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from fairmilk.cli.options import check_format
from fairmilk.config import db_path, message_lang
from fairmilk.outputs.tables import Result, print_result
from fairmilk.text import msg

if TYPE_CHECKING:
    from fairmilk.register.opener import RegisterSource
    from fairmilk.register.record import ParseWarning
    from fairmilk.register.store import Register

RegisterUrlOption = Annotated[
    str | None,
    typer.Option(
        "--register-url",
        envvar="FAIRMILK_REGISTER_URL",
        help="The register store: a postgresql:// URL (several servers share it); by default "
        "a SQLite file beside the store (<store>.register.sqlite).",
        show_default=False,
    ),
]
_URL: dict[str, str | None] = {"url": None}  # set by the 'register' group's option


def use_url(url: str | None) -> None:
    """Remember ``--register-url`` for the register commands of this run."""
    _URL["url"] = url


def source(db: Path | None, *, read_only: bool = False) -> RegisterSource:
    """The register of the store ``db`` (made ready once)."""
    from fairmilk.register.opener import register_source

    return register_source(db_path(db), url=_URL["url"], read_only=read_only)


@contextmanager
def store(db: Path | None) -> Iterator[Register]:
    """A connection to the register store that may write (each change commits at once)."""
    with source(db).connect() as reg:
        yield reg


@contextmanager
def reading(db: Path | None) -> Iterator[Register]:
    """A read-only connection to the register store (never waits for a writer)."""
    with source(db).connect(read_only=True) as reg:
        yield reg


def publish_copy(db: Path | None) -> None:
    """Copy the published rows into a new version of the analytics data (if they changed)."""
    found = source(db)
    with found.connect() as reg:
        if found.sync(reg, wait=600.0):
            typer.echo("published rows copied into a new version of the store", err=True)


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
