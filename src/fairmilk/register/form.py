"""Building blocks of a form declared as data: sections, headings, fields and box options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["text", "email", "boxes", "yesno", "tick", "links", "date"]
KINDS: tuple[str, ...] = ("text", "email", "boxes", "yesno", "tick", "links", "date")


@dataclass(frozen=True, slots=True)
class Option:
    """One box of a multiple- or single-choice field."""

    id: str
    label_en: str
    label_fr: str


@dataclass(frozen=True, slots=True)
class Heading:
    """A line of the printed form that only delimits answers (no value of its own)."""

    anchor: str


@dataclass(frozen=True, slots=True)
class Field:
    """One answer of the form: its id, kind, EN/FR labels and the prompt printed on the form.

    ``anchor`` is the start of the printed prompt, used to find the answer in a filled form
    (None for a field filled from another one, see ``overflow_to`` and ``other_field``).
    """

    id: str
    kind: Kind
    label_en: str
    label_fr: str
    anchor: str | None
    help_en: str = ""
    help_fr: str = ""
    required: bool = False
    options: tuple[Option, ...] = ()
    other_field: str | None = None
    overflow_to: str | None = None
    explains: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered part of the form with its EN/FR title and its items in printed order."""

    id: str
    title_en: str
    title_fr: str
    items: tuple[Field | Heading, ...]
    boilerplate: tuple[str, ...] = field(default=())

    def fields(self) -> tuple[Field, ...]:
        """The fields of this section, in printed order."""
        return tuple(i for i in self.items if isinstance(i, Field))


@dataclass(frozen=True, slots=True)
class Form:
    """A whole form: id, call year, EN/FR title, sections, and lines of instructions to skip."""

    id: str
    year: int
    title_en: str
    title_fr: str
    sections: tuple[Section, ...]
    boilerplate: tuple[str, ...] = ()
    printed: tuple[str, ...] = ()

    def fields(self) -> tuple[Field, ...]:
        """Every field of the form, in printed order."""
        return tuple(f for s in self.sections for f in s.fields())

    def field(self, field_id: str) -> Field:
        """The field with this id; KeyError if the form has none."""
        for candidate in self.fields():
            if candidate.id == field_id:
                return candidate
        raise KeyError(field_id)


def text_field(
    fid: str,
    anchor: str | None,
    en: str,
    fr: str,
    *,
    required: bool = False,
    help_en: str = "",
    help_fr: str = "",
    explains: str | None = None,
    overflow_to: str | None = None,
) -> Field:
    """A free-text field (keyword options as in Field)."""
    return Field(
        fid,
        "text",
        en,
        fr,
        anchor,
        help_en=help_en,
        help_fr=help_fr,
        required=required,
        explains=explains,
        overflow_to=overflow_to,
    )
