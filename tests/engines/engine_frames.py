"""Two indicator frames are the same table: floats may differ in the last digits only."""

from __future__ import annotations

import math
from typing import Any

from fairmilk.indicators.frame import Frame

REL_TOL = 1e-9  # engines add floating-point numbers in different orders


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)
    return bool(a == b) and type(a) is type(b)


def assert_same_frame(expected: Frame, found: Frame) -> None:
    """Same title, columns, sources, notes and flag; the same rows, floats within REL_TOL."""
    assert (found.title, found.columns) == (expected.title, expected.columns)
    assert (found.sources, found.notes) == (expected.sources, expected.notes)
    assert found.synthetic == expected.synthetic
    assert len(found.rows) == len(expected.rows), expected.title
    for i, (want, got) in enumerate(zip(expected.rows, found.rows, strict=True)):
        bad = [
            (name, w, g)
            for name, w, g in zip(expected.columns, want, got, strict=True)
            if not _same_value(w, g)
        ]
        assert not bad, f"{expected.title}, row {i}: {bad}"
