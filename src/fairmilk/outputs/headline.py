"""The headline tables of ``fairmilk build`` as sourced results (data: indicators.headline)."""

from __future__ import annotations

from fairmilk.indicators.frame import Con
from fairmilk.indicators.headline import headline_frames
from fairmilk.outputs.exports import to_result
from fairmilk.outputs.tables import Result


def headline_results(con: Con) -> list[Result]:
    """EU exports to West Africa by category, FFMP share, import dependency, published FFMP."""
    return [to_result(frame) for frame in headline_frames(con)]
