"""Every declared indicator has EN and FR text, a unit, inputs and a documented anchor."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.registry import all_indicators, get

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("ind", all_indicators(), ids=lambda i: i.id)
def test_declared_in_both_languages(ind: object) -> None:
    for name in ("title_en", "title_fr", "unit", "method_en", "method_fr"):
        assert getattr(ind, name).strip(), f"{name} is empty"
    assert ind.title_en != ind.title_fr  # type: ignore[attr-defined]
    assert ind.inputs  # type: ignore[attr-defined]


@pytest.mark.parametrize("ind", all_indicators(), ids=lambda i: i.id)
def test_documented(ind: object) -> None:
    page, _, anchor = ind.doc.partition("#")  # type: ignore[attr-defined]
    text = (ROOT / page).read_text(encoding="utf-8")
    assert f'<a id="{anchor}"></a>' in text, f"{page} has no anchor {anchor}"
    fr = (ROOT / page.replace(".md", ".fr.md")).read_text(encoding="utf-8")
    assert f'<a id="{anchor}"></a>' in fr


def test_get_by_id() -> None:
    assert get("ffmp_exports_t").unit == "t"
    with pytest.raises(ParameterError, match="expected one of"):
        get("nope")
