"""Contact details found in answers meant for the public (an e-mail address, a phone number,
the contact's own name, e.g. a contact block typed on one line) are held back: replaced in
the public record by a mark, and kept apart for the moderator only."""

from __future__ import annotations

import re
from dataclasses import replace

from fairmilk.register.record import ParseWarning, Submission, Value
from fairmilk.register.warning_text import warn

MARK = "[contact withheld]"
CONTACT_FIELDS = ("contact_name", "contact_email")
SHORT_LINE = 200  # a short line holding an address is held back whole (a contact block)
_EMAIL = re.compile(r"(?:mailto:)?[\w.+-]+(?:@|\s*\[at\]\s*)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
_PHONE = re.compile(
    r"(?:(?<![\w+])(?:\+|00)\d[\d\s().-]{6,}\d"  # international: +221 77 123 45 67
    r"|\b0\d(?:[\s.-]?\d{2}){4}\b"  # national, in pairs: 01 23 45 67 89
    r"|\b\d{2}[\s.-]\d{3}(?:[\s.-]\d{2}){2}\b"  # national, West Africa: 77 123 45 67
    r"|(?i:\b(?:tel|tél|phone|téléphone|telephone|mobile|cell|whatsapp|fax)\b)\.?\s*:?\s*"
    r"\+?\d[\d\s().-]{6,}\d)"  # after a telephone word
)


def contact_patterns(own: list[Value]) -> list[re.Pattern[str]]:
    """E-mail and phone patterns, and the contact's own name and address as typed."""
    names = [re.compile(re.escape(v.strip()), re.IGNORECASE) for v in own
             if isinstance(v, str) and len(v.strip()) >= 4]  # fmt: skip
    return [_EMAIL, _PHONE, *names]


def scrub(text: str, patterns: list[re.Pattern[str]]) -> tuple[str, list[str]]:
    """``text`` with every contact detail replaced by MARK, and the lines held back."""
    held: list[str] = []
    out: list[str] = []
    for line in text.split("\n"):
        if not any(p.search(line) for p in patterns):
            out.append(line)
            continue
        held.append(line.strip())
        if len(line) <= SHORT_LINE:
            out.append(MARK)
            continue
        for pattern in patterns:
            line = pattern.sub(MARK, line)
        out.append(line)
    return "\n".join(out), held


def _value(value: Value, patterns: list[re.Pattern[str]]) -> tuple[Value, list[str]]:
    if isinstance(value, str):
        return scrub(value, patterns)
    if isinstance(value, list):
        pairs = [scrub(v, patterns) for v in value]
        return [p[0] for p in pairs], [h for p in pairs for h in p[1]]
    return value, []


def _scrub_warning(warning: ParseWarning, patterns: list[re.Pattern[str]]) -> ParseWarning:
    """A warning without contact details, in its message and in the text it quotes."""
    params = {k: scrub(v, patterns)[0] if isinstance(v, str) else v
              for k, v in warning.params.items()}  # fmt: skip
    return replace(warning, message=scrub(warning.message, patterns)[0], params=params)


def withhold(sub: Submission) -> tuple[Submission, list[tuple[str, str]]]:
    """A copy of ``sub`` safe to publish, and the (field, line) pairs held back from it."""
    patterns = contact_patterns([sub.values.get(k) for k in CONTACT_FIELDS])
    values: dict[str, Value] = {}
    held: list[tuple[str, str]] = []
    for key, value in sub.values.items():
        if key in CONTACT_FIELDS:
            values[key] = value
            continue
        values[key], lines = _value(value, patterns)
        held.extend((key, line) for line in lines)
    warnings = [_scrub_warning(w, patterns) for w in sub.warnings]
    warnings += [
        warn(f, "contact_withheld", "contact_withheld") for f in dict.fromkeys(f for f, _l in held)
    ]
    return replace(
        sub,
        values=values,
        citations=[replace(c, sentence=scrub(c.sentence, patterns)[0]) for c in sub.citations],
        facts=[replace(f, sentence=scrub(f.sentence, patterns)[0]) for f in sub.facts],
        warnings=warnings,
    ), held
