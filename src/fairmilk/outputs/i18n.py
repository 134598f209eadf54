"""English/French text for every page, chart and brief: Babel catalogs and number formats.

English text is the message id; ``locale/fr/LC_MESSAGES/messages.po`` holds the French.
A test proves every message used in code and templates has a French translation, including
the ``fairmilk.text.msg`` templates of indicator and policy titles and notes (``localise``).
"""

from __future__ import annotations

import re
import string
from functools import cache
from importlib import resources
from typing import Any, Protocol

from babel.messages.pofile import read_po
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol

from fairmilk.errors import InputError
from fairmilk.text import Msg, mid_sentence

LANGS: tuple[str, ...] = ("en", "fr")
# Tariff-scenario columns named after a user's elasticity (imports_pct_e-0.7): one header.
ELASTIC_COLUMN = re.compile(r"imports_pct_e(-?\d+(?:\.\d+)?)")
ELASTIC_HEADER = "imports (%) e={e}"
DEFAULT_LANG = "en"
GAP = "–"


class Translate(Protocol):
    """A translation function: English text (with ``{name}`` fields) in, page language out."""

    def __call__(self, text: str, /, **values: Any) -> str: ...


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is a supported language, else raise InputError."""
    if lang not in LANGS:
        raise InputError("unknown language", column="lang", expected="en or fr", found=lang)
    return lang


@cache
def catalog(lang: str) -> dict[str, str]:
    """The message id → translation mapping of ``lang`` (empty for English, the source)."""
    check_lang(lang)
    if lang == "en":
        return {}
    node = resources.files("fairmilk.outputs") / "locale" / lang / "LC_MESSAGES" / "messages.po"
    with node.open("rb") as handle:
        po = read_po(handle, locale=lang)
    return {str(m.id): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def gettext(lang: str, text: str) -> str:
    """The translation of ``text`` in ``lang``; the English text when none is recorded."""
    if isinstance(text, Msg):
        return str(localise(text, lang))
    return catalog(lang).get(text, text)


class _Formatter(string.Formatter):
    """``str.format`` whose numbers use the decimal and group signs of a language."""

    def __init__(self, lang: str) -> None:
        super().__init__()
        signs = {".": get_decimal_symbol(lang), ",": get_group_symbol(lang)}
        self.signs = str.maketrans(signs)

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec == "mid":  # a name inside a sentence (see fairmilk.text.Msg)
            return mid_sentence(str(value))
        out = format(value, format_spec)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return out.translate(self.signs)
        return out


def localise(value: Any, lang: str) -> Any:
    """A ``Msg`` in ``lang`` (its template from the catalog, its values formatted for lang).

    Values that are ``Msg`` are translated in turn; anything that is not a ``Msg`` (a number,
    a code, a plain string) is returned unchanged.
    """
    if not isinstance(value, Msg):
        return value
    if check_lang(lang) == DEFAULT_LANG:
        return str(value)
    template = catalog(lang).get(value.template, value.template)
    if not value.values:
        return template
    values = {k: localise(v, lang) for k, v in value.values.items()}
    return _Formatter(lang).vformat(template, (), values)


def translator(lang: str) -> Translate:
    """A one-argument translation function for ``lang``, with ``{name}`` formatting."""
    table = catalog(lang)

    def translate(text: str, /, **values: Any) -> str:
        if isinstance(text, Msg) and not values:
            return str(localise(text, lang))
        if table and text not in table and (elastic := ELASTIC_COLUMN.fullmatch(text)):
            e = float(elastic.group(1))
            return table.get(ELASTIC_HEADER, ELASTIC_HEADER).format(e=fmt_number(e, lang))
        out = table.get(text, text)
        return out.format(**values) if values else out

    return translate


def fmt_number(value: Any, lang: str, *, digits: int | None = None) -> str:
    """A number in the conventions of ``lang`` (1,234.5 or 1 234,5); the gap sign for None."""
    if value is None or (isinstance(value, float) and value != value):
        return GAP
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, int) and abs(value) < 10000:
        return str(value)  # years and small counts: no thousands separator
    if digits is None:
        digits = 0 if abs(value) >= 100 else 2
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=check_lang(lang))


def fmt_cell(value: Any, lang: str, column: str = "") -> str:
    """A table cell: a percentage column (id ending ``_pct``) with one decimal (44.8, 6.0),
    other numbers as ``fmt_number``; a tick for True. Full precision stays in CSV and JSON."""
    if isinstance(value, bool):
        return "✔" if value else ""
    if column.endswith("_pct") and isinstance(value, int | float) and value == value:
        return format_decimal(value, format="#,##0.0", locale=check_lang(lang))
    return fmt_number(value, lang)


def pick(lang: str, english: Any, french: Any) -> str:
    """Pick the English or French one of two declared texts (English if French is empty)."""
    if lang == "fr" and french:
        return str(french)
    return "" if english is None else str(english)
