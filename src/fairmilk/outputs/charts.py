"""One function per chart, each returning a Vega-Lite spec (built with Altair).

The same spec is drawn in the browser (vega-embed, served by the app) and on the server
as SVG or PNG (vl-convert) for downloads and country briefs. The rules, after the Our World
in Data and EU Milk Market Observatory charts:

- time is a time axis: years, months, quarters and days become dates (``chart_time``), so
  irregular periods sit at their true distance; a period that is no date (a span such as
  2010-2014) keeps an ordinal axis;
- a gap stays a gap: a missing value is ``null`` in the chart data, never 0; lines break at
  it, and bars that would stack over a gap are drawn side by side, with a note saying why;
- one colour per category everywhere: ``CATEGORY_COLOURS`` keyed by product category id
  (never by the translated name), other keys (country codes) by a stable hash;
- reference lines where they carry meaning (100 % cost coverage, the 20 % target);
- numbers and dates in the reader's language (``config.locale``: d3-format and
  d3-time-format locales);
- a description for screen readers; the browser widens the chart to its container.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import altair as alt
import vl_convert

from fairmilk.outputs.i18n import gettext, localise
from fairmilk.outputs.tables import SYNTHETIC_NOTE, Result, _plain

VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
VL_VERSION = "5.20"
WIDTH = 640
HEIGHT = 300
# Colour-blind-safe, distinct on white (Okabe-Ito and Tol "muted"), each with contrast >= 3.
PALETTE = ("#1b5e7a", "#b5471b", "#2e7d32", "#6a3d9a", "#8a5a00", "#37474f", "#ad1457",
           "#00695c", "#5d4037", "#283593", "#827717", "#4e342e")  # fmt: skip
CATEGORY_COLOURS: dict[str, str] = {
    "liquid_milk": "#1b5e7a",
    "cream": "#8a5a00",
    "smp": "#2e7d32",
    "wmp": "#6a3d9a",
    "ffmp": "#b5471b",
    "butter": "#827717",
    "cheese": "#ad1457",
    "whey": "#00695c",
    "condensed": "#283593",
    "yoghurt": "#5d4037",
    "infant_formula": "#37474f",
    "other": "#616161",
}
# Lines break at a null and draw no point there (Vega-Lite >= 5.19); ``invalid: null`` would
# draw a gap as 0, and the default ("filter") would join the line across it.
BREAK_AT_GAPS: Final = "break-paths-show-domains"
CITE = "Cite: fairmilk {version}, {title}, {url} (accessed {day})."
GAP_NOTE = "Some values are gaps (–): bars are shown side by side, not stacked."
# Reader text the charts choose at run time (each has a French translation, tested).
TEXTS = (GAP_NOTE, "Bar chart", "Line chart", "{kind} of {what} by {by}, {first} to {last}.",
         "Series: {names}.", "{n} values are gaps, not drawn.", "Source: {source}", "Sources:",
         "+ {n} more (see the page's sources)", CITE)  # fmt: skip
# fmt: off
LOCALES: dict[str, dict[str, Any]] = {
    "en": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", " €"]},
        "time": {
            "dateTime": "%a %b %e %X %Y", "date": "%m/%d/%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                     "Saturday"],
            "shortDays": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
            "months": ["January", "February", "March", "April", "May", "June", "July",
                       "August", "September", "October", "November", "December"],
            "shortMonths": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
                            "Oct", "Nov", "Dec"],
        },
    },
    "fr": {  # d3-format fr-FR (narrow no-break space) and d3-time-format fr-FR
        "number": {"decimal": ",", "thousands": "\u202f", "grouping": [3],
                   "currency": ["", "\u00a0€"], "percent": "\u202f%"},
        "time": {
            "dateTime": "%A %e %B %Y à %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"],
            "shortDays": ["dim.", "lun.", "mar.", "mer.", "jeu.", "ven.", "sam."],
            "months": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
                       "août", "septembre", "octobre", "novembre", "décembre"],
            "shortMonths": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août",
                            "sept.", "oct.", "nov.", "déc."],
        },
    },
}
# fmt: on

Spec = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal reference line at ``y`` with its (translated) label."""

    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Time:
    """How a period column reads as time: the date of each value and the Vega-Lite time unit."""

    dates: dict[str, str]
    unit: str | None  # None: not every period is a date; keep an ordinal axis


_GRAINS = (
    (re.compile(r"^(\d{4})$"), "year", lambda m: f"{m[1]}-01-01"),
    (re.compile(r"^(\d{4})-(\d{2})$"), "yearmonth", lambda m: f"{m[1]}-{m[2]}-01"),
    (re.compile(r"^(\d{4})-Q([1-4])$"), "yearquarter",
     lambda m: f"{m[1]}-{3 * int(m[2]) - 2:02d}-01"),
    (re.compile(r"^(\d{4})-(\d{2})-(\d{2})$"), "yearmonthdate", lambda m: m[0]),
)  # fmt: skip


def chart_time(values: Sequence[object]) -> Time:
    """Dates for periods (2019, '2019-03', '2019-Q1', '2019-03-15'); the finest grain wins."""
    dates: dict[str, str] = {}
    grains: set[str] = set()
    for value in values:
        text = str(value)
        for pattern, grain, to_date in _GRAINS:
            found = pattern.match(text)
            if found:
                dates[text] = to_date(found)
                grains.add(grain)
                break
        else:
            return Time({}, None)
    order = [g for _p, g, _d in _GRAINS]
    finest = max(grains, key=order.index) if grains else None
    return Time(dates, finest)


def colour_of(key: str) -> str:
    """The colour of a category id (fixed) or of any other key (a stable hash of the key)."""
    if key in CATEGORY_COLOURS:
        return CATEGORY_COLOURS[key]
    return PALETTE[zlib.crc32(key.encode("utf-8")) % len(PALETTE)]


def colour_scale(pairs: Sequence[tuple[str, str]]) -> alt.Scale:
    """A colour scale over shown labels, each coloured by its id: [(label, id), ...]."""
    seen = dict(pairs)
    labels = sorted(seen, key=lambda label: (seen[label], label))
    used: set[str] = set()
    colours = []
    for label in labels:
        colour = colour_of(seen[label])
        if colour in used and seen[label] not in CATEGORY_COLOURS:  # a hash clash in one chart
            colour = next((c for c in PALETTE if c not in used), colour)
        used.add(colour)
        colours.append(colour)
    return alt.Scale(domain=labels, range=colours)


def _records(result: Result, keep: Sequence[str]) -> list[dict[str, Any]]:
    """The rows as plain JSON-ready records (gaps as None), limited to the columns drawn."""
    return [{k: _plain(rec[k]) for k in keep} for rec in result.records()]


def _data(values: list[dict[str, Any]]) -> Any:
    return alt.Data(values=values)  # type: ignore[no-untyped-call]


def describe(result: Result, *, x: str, y: str, color: str | None, kind: str, y_title: str) -> str:
    """A text alternative: what is drawn, over which range, which series, how many gaps."""
    _ = lambda text, **v: gettext(result.lang, text).format(**v)  # noqa: E731
    recs = result.records()
    xs = [str(r[x]) for r in recs if r[x] is not None]
    gaps = sum(1 for r in recs if r[y] is None)
    parts = [
        _("{kind} of {what} by {by}, {first} to {last}.", kind=_(kind), what=y_title,
          by=_(x), first=min(xs, default="–"), last=max(xs, default="–")),
    ]  # fmt: skip
    if color:
        series = sorted({str(r[color]) for r in recs if r[color] is not None})
        parts.append(_("Series: {names}.", names=", ".join(series[:12])))
    if gaps:
        parts.append(_("{n} values are gaps, not drawn.", n=gaps))
    return " ".join(parts)


def _x(x: str, time: Time) -> Any:
    unit: Any = time.unit
    if unit:
        return alt.X(f"{x}_date:T", timeUnit=unit, title=None)
    return alt.X(f"{x}:O", title=None, sort=None)


def _dated(data: list[dict[str, Any]], x: str, time: Time) -> list[dict[str, Any]]:
    if time.unit:
        for rec in data:
            rec[f"{x}_date"] = time.dates.get(str(rec[x]))
    return data


def _encoding(
    result: Result, x: str, y: str, color: str | None, y_title: str, color_key: str | None
) -> tuple[list[dict[str, Any]], Time, dict[str, Any]]:
    keep = list(dict.fromkeys(c for c in (x, y, color, color_key) if c))
    data = _records(result, keep)
    time = chart_time([r[x] for r in data if r[x] is not None])
    data = _dated(data, x, time)
    tips = [alt.Tooltip(f"{c}:Q" if c == y else f"{c}:N", title=gettext(result.lang, c))
            for c in (x, y, color) if c]  # fmt: skip
    encoding: dict[str, Any] = {
        "x": _x(x, time),
        "y": alt.Y(f"{y}:Q", title=y_title),
        "tooltip": tips,
    }
    if color:
        pairs = [(str(r[color]), str(r[color_key or color])) for r in data if r[color] is not None]
        encoding["color"] = alt.Color(f"{color}:N", title=None, scale=colour_scale(pairs),
                                      legend=alt.Legend(orient="bottom", columns=2))  # fmt: skip
    return data, time, encoding


def _rules(rules: Sequence[Rule]) -> list[alt.Chart]:
    layers = []
    for rule in rules:
        base = alt.Chart(_data([{"y": rule.y, "label": rule.label}]))
        layers.append(base.mark_rule(color="#333", strokeDash=[4, 3]).encode(y="y:Q"))
        text = base.mark_text(align="left", baseline="bottom", dx=2, dy=-2, color="#333")
        layers.append(text.encode(y="y:Q", text="label:N", x=alt.value(0)))
    return layers


def _finish(
    chart: alt.Chart, result: Result, *, title: str, description: str, notes: Sequence[str] = ()
) -> Spec:
    """The Vega-Lite dict, pinned to Vega-Lite 5: size, title, locale, palette, description."""
    subtitle = [gettext(result.lang, SYNTHETIC_NOTE)] if result.synthetic else []
    subtitle += [gettext(result.lang, n) for n in notes]
    head: dict[str, Any] = {"text": title, "anchor": "start"}
    if subtitle:
        head["subtitle"] = subtitle
    spec: Spec = chart.properties(
        width=WIDTH, height=HEIGHT, description=description, title=head
    ).to_dict()
    spec["$schema"] = VL_SCHEMA
    spec["usermeta"] = {"synthetic": result.synthetic, "lang": result.lang}
    spec["config"] = {
        "range": {"category": list(PALETTE)},
        "font": "sans-serif",
        "mark": {"color": PALETTE[0]},
        "locale": LOCALES.get(result.lang, LOCALES["en"]),
        "title": {"subtitleColor": "#8a1c1c" if result.synthetic else "#333"},
    }
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
    color_key: str | None = None,
    rules: Sequence[Rule] = (),
) -> Spec:
    """Bars of ``y`` by ``x``, stacked (or side by side if ``grouped``) by ``color``.

    Bars never stack over a gap: when a value is missing they stand side by side and the
    chart says so. ``color_key`` names the id column that fixes each colour (the category
    id of a translated product name).
    """
    data, time, encoding = _encoding(result, x, y, color, y_title, color_key)
    notes = []
    if color and not grouped and any(r[y] is None for r in data):
        grouped, notes = True, [GAP_NOTE]
    if color and grouped:
        encoding["xOffset"] = alt.XOffset(f"{color}:N", sort="ascending")
        encoding["y"] = alt.Y(f"{y}:Q", title=y_title, stack=None)
    if time.unit and color and grouped:  # side by side needs bands: one per period, in order
        unit: Any = time.unit
        encoding["x"] = alt.X(f"{x}_date:O", timeUnit=unit, title=None)
    bars = alt.Chart(_data(data)).mark_bar().encode(**encoding)
    chart: Any = alt.layer(bars, *_rules(rules)) if rules else bars
    desc = describe(result, x=x, y=y, color=color, kind="Bar chart", y_title=y_title)
    return _finish(chart, result, title=title, description=desc, notes=notes)


def line_chart(
    result: Result,
    *,
    x: str,
    y: str,
    color: str | None,
    title: str,
    y_title: str,
    color_key: str | None = None,
    rules: Sequence[Rule] = (),
) -> Spec:
    """Lines with points of ``y`` over time ``x`` (one line per ``color``), broken at gaps.

    Periods of different grains (a year and the months of another year) are separate lines.
    """
    data, time, encoding = _encoding(result, x, y, color, y_title, color_key)
    if time.unit:
        for rec in data:
            rec["grain"] = len(str(rec[x]))
        encoding["detail"] = alt.Detail("grain:O")
    lines = alt.Chart(_data(data)).mark_line(point=True, invalid=BREAK_AT_GAPS).encode(**encoding)
    chart: Any = alt.layer(lines, *_rules(rules)) if rules else lines
    desc = describe(result, x=x, y=y, color=color, kind="Line chart", y_title=y_title)
    return _finish(chart, result, title=title, description=desc)


def trade_chart(result: Result, *, by: str, measure: str, title: str, y_title: str) -> Spec:
    """The trade explorer chart: ``measure`` by ``by``, stacked by product.

    The colour is the product name when the result has one (``product``), fixed by the
    category id; else the category id itself.
    """
    name = "product" if "product" in result.columns else "category"
    color = None if by == "category" else name
    return bar_chart(
        result, x=by, y=measure, color=color, title=title, y_title=y_title,
        color_key="category" if color else None,
    )  # fmt: skip


def series_chart(result: Result, *, title: str, y_title: str) -> Spec:
    """A time series chart of observations: ``value`` by ``year``, one line per ``label``."""
    return line_chart(result, x="year", y="value", color="label", title=title, y_title=y_title)


def comparison_chart(result: Result, *, title: str, y_title: str) -> Spec:
    """Side-by-side bars: ``value`` by ``label`` (for example per-litre prices by country)."""
    return bar_chart(result, x="label", y="value", color=None, title=title, y_title=y_title)


def for_download(spec: Spec, *, sources: Sequence[str], citation: str, lang: str) -> Spec:
    """A copy of the spec for an image file: title, synthetic label, sources and citation.

    A downloaded image travels alone, so it carries in itself what the page shows around it.
    """
    out = dict(spec)
    head = dict(spec.get("title") or {})
    lines = list(head.get("subtitle") or [])
    src = [str(localise(s, lang)) for s in sources[:3]]
    src = [s if len(s) < 110 else s[:107] + "…" for s in src]
    label = gettext(lang, "Source: {source}") if len(src) == 1 else gettext(lang, "Sources:")
    lines += [label.format(source=src[0])] if len(src) == 1 else [label, *src]
    if len(sources) > 3:
        more = gettext(lang, "+ {n} more (see the page's sources)")
        lines.append(more.format(n=len(sources) - 3))
    lines.append(citation)
    head["subtitle"] = lines
    head.setdefault("anchor", "start")
    out["title"] = head
    return out


def render_svg(spec: Spec) -> str:
    """The chart drawn on the server as an SVG document."""
    return str(vl_convert.vegalite_to_svg(spec, vl_version=VL_VERSION))


def render_png(spec: Spec, *, scale: float = 2.0) -> bytes:
    """The chart drawn on the server as a PNG image."""
    return bytes(vl_convert.vegalite_to_png(spec, vl_version=VL_VERSION, scale=scale))


def colours_of(spec: Mapping[str, Any]) -> dict[str, str]:
    """The label -> colour map of a chart (for tests and legends elsewhere)."""
    layers = spec.get("layer") or [spec]
    for layer in layers:
        scale = layer.get("encoding", {}).get("color", {}).get("scale")
        if scale:
            return dict(zip(scale["domain"], scale["range"], strict=True))
    return {}
