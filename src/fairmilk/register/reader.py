"""From the text of a filled form to a Submission record with citations, facts and warnings."""

from __future__ import annotations

from fairmilk.register.catalogue import find_cited, lookup
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.facts import find_facts
from fairmilk.register.form import Field, Form
from fairmilk.register.lines import Sentences, clean_text, join_lines
from fairmilk.register.parse import Located, answer_lines, locate, read_boxes, read_value
from fairmilk.register.places import find_places, parse_date
from fairmilk.register.record import Citation, ParseWarning, Submission, Value
from fairmilk.register.warning_text import warn


def read_submission(
    text: str, *, source_name: str, source_format: str = "txt", form: Form = CFS_2019
) -> Submission:
    """Parse the text of a filled form; never raises for content, it warns instead."""
    lines = clean_text(text).split("\n")
    located, warnings = locate(form, lines)
    by_field = {loc.item.id: loc for loc in located if isinstance(loc.item, Field)}
    bodies = answer_lines(located, lines, form.printed)
    values: dict[str, Value] = {f.id: None for f in form.fields()}
    for fld in form.fields():
        if fld.anchor is None or (fld.id not in by_field and fld.kind != "tick"):
            continue
        warnings += _fill(fld, by_field.get(fld.id), bodies.get(fld.id, []), values)
    warnings += check_answers(form, values)
    sub = Submission(form.id, form.year, source_name, source_format, values, warnings=warnings)
    enrich(sub, form)
    return sub


def _fill(
    fld: Field, here: Located | None, body: list[str], values: dict[str, Value]
) -> list[ParseWarning]:
    if fld.kind == "boxes":
        ticked, other, warnings = read_boxes(fld, body)
        values[fld.id] = ticked
        if fld.other_field is not None:
            values[fld.other_field] = other
        return warnings
    if fld.overflow_to is not None:
        body, tail = _split_at_blank(body)
        values[fld.overflow_to] = join_lines(tail)
    value, warnings = read_value(fld, here, body)
    values[fld.id] = value
    return warnings


def _split_at_blank(body: list[str]) -> tuple[list[str], list[str]]:
    """The lines up to the first blank one, and the rest (text after the explanation)."""
    for index, line in enumerate(body):
        if not line.strip():
            return body[:index], body[index:]
    return body, []


def check_answers(form: Form, values: dict[str, Value]) -> list[ParseWarning]:
    """Warn on explanations given for unticked boxes and on required answers left empty."""
    warnings: list[ParseWarning] = []
    for fld in form.fields():
        value = values.get(fld.id)
        if fld.explains is not None and value and values.get(fld.explains) in (False, "no"):
            warnings.append(warn(fld.explains, "ambiguous", "explained_unticked", form=form,
                                 box=fld.explains, answer=fld.id))  # fmt: skip
        if fld.required and value in (None, [], ""):
            warnings.append(warn(fld.id, "missing", "required", form=form, answer=fld.id))
    return warnings


MAX_FOUND = 50  # citations and facts kept per answer; beyond that the moderator is warned


def enrich(sub: Submission, form: Form) -> None:
    """Add citations, facts, places and ISO dates found in the answers."""
    for fld in form.fields():
        text = sub.values.get(fld.id)
        if fld.kind not in ("text", "date") or not isinstance(text, str):
            continue
        _cite(sub, fld.id, text)
        facts = find_facts(text, field=fld.id, limit=MAX_FOUND + 1)
        sub.facts.extend(facts[:MAX_FOUND])
        if len(facts) > MAX_FOUND:
            sub.warnings.append(warn(fld.id, "ambiguous", "too_many_numbers", limit=MAX_FOUND))
        if fld.kind == "date" and (iso := parse_date(text)) is not None:
            sub.dates[fld.id] = iso
    where = " ".join(str(sub.values.get(k) or "") for k in ("countries", "coverage"))
    sub.places = find_places(where)


def _cite(sub: Submission, field: str, text: str) -> None:
    """The recommendations cited in one answer (at most MAX_FOUND), each with its sentence."""
    sentences = Sentences(text)
    cited_all = find_cited(text)
    for cited in cited_all[:MAX_FOUND]:
        known = lookup(cited.set, cited.id) is not None
        sentence = sentences.at(cited.start)
        sub.citations.append(Citation(cited.set, cited.raw, cited.id, known, field, sentence))
        if not known:
            sub.warnings.append(warn(field, "unknown_recommendation", "unknown_recommendation",
                                     raw=cited.raw, set=cited.set))  # fmt: skip
    if len(cited_all) > MAX_FOUND:
        sub.warnings.append(warn(field, "ambiguous", "too_many_citations",
                                 count=len(cited_all), limit=MAX_FOUND))  # fmt: skip
