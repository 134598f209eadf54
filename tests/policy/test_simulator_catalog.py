"""Every simulator is declared in English and French and has a methodology page in both."""

from __future__ import annotations

from pathlib import Path

import pytest

from fairmilk.indicators.indicator import Indicator
from fairmilk.policy.catalog import SIMULATORS

ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("sim", SIMULATORS, ids=lambda s: s.id)
def test_declared_and_documented(sim: Indicator) -> None:
    assert sim.title_en != sim.title_fr
    assert sim.method_en.strip()
    assert sim.method_fr.strip()
    page, _, anchor = sim.doc.partition("#")
    for path in (ROOT / page, ROOT / page.replace(".md", ".fr.md")):
        assert f'<a id="{anchor}"></a>' in path.read_text(encoding="utf-8"), path
