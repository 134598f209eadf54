"""One function per chart, each returning a Vega-Lite spec (built with Altair).

The same spec is drawn in the browser (vega-embed, served by the app) and on the server
as SVG or PNG (vl-convert) for downloads and country briefs. Gaps (None) stay out of the
marks: a missing value is never drawn as zero.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import vl_convert

from fairmilk.outputs.tables import Result, _plain

VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.20"
WIDTH = 640
HEIGHT = 300
PALETTE = ("#1b5e7a", "#b5471b", "#2e7d32", "#6a3d9a", "#8a5a00", "#37474f", "#ad1457")

Spec = dict[str, Any]


def _records(result: Result, keep: Sequence[str]) -> list[dict[str, Any]]:
    """The rows as plain JSON-ready records, limited to the columns the chart draws."""
    return [{k: _plain(rec[k]) for k in keep} for rec in result.records()]


def _data(values: list[dict[str, Any]]) -> Any:
    """Inline data for a chart."""
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


def _finish(chart: alt.Chart, *, description: str) -> Spec:
    """The Vega-Lite dict, pinned to Vega-Lite 5, with a text description for screen readers."""
    spec: Spec = chart.properties(width=WIDTH, height=HEIGHT, description=description).to_dict()
    spec["$schema"] = VL_SCHEMA
    spec["config"] = {"range": {"category": list(PALETTE)}, "font": "sans-serif"}
    return spec


def bar_chart(
    result: Result,
    *,
    x: str,
    y: str,
    color: str | None,
    title: str,
    y_title: str,
    grouped: bool = False,
) -> Spec:
    """Bars of ``y`` by ``x``, stacked (or side by side if ``grouped``) by ``color``."""
    keep = [c for c in (x, y, color) if c]
    data = [r for r in _records(result, keep) if r[y] is not None]
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:O", title=None),
        "y": alt.Y(f"{y}:Q", title=y_title),
        "tooltip": [alt.Tooltip(f"{c}:N" if c != y else f"{c}:Q") for c in keep],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None)
    if color and grouped:
        encoding["xOffset"] = alt.XOffset(f"{color}:N")
        encoding["y"] = alt.Y(f"{y}:Q", title=y_title, stack=None)
    chart = alt.Chart(_data(data), title=title).mark_bar().encode(**encoding)
    return _finish(chart, description=f"{title}: {y_title}")


def line_chart(
    result: Result, *, x: str, y: str, color: str | None, title: str, y_title: str
) -> Spec:
    """Lines with points of ``y`` over ``x`` (one line per ``color``), gaps left out."""
    keep = [c for c in (x, y, color) if c]
    data = [r for r in _records(result, keep) if r[y] is not None]
    encoding: dict[str, Any] = {
        "x": alt.X(f"{x}:O", title=None),
        "y": alt.Y(f"{y}:Q", title=y_title),
        "tooltip": [alt.Tooltip(f"{c}:N" if c != y else f"{c}:Q") for c in keep],
    }
    if color:
        encoding["color"] = alt.Color(f"{color}:N", title=None)
    chart = alt.Chart(_data(data), title=title)
    chart = chart.mark_line(point=True).encode(**encoding)
    return _finish(chart, description=f"{title}: {y_title}")


def trade_chart(result: Result, *, by: str, measure: str, title: str, y_title: str) -> Spec:
    """The trade explorer chart: ``measure`` by ``by``, stacked by product category."""
    color = None if by == "category" else "category"
    return bar_chart(result, x=by, y=measure, color=color, title=title, y_title=y_title)


def series_chart(result: Result, *, title: str, y_title: str) -> Spec:
    """A time series chart of observations: ``value`` by ``year``, one line per ``label``."""
    return line_chart(result, x="year", y="value", color="label", title=title, y_title=y_title)


def comparison_chart(result: Result, *, title: str, y_title: str) -> Spec:
    """Side-by-side bars: ``value`` by ``label`` (for example per-litre prices by country)."""
    return bar_chart(result, x="label", y="value", color=None, title=title, y_title=y_title)


def render_svg(spec: Spec) -> str:
    """The chart drawn on the server as an SVG document."""
    return str(vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION))


def render_png(spec: Spec, *, scale: float = 2.0) -> bytes:
    """The chart drawn on the server as a PNG image."""
    return bytes(vl_convert.vegalite_to_png(spec, vl_version=VL_VERSION, scale=scale))
