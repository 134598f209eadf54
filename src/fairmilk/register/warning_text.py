"""What a moderator is warned about in a parsed form, as a code with parameters.

A warning is stored language-neutral: its ``code`` (a key of WARNINGS) and its ``params``
(numbers, quoted text of the form, field and option ids). A page shows it in the reader's
language: ``warning_msg`` turns it into a ``fairmilk.text.Msg`` whose field and option ids
are already the labels of that language (declared with the form), and the outputs layer
translates the template. A warning stored before codes existed is shown as stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fairmilk.register.form import Field, Form
from fairmilk.register.record import WARNING_KINDS, ParseWarning
from fairmilk.text import Msg, msg

WARNINGS: dict[str, Msg] = {
    "prompt_missing": msg("prompt {anchor!r} not found; the answer is left empty"),
    "no_box_matches": msg("line {line!r} matches no box of {question!r}"),
    "no_box_ticked": msg("no box ticked"),
    "several_boxes": msg("several boxes ticked ({options}); read as no answer"),
    "no_email": msg("no email address in {text!r}"),
    "explained_unticked": msg("box {box!r} is not ticked, but {answer!r} is answered"),
    "required": msg("{answer!r} is required"),
    "too_many_numbers": msg("more than {limit} numbers found; only the first {limit} are kept"),
    "unknown_recommendation": msg("{raw} (set {set}) is not in the catalogue; kept for review"),
    "too_many_citations": msg("{count} citations found; only the first {limit} are kept"),
    "contact_withheld": msg("contact detail held back from the public record"),
    "contact_to_check": msg("contact detail to check (withheld)"),
}
# Parameters that hold a field id, shown as the field's label in the reader's language.
FIELD_PARAMS = ("question", "box", "answer")
QUOTE = 60  # characters of the form's own text quoted in a warning


def warn(
    field: str | None, kind: str, code: str, /, *, form: Form | Field | None = None, **params: Any
) -> ParseWarning:
    """A warning of ``code`` on ``field``: English message, code and parameters kept."""
    english = warning_msg({"field": field, "code": code, "params": params}, form, "en")
    return ParseWarning(field, kind, str(english), code, dict(params))


def _label(form: Form | Field | None, field_id: str, lang: str) -> str:
    fld = _field(form, field_id)
    if fld is None:
        return field_id
    return fld.label_fr if lang == "fr" else fld.label_en


def _field(form: Form | Field | None, field_id: str | None) -> Field | None:
    """The field ``field_id`` of a form (or the one field given, if it is that one)."""
    if form is None or field_id is None:
        return None
    if isinstance(form, Field):
        return form if form.id == field_id else None
    try:
        return form.field(field_id)
    except KeyError:
        return None


def _options(form: Form | Field | None, field_id: str | None, ids: list[str], lang: str) -> str:
    fld = _field(form, field_id)
    options = fld.options if fld is not None else ()
    labels = {o.id: o.label_fr if lang == "fr" else o.label_en for o in options}
    return ", ".join(labels.get(i, i) for i in ids)


def warning_msg(warning: Mapping[str, Any], form: Form | Field | None, lang: str) -> str:
    """A stored warning (a dict of ``Submission.to_dict``) as a ``Msg`` with its labels in
    ``lang`` (translate the template with the outputs layer); the stored message when it
    has no known code (stored before codes existed)."""
    code = warning.get("code")
    if code not in WARNINGS:
        return str(warning.get("message", ""))
    values = dict(warning.get("params") or {})
    for key in FIELD_PARAMS:
        if isinstance(values.get(key), str):
            values[key] = _label(form, values[key], lang)
    if isinstance(values.get("options"), list):
        values["options"] = _options(form, warning.get("field"), values["options"], lang)
    return Msg(WARNINGS[str(code)].template, values)


def kind_label(kind: str, lang: str) -> str:
    """The name of a warning kind in ``lang`` (the kind itself when not declared)."""
    names = WARNING_KINDS.get(kind)
    return kind if names is None else names[1 if lang == "fr" else 0]


def field_label(form: Form | Field | None, field_id: str | None, lang: str) -> str:
    """The label of a form field in ``lang`` (its id when the form has none; "" for None)."""
    return "" if field_id is None else _label(form, field_id, lang)


def withheld(warning: Mapping[str, Any]) -> dict[str, Any]:
    """A warning on a contact field as a stored record keeps it: nothing of the answer quoted."""
    english = str(WARNINGS["contact_to_check"])
    return {**warning, "message": english, "code": "contact_to_check", "params": {}}
