"""A filled form as a structured record: answers, citations, facts, places and warnings."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict, dataclass, field
from typing import Any

Value = str | bool | list[str] | None

WARNING_KINDS: dict[str, tuple[str, str]] = {
    "missing": ("Missing answer", "Réponse manquante"),
    "ambiguous": ("Ambiguous box", "Case ambiguë"),
    "unknown_recommendation": (
        "Unknown recommendation id",
        "Identifiant de recommandation inconnu",
    ),
    "unrecognised": ("Unrecognised line", "Ligne non reconnue"),
    "invalid": ("Invalid value", "Valeur non valide"),
    "contact_withheld": ("Contact detail held back", "Coordonnées retenues"),
}


@dataclass(frozen=True, slots=True)
class ParseWarning:
    """Something a moderator should check: which field, what kind (see WARNING_KINDS), why.

    ``message`` is the English text; ``code`` and ``params`` (see
    ``fairmilk.register.warning_text``) let a page show it in the reader's language. Records
    stored before codes existed have none: their English text is shown as stored.
    """

    field: str | None
    kind: str
    message: str
    code: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Citation:
    """A recommendation id cited in an answer, with the sentence it appears in."""

    set: int
    raw: str
    id: str
    known: bool
    field: str
    sentence: str


@dataclass(frozen=True, slots=True)
class Fact:
    """A quantitative fact (people, countries, organisations) with its sentence."""

    kind: str
    value: float
    qualifier: str | None
    text: str
    field: str
    sentence: str


@dataclass(slots=True)
class Submission:
    """The structured record of one filled form (before or after it is stored)."""

    form: str
    year: int
    source_name: str
    source_format: str
    values: dict[str, Value]
    citations: list[Citation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    dates: dict[str, str] = field(default_factory=dict)
    warnings: list[ParseWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON-ready data."""
        return asdict(self)

    def ticked(self, prefix: str) -> list[str]:
        """Ids of tick fields starting with ``prefix`` that are ticked (e.g. ``sdg_``)."""
        return [k for k, v in self.values.items() if k.startswith(prefix) and v is True]


def submission_from_dict(data: dict[str, Any]) -> Submission:
    """Rebuild a record from ``Submission.to_dict`` output."""
    return Submission(
        form=str(data["form"]),
        year=int(data["year"]),
        source_name=str(data["source_name"]),
        source_format=str(data["source_format"]),
        values=dict(data["values"]),
        citations=[Citation(**c) for c in data.get("citations", [])],
        facts=[Fact(**f) for f in data.get("facts", [])],
        places=list(data.get("places", [])),
        dates=dict(data.get("dates", {})),
        warnings=[ParseWarning(**w) for w in data.get("warnings", [])],
    )
