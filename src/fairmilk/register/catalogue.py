"""The catalogue of CFS recommendations and the ids that submitters cite in free text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fairmilk.reference.catalog import read_rows

DATASET = "cfs/recommendations"
ROMAN = "XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I"
# Set 2 is cited "PR-18", "PR 18" or "PR18"; Set 3 "VII.A", "I.B" or "recommendations III".
_PR = re.compile(r"\bPR[-\s]?(\d{1,2})\b")
_ROMAN_ITEM = re.compile(rf"(?<![\w.])((?:{ROMAN})\.[A-H](?:\.\d{{1,2}})?)(?![\w])")
_ROMAN_SECTION = re.compile(rf"\b(?:recommendations?|section)\s+((?:{ROMAN}))\b(?!\.[A-H])")


@dataclass(frozen=True, slots=True)
class Recommendation:
    """One catalogued recommendation: set, normalised id, EN/FR short title, verified flag."""

    set: int
    id: str
    short_title_en: str
    short_title_fr: str
    verified: bool
    source_url: str


@dataclass(frozen=True, slots=True)
class Cited:
    """A recommendation id found in free text, as written and normalised."""

    set: int
    raw: str
    id: str
    start: int
    end: int


@cache
def recommendations() -> tuple[Recommendation, ...]:
    """Every catalogued recommendation, in file order."""
    return tuple(
        Recommendation(
            set=int(row["set"]),
            id=row["id"],
            short_title_en=row["short_title_en"],
            short_title_fr=row["short_title_fr"],
            verified=row["verified"].strip().lower() == "true",
            source_url=row["source_url"],
        )
        for row in read_rows(DATASET)
    )


def lookup(set_number: int, rec_id: str) -> Recommendation | None:
    """The catalogued recommendation, or None when the catalogue does not (yet) hold it."""
    for rec in recommendations():
        if rec.set == set_number and rec.id == rec_id:
            return rec
    return None


def find_cited(text: str) -> list[Cited]:
    """Recommendation ids cited in ``text``, in order of appearance (duplicates kept)."""
    found = [
        Cited(2, m.group(0), str(int(m.group(1))), m.start(), m.end()) for m in _PR.finditer(text)
    ]
    found += [
        Cited(3, m.group(1), m.group(1), m.start(1), m.end(1)) for m in _ROMAN_ITEM.finditer(text)
    ]
    found += [
        Cited(3, m.group(1), m.group(1), m.start(1), m.end(1))
        for m in _ROMAN_SECTION.finditer(text)
    ]
    return sorted(found, key=lambda c: c.start)
