"""Read the text of a filled form into answers, guided by the form declared as data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fairmilk.register.form import Field, Form, Heading
from fairmilk.register.lines import (
    CROSS,
    TICKED,
    anchor_pattern,
    is_boilerplate,
    join_lines,
    match_printed,
    norm,
    split_marker,
    strip_label,
)
from fairmilk.register.record import ParseWarning, Value
from fairmilk.register.warning_text import QUOTE, warn

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'\]]+")
_INLINE_BOX = re.compile(r"\s+(?=[☒☐☑□■])")  # "☐ Yes ☒ No" on one line: one box each
_OTHER_FILL = re.compile(r"^[\s.…:_\-]*")


@dataclass(frozen=True, slots=True)
class Located:
    """Where an anchor was found: its line, the marker before it and the rest of the line."""

    item: Field | Heading
    line: int
    last: int
    marker: str | None
    rest: str
    boilerplate: tuple[str, ...]


def _after_prompt(anchor: str, rest: str) -> str:
    """What follows the printed prompt on its line (the start of the answer, if any)."""
    if anchor.endswith(":"):
        return rest.strip()
    while rest.strip():
        cut = re.search(r"[?:]", rest)
        if cut is None:
            return ""
        rest = re.sub(r"^\s*(?:\(?please[^:)]*[:)]\s*)+", "", rest[cut.end() :], flags=re.I)
        if not rest.rstrip().endswith(("?", ":")):
            break
    return rest.strip()


def _find(
    form: Form, anchor: str, lines: list[str], pos: int, bare: list[tuple[str | None, str]]
) -> tuple[int, int, str | None, str] | None:
    """First line at or after ``pos`` that starts with ``anchor``: (line, last line of the
    printed prompt, box marker, start of the answer on the last line). ``bare`` holds each
    line's marker and text without it, computed once for all the anchors."""
    pattern = anchor_pattern(anchor)
    printed = tuple(p for p in form.printed if norm(p).startswith(norm(anchor)))
    for index in range(pos, len(lines)):
        marker, text = bare[index]
        match = pattern.match(text) if text and text[0].lower() == anchor[0].lower() else None
        if not match:
            continue
        whole = match_printed(lines, index, printed) if printed else None
        if whole is not None:
            return index, whole[0], marker, _after_prompt(":", whole[1])
        return index, index, marker, _after_prompt(anchor, text[match.end() :])
    return None


def _id(located: Located) -> str | None:
    return located.item.id if isinstance(located.item, Field) else None


def locate(form: Form, lines: list[str]) -> tuple[list[Located], list[ParseWarning]]:
    """Find each printed prompt, in order; a prompt not found gives a warning, not an error."""
    found: list[Located] = []
    warnings: list[ParseWarning] = []
    pos = 0
    bare = [(marker, strip_label(text)) for marker, text in map(split_marker, lines)]
    for section in form.sections:
        bp = form.boilerplate + section.boilerplate
        for item in section.items:
            if item.anchor is None:
                continue
            explains = item.explains if isinstance(item, Field) else None
            if explains is not None and not any(_id(f) == explains for f in found):
                hit = None  # an explanation whose box is absent must not take the next one's
            else:
                hit = _find(form, item.anchor, lines, pos, bare)
            if hit is not None:
                index, last, marker, rest = hit
                help_ = (item.help_en,) if isinstance(item, Field) else ()
                found.append(Located(item, index, last, marker, rest, bp + help_))
                pos = last + 1
            elif isinstance(item, Field):
                warnings.append(warn(item.id, "missing", "prompt_missing", anchor=item.anchor))
    return found, warnings


def answer_lines(
    located: list[Located], lines: list[str], printed: tuple[str, ...]
) -> dict[str, list[str]]:
    """For each located field, its answer lines: rest of its line, then up to the next prompt."""
    out: dict[str, list[str]] = {}
    nexts: list[Located | None] = [*located[1:], None]
    for here, after in zip(located, nexts[: len(located)], strict=True):
        if not isinstance(here.item, Field):
            continue
        stop = after.line if after is not None else len(lines)
        out[here.item.id] = ([here.rest] if here.rest else []) + _body(
            lines, here.last + 1, stop, here.boilerplate, printed
        )
    return out


def _body(
    lines: list[str], start: int, stop: int, boilerplate: tuple[str, ...], printed: tuple[str, ...]
) -> list[str]:
    """Answer lines between two prompts, without the printed instructions of the form."""
    kept: list[str] = []
    index = start
    while index < stop:
        whole = match_printed(lines, index, printed) if lines[index].strip() else None
        if whole is not None and whole[0] < stop:
            index = whole[0] + 1
            if whole[1].strip():
                kept.append(whole[1])
            continue
        if not is_boilerplate(lines[index], boilerplate):
            kept.append(lines[index])
        index += 1
    return kept


def read_boxes(fld: Field, body: list[str]) -> tuple[list[str], str | None, list[ParseWarning]]:
    """Ticked option ids, the 'other' text, and warnings for lines that match no option."""
    ticked: list[str] = []
    other: str | None = None
    warnings: list[ParseWarning] = []
    for line in (part for raw in body for part in _INLINE_BOX.split(raw)):
        marker, text = split_marker(line)
        if not text:
            continue
        option = next(
            (o for o in fld.options if norm(text).startswith(norm(o.label_en))), None
        ) or next((o for o in fld.options if norm(text).startswith(norm(o.label_fr))), None)
        if option is None:
            kind = "ambiguous" if marker else "unrecognised"
            warnings.append(warn(fld.id, kind, "no_box_matches", form=fld,
                                 line=text[:QUOTE], question=fld.id))  # fmt: skip
            continue
        if marker in (TICKED, CROSS):
            ticked.append(option.id)
        if option.id == "other":
            extra = _OTHER_FILL.sub("", text[len(option.label_en) :]).strip(" .…")
            other = extra or None
    return ticked, other, warnings


def read_yesno(fld: Field, body: list[str]) -> tuple[str | None, list[ParseWarning]]:
    """The one ticked option of a single-choice field; a warning if none or several."""
    ticked, _other, warnings = read_boxes(fld, body)
    if len(ticked) == 1:
        return ticked[0], warnings
    if not ticked:
        return None, [*warnings, warn(fld.id, "missing", "no_box_ticked")]
    several = warn(fld.id, "ambiguous", "several_boxes", form=fld, options=ticked)
    return None, [*warnings, several]


def read_value(
    fld: Field, here: Located | None, body: list[str]
) -> tuple[Value, list[ParseWarning]]:
    """The answer of one field from its lines, with the warnings found on the way."""
    if fld.kind == "tick":
        return (here is not None and here.marker in (TICKED, CROSS)), []
    if fld.kind == "yesno":
        return read_yesno(fld, body)
    if fld.kind == "links":
        found = (url.rstrip(".,;:!?") for url in _URL.findall("\n".join(body)))
        return list(dict.fromkeys(found)), []  # once each; sentence punctuation is not a link
    text = join_lines(body)
    if fld.kind == "email" and text is not None:
        email = _EMAIL.search(text)
        if email is None:
            return text, [warn(fld.id, "invalid", "no_email", text=text[:QUOTE])]
        return email.group(0), []
    return text, []
