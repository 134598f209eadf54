"""Reader-facing text of tables (titles, notes): English now, translatable by the outputs.

``msg(template, **values)`` returns a ``Msg``: a ``str`` holding the English text, so it
prints, compares, hashes, joins and pickles like any string, that also keeps its template
and values. The outputs layer looks the template up in the French catalog and formats the
values in French (``fairmilk.outputs.i18n.localise``). Every layer may import this module.

Templates use ``str.format`` fields: ``msg("Freight {pct:g} % of FOB", pct=11.4)``. A value
may itself be a ``Msg`` (translated in turn); other strings (codes, error texts) stay as they
are. A test finds every literal ``msg(...)`` template in the sources and requires a French
translation of it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


class Msg(str):
    """English text that remembers the template and the values it was formatted from."""

    template: str
    values: Mapping[str, Any]

    def __new__(cls, template: str, values: Mapping[str, Any] | None = None) -> Msg:
        """The English text of ``template`` with ``values`` (the template as is without)."""
        kept = dict(values or {})
        self = super().__new__(cls, template.format(**kept) if kept else template)
        self.template = template
        self.values = kept
        return self

    def __reduce__(self) -> tuple[type[Msg], tuple[str, dict[str, Any]]]:
        """Pickle and copy with the template and values, not only the English text."""
        return (type(self), (self.template, dict(self.values)))

    def __repr__(self) -> str:
        return f"msg({self.template!r}, **{self.values!r})"

    def __format__(self, spec: str) -> str:
        """``{name:mid}`` puts a name inside a sentence: 'Skimmed milk powder' -> 'skimmed …'."""
        return mid_sentence(str(self)) if spec == "mid" else super().__format__(spec)


def mid_sentence(name: str) -> str:
    """A name as written inside a sentence: the first letter lowered, unless the name starts
    with an acronym ('SMP', 'EU-27') or is one letter long."""
    if len(name) > 1 and name[0].isupper() and not name[1].isupper() and name[1] != "-":
        return name[0].lower() + name[1:]
    return name


def msg(template: str, /, **values: Any) -> Msg:
    """A translatable text: ``template`` (English, ``{name}`` fields) formatted with values."""
    return Msg(template, values)


def term(word: str) -> Msg:
    """An identifier shown to readers (a column or category id) that the catalog may translate."""
    return Msg(word)


def join(parts: Iterable[object], sep: str = "; ") -> Msg:
    """Texts (or numbers) joined by ``sep``; each ``Msg`` part stays translatable."""
    items = list(parts)
    template = (
        sep.replace("{", "{{").replace("}", "}}").join(f"{{p{i}}}" for i in range(len(items)))
    )
    return Msg(template, {f"p{i}": p for i, p in enumerate(items)})
