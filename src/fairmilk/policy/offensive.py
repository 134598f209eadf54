"""Milk-offensive tracker: local milk in dairy processing against the ECOWAS target.

The ECOWAS milk offensive (regional strategy adopted 2020) aims to raise the share of local
fresh milk in dairy processing from about 5 % to at least 20 % (20-25 % by 2035) and to
double local production to 10 billion litres by 2030. The tracker lists, for the region and
for each West African country, every sourced observation side by side (conflicting sources
are not averaged), its distance to the target where it measures the target's quantity, and
a gap row for each country without data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from fairmilk.errors import ParameterError
from fairmilk.indicators.frame import Frame
from fairmilk.reference.catalog import read_rows
from fairmilk.text import msg

DATASET = "policy/milk_offensive"
TARGET_INDICATOR = "local_share_processing"
MODEL_LABEL = msg("Tracker: sourced observations compared with the target (no modelling)")


@dataclass(frozen=True, slots=True)
class OffensiveObs:
    """One sourced figure on local milk (share, collection rate, production) or a target."""

    geo: str
    indicator: str
    period: str
    value: float | None
    value_low: float | None
    value_high: float | None
    unit: str
    kind: str  # baseline | target | observed
    source_url: str
    note: str


def _num(text: str) -> float | None:
    return float(text) if text.strip() else None


def offensive_observations(rows: Iterable[Mapping[str, str]] | None = None) -> list[OffensiveObs]:
    """The figures of the reference file (or of the rows given)."""
    source = read_rows(DATASET) if rows is None else rows
    return [
        OffensiveObs(r["geo"], r["indicator"], r["period"], _num(r["value"]), _num(r["value_low"]),
                     _num(r["value_high"]), r["unit"], r["kind"], r["source_url"], r["note"])
        for r in source
    ]  # fmt: skip


@dataclass(frozen=True, slots=True)
class TrackerRow:
    """One observation (or a gap) with its distance to the target in percentage points."""

    geo: str
    indicator: str | None
    period: str | None
    low: float | None
    high: float | None
    unit: str | None
    kind: str | None
    target_pct: float
    to_target_pp: float | None
    source_url: str | None
    note: str


def _row(o: OffensiveObs, target: float) -> TrackerRow:
    low = o.value if o.value is not None else o.value_low
    high = o.value if o.value is not None else o.value_high
    best = high if high is not None else low
    is_target_measure = o.indicator == TARGET_INDICATOR and o.kind != "target"
    distance = target - best if (is_target_measure and best is not None) else None
    note = (
        o.note
        if is_target_measure or o.kind == "target"
        else msg("context, not the target measure; {note}", note=o.note)
    )
    return TrackerRow(o.geo, o.indicator, o.period, low, high, o.unit, o.kind, target, distance,
                      o.source_url, note)  # fmt: skip


def track(
    observations: Sequence[OffensiveObs], *, countries: Sequence[str], target_pct: float = 20.0
) -> list[TrackerRow]:
    """Every observation side by side, regions first, and a gap row per country without data."""
    if not 0 < target_pct <= 100:
        raise ParameterError(f"target must be within 0-100 %, found {target_pct:g}")
    rows = [_row(o, target_pct) for o in observations]
    have = {o.geo for o in observations}
    for c in countries:
        if c not in have:
            rows.append(TrackerRow(c, None, None, None, None, None, None, target_pct, None, None,
                                   msg("GAP: no sourced figure for this country")))  # fmt: skip
    return sorted(rows, key=lambda r: (len(r.geo) == 2, r.geo, r.indicator or "", r.period or ""))


COLUMNS = [
    "geo", "indicator", "period", "value_low", "value_high", "unit", "kind", "target_pct",
    "to_target_pp", "source_url", "note",
]  # fmt: skip


def tracker_frame(rows: Sequence[TrackerRow]) -> Frame:
    """The tracker rows as a table with sources and reading notes."""
    fields = ("geo", "indicator", "period", "low", "high", "unit", "kind", "target_pct",
              "to_target_pp", "source_url", "note")  # fmt: skip
    data = [tuple(getattr(r, f) for f in fields) for r in rows]
    notes: list[str] = [
        MODEL_LABEL,
        msg(
            "to_target_pp = target − observed share (upper end of a range), only for the share "
            "of local milk in dairy processing; other indicators are context."
        ),
        msg("Conflicting sources are listed side by side, never averaged; '–' is a gap."),
    ]
    sources = sorted({r.source_url for r in rows if r.source_url})
    title = msg("ECOWAS milk offensive tracker: local milk in dairy processing")
    return Frame(title, COLUMNS, data, sources, notes)


def offensive_table(*, countries: Sequence[str], target_pct: float = 20.0) -> Frame:
    """The tracker over the embedded figures for the given countries."""
    return tracker_frame(
        track(offensive_observations(), countries=countries, target_pct=target_pct)
    )
