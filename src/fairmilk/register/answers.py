"""Answers typed in the web form: validate them and build the same record as an import."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.form import Field, Form
from fairmilk.register.reader import check_answers, enrich
from fairmilk.register.record import Submission, Value

MAX_TEXT = 20_000
MAX_SHORT = 300
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_URL = re.compile(r"^(?:https?://|www\.)[^\s<>\"']+$")
SHORT = ("title", "contact_name", "contact_email", "annex_date", "annex_location")
ERRORS: dict[str, tuple[str, str]] = {
    "required": ("This answer is required.", "Cette réponse est obligatoire."),
    "too_long": ("This answer is too long.", "Cette réponse est trop longue."),
    "email": ("Enter an email address such as name@example.org.",
              "Saisissez une adresse électronique comme nom@exemple.org."),
    "option": ("Choose among the boxes shown.", "Choisissez parmi les cases proposées."),
    "url": ("Enter one web address (http://...) per line.",
            "Saisissez une adresse web (http://...) par ligne."),
}  # fmt: skip

Posted = Mapping[str, Sequence[str]]


def _one(posted: Posted, key: str) -> str:
    values = posted.get(key) or [""]
    return values[0].replace("\r\n", "\n").strip()


def _read(fld: Field, posted: Posted) -> tuple[Value, str | None]:
    """The typed value of one field and the error id, if any."""
    if fld.kind in ("boxes", "yesno"):
        chosen = [v for v in posted.get(fld.id, []) if v]
        if any(v not in {o.id for o in fld.options} for v in chosen) or (
            fld.kind == "yesno" and len(chosen) > 1
        ):
            return [], "option"
        return (chosen[0] if chosen else None) if fld.kind == "yesno" else chosen, None
    if fld.kind == "tick":
        return _one(posted, fld.id) in ("on", "1", "yes", "true"), None
    text = _one(posted, fld.id)
    if len(text) > (MAX_SHORT if fld.id in SHORT else MAX_TEXT):
        return text, "too_long"
    if fld.kind == "links":
        links = [line.strip() for line in text.split("\n") if line.strip()]
        return links, ("url" if any(not _URL.match(u) for u in links) else None)
    if fld.kind == "email" and text and not _EMAIL.match(text):
        return text, "email"
    return text or None, None


def read_answers(
    posted: Posted, *, form: Form = CFS_2019
) -> tuple[dict[str, Value], dict[str, str]]:
    """Values of every field and the errors (field id -> error id, see ERRORS)."""
    values: dict[str, Value] = {}
    errors: dict[str, str] = {}
    for fld in form.fields():
        value, error = _read(fld, posted)
        values[fld.id] = value
        if error is None and fld.required and value in (None, [], ""):
            error = "required"
        if error is not None:
            errors[fld.id] = error
    return values, errors


def submission_from_answers(values: dict[str, Value], *, form: Form = CFS_2019) -> Submission:
    """The record of valid typed answers, with citations, facts, places and warnings."""
    sub = Submission(form.id, form.year, "web form", "web", dict(values))
    sub.warnings.extend(check_answers(form, sub.values))
    enrich(sub, form)
    return sub
