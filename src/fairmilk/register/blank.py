"""The blank form as plain text, built from the form declared as data: every printed prompt
on its own line, boxes as ☐, so that a filled copy reads back field by field."""

from __future__ import annotations

from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.form import Field, Form, Heading
from fairmilk.register.lines import norm


def _prompt(form: Form, anchor: str) -> str:
    """The whole printed prompt that starts with ``anchor`` (the anchor if none is longer)."""
    key = norm(anchor)
    longer = [p for p in form.printed if norm(p).startswith(key)]
    return max(longer, key=len) if longer else anchor


def _item(form: Form, item: Field | Heading) -> list[str]:
    if item.anchor is None:
        return []
    lines = [_prompt(form, item.anchor)]
    if isinstance(item, Field):
        lines += [f"☐ {option.label_en}" for option in item.options]
        if item.kind not in ("boxes", "yesno", "tick"):
            lines.append("")
    return lines


def blank_form(form: Form = CFS_2019) -> str:
    """The form as text, to fill in and upload (answers go under each prompt)."""
    out = [form.title_en, "", "Write each answer under its question; tick boxes as ☒.", ""]
    for section in form.sections:
        out += [section.title_en, ""]
        for item in section.items:
            out += _item(form, item)
        out.append("")
    return "\n".join(out)
