"""Golden files: indicator tables on the synthetic fixture store, compared exactly.

Regenerate after an intended change with ``FAIRMILK_REGEN_GOLDEN=1 pytest tests/indicators``
and review the diff of tests/indicators/golden/ before committing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.trade import trade_frame
from fairmilk.outputs.exports import to_result
from fairmilk.outputs.tables import to_csv

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("FAIRMILK_REGEN_GOLDEN") == "1"

CASES: dict[str, Callable[[duckdb.DuckDBPyConnection], Frame]] = {
    "trade_default": lambda c: trade_frame(c),
    "trade_west_africa_by_category": lambda c: trade_frame(
        c, exporters=["eu27"], destinations=["west-africa"], by=("year", "category")
    ),
    "trade_by_region": lambda c: trade_frame(c, by=("year", "region")),
    "trade_ecowas_monthly": lambda c: trade_frame(
        c, destinations=["ecowas"], by=("year", "month", "destination")
    ),
    "trade_imports": lambda c: trade_frame(c, flow="import"),
    "ffmp_series": lambda c: ffmp_frame(c),
    "ffmp_share": lambda c: ffmp_frame(c, share=True),
    "dependency": lambda c: dependency_frame(c),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_golden(tcon: duckdb.DuckDBPyConnection, name: str) -> None:
    text = to_csv(to_result(CASES[name](tcon)))
    path = GOLDEN / f"{name}.csv"
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name}: run with FAIRMILK_REGEN_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{path.name} differs from the golden file"
