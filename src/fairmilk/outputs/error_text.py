"""An error in the reader's language, still naming the file, line and field and what was
expected (``InputError`` built from ``fairmilk.text.msg`` texts is translated part by part)."""

from __future__ import annotations

from collections.abc import Mapping

from fairmilk.errors import InputError
from fairmilk.outputs.i18n import localise
from fairmilk.text import msg


def error_text(exc: Exception, lang: str, *, columns: Mapping[str, str] | None = None) -> str:
    """The message of ``exc`` in ``lang``: file:line, reason, field, expected and found.

    English is ``str(exc)`` as raised (fields by their id, as in a CSV header). In another
    language ``columns`` names fields for readers (a form's labels in ``lang``); a field not
    in it is shown by its id. A reason that is not a ``Msg`` stays as written.
    """
    if not isinstance(exc, InputError) or lang == "en":
        return str(exc)
    text = _where(exc) + str(localise(exc.reason, lang))
    if exc.column is not None:
        name = (columns or {}).get(exc.column, exc.column)
        text += str(localise(msg(" (column {column})", column=name), lang))
    if exc.expected is not None:
        text += str(localise(msg("; expected {expected}", expected=exc.expected), lang))
    if exc.found is not None:
        text += str(localise(msg(", found {found!r}", found=exc.found), lang))
    return text


def _where(exc: InputError) -> str:
    if exc.file is None:
        return ""
    return exc.file + ("" if exc.line is None else f":{exc.line}") + ": "
