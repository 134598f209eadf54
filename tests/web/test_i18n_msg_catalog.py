"""Every ``msg(...)`` title and note in the sources has a French translation with its fields."""

from __future__ import annotations

import string

from i18n_messages import msg_calls, msg_templates

from fairmilk.outputs.i18n import catalog


def _fields(text: str) -> list[tuple[str, str]]:
    """The (name, format spec) of every ``{field}`` of a template, in order of names."""
    return sorted(
        (name, spec or "") for _t, name, spec, _c in string.Formatter().parse(text) if name
    )


def test_the_sources_hold_msg_templates() -> None:
    files = {where for where, _line, _t in msg_calls()}
    # The converted indicator and policy modules (other modules may join them later).
    for module in ("indicators/trade_text.py", "indicators/ffmp.py", "indicators/perlitre_table.py",
                   "indicators/anomaly.py", "indicators/price_tables.py", "policy/tariffs.py",
                   "policy/offensive.py", "policy/mrp_text.py", "policy/mrp_run.py",
                   "policy/mrp_compare.py"):  # fmt: skip
        assert module in files, f"{module} has no msg() title or note"


def test_every_msg_call_has_a_literal_template() -> None:
    dynamic = [f"{where}:{line}" for where, line, template in msg_calls() if template is None]
    assert not dynamic, f"msg() needs a literal template (found elsewhere): {dynamic}"


def test_every_msg_template_has_a_french_translation() -> None:
    missing = sorted(msg_templates() - set(catalog("fr")))
    assert not missing, f"no French for: {missing}"


def test_french_keeps_the_fields_and_formats_of_each_template() -> None:
    fr = catalog("fr")
    for template in sorted(msg_templates()):
        assert _fields(fr[template]) == _fields(template), template


def _words(text: str) -> str:
    """The literal text of a template, outside its fields."""
    return "".join(literal for literal, _n, _s, _c in string.Formatter().parse(text))


def test_french_differs_from_english_where_the_template_has_words() -> None:
    fr = catalog("fr")
    same = [t for t in msg_templates() if fr[t] == t and any(c.isalpha() for c in _words(t))]
    assert not same, f"French identical to English: {same}"
