"""Simulator of the EMB Market Responsibility Programme (MRP) over a historical series.

MODEL OUTPUT. The EMB does not publish its market index formula. fairmilk uses its own
documented proxy (an observatory construction, following the EMB's published description)::

    MI = 100 × (w_p × MA(price / full cost) + w_q × MA(product value / full cost)) / (w_p + w_q)

with MA a moving average over ``window`` observations. Phases (published thresholds): the
index falls 7.5 % below 100 -> 1 early warning; 15 % -> 2 voluntary reduction with a bonus;
25 % -> 3 compulsory cut. A phase never de-escalates until the index is back at 100 (exit).

Volumes withheld and bonus cost need deliveries: stated by the user (``MrpParams``) or
carried by each observation (``MrpObservation.monthly_deliveries_t``, e.g. Eurostat's, read
by ``mrp_run``); a period without deliveries has gap volumes. This module does no I/O; its
reader-facing text (label, phase names, notes) is in ``mrp_text``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fairmilk.policy.mrp_model import MrpObservation as MrpObservation
from fairmilk.policy.mrp_model import MrpParams as MrpParams
from fairmilk.policy.mrp_model import MrpStep as MrpStep
from fairmilk.policy.mrp_text import MODEL_LABEL as MODEL_LABEL
from fairmilk.policy.mrp_text import NO_INDEX_NOTE as NO_INDEX_NOTE
from fairmilk.policy.mrp_text import PHASE_NAMES as PHASE_NAMES
from fairmilk.policy.mrp_text import STATED as STATED
from fairmilk.policy.mrp_text import mrp_notes


@dataclass(slots=True)
class MrpResult:
    """The phase timeline, volumes withheld and bonus cost: model output."""

    steps: list[MrpStep]
    spells: list[tuple[str, str, int]]
    withheld_t: float | None
    bonus_eur: float | None
    notes: list[str] = field(default_factory=list)
    label: str = MODEL_LABEL


def _ratio(num: float | None, den: float | None) -> float | None:
    return None if num is None or den is None or den <= 0 else num / den


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known and len(known) == len(values) else None


def market_index(obs: Sequence[MrpObservation], params: MrpParams) -> list[float | None]:
    """The proxy market index of each period (None where a weighted input is missing)."""
    price = [_ratio(o.milk_price, o.full_cost) for o in obs]
    product = [_ratio(o.product_value, o.full_cost) for o in obs]
    out: list[float | None] = []
    total = params.price_weight + params.product_weight
    for i in range(len(obs)):
        lo = max(0, i - params.window + 1)
        parts = []
        for weight, series in ((params.price_weight, price), (params.product_weight, product)):
            if weight > 0:
                m = _mean(series[lo : i + 1]) if i - lo + 1 == params.window else None
                parts.append(None if m is None else weight * m)
        known = [p for p in parts if p is not None]
        out.append(100 * sum(known) / total if len(known) == len(parts) else None)
    return out


def next_phase(index: float, current: int, params: MrpParams) -> int:
    """The phase after a period with this index: escalate on falls, exit back at 100."""
    if index >= params.exit_index:
        return 0
    level = sum(index <= 100 - fall for fall in params.phase_falls)
    return max(current, level)


def step_deliveries(obs: MrpObservation, params: MrpParams) -> tuple[float | None, str | None]:
    """Deliveries of one step (t) and their source: stated by the user, else the period's own."""
    if params.monthly_deliveries_t is not None:
        return params.monthly_deliveries_t * params.months_per_step, STATED
    if obs.monthly_deliveries_t is None:
        return None, None
    return obs.monthly_deliveries_t * params.months_per_step, obs.deliveries_source


def volumes(
    phase: int, deliveries: float | None, params: MrpParams
) -> tuple[float | None, float | None]:
    """Tonnes withheld and bonus (EUR) in one step of this phase; None without deliveries.

    voluntary = D × participation × voluntary cut (phase 2 and 3), compulsory = D × cut
    (phase 3); bonus = voluntary × 10 × EUR/100 kg (the bonus is paid on the voluntary cut).
    """
    if deliveries is None:
        return None, None
    voluntary = deliveries * params.participation_pct / 100 * params.voluntary_cut_pct / 100
    compulsory = deliveries * params.compulsory_cut_pct / 100
    withheld = {0: 0.0, 1: 0.0, 2: voluntary, 3: voluntary + compulsory}[phase]
    bonus = voluntary * 10 * params.bonus_eur_per_100kg if phase >= 2 else 0.0
    return withheld, bonus


def _spells(steps: Sequence[MrpStep]) -> list[tuple[str, str, int]]:
    spells: list[tuple[str, str, int]] = []
    prev: str | None = None
    for s in steps:
        if s.phase and spells and spells[-1][2] == s.phase and spells[-1][1] == prev:
            spells[-1] = (spells[-1][0], s.period, s.phase)
        elif s.phase:
            spells.append((s.period, s.period, s.phase))
        prev = s.period
    return spells


def total(steps: Sequence[MrpStep], attr: str) -> float | None:
    """Sum over the simulated steps; a gap when a crisis step (phase 2-3) has no volume.

    Steps in phase 0-1 withhold nothing, so a missing delivery figure there changes no total.
    """
    values = [(s.phase, getattr(s, attr)) for s in steps if s.phase is not None]
    if any(v is None and phase >= 2 for phase, v in values):
        return None
    known = [v for _p, v in values if v is not None]
    return sum(known) if known else None


def simulate_mrp(obs: Sequence[MrpObservation], params: MrpParams | None = None) -> MrpResult:
    """Run the MRP over the series: index, phase per period, volumes withheld, bonus cost."""
    params = params or MrpParams()
    params.check()
    steps, phase = [], 0
    for o, index in zip(obs, market_index(obs, params), strict=True):
        deliveries, source = step_deliveries(o, params)
        if index is None:
            steps.append(MrpStep(o.period, None, None, None, None, deliveries, source))
            continue
        phase = next_phase(index, phase, params)
        withheld, bonus = volumes(phase, deliveries, params)
        steps.append(MrpStep(o.period, index, phase, withheld, bonus, deliveries, source))
    result = MrpResult(steps, _spells(steps), total(steps, "withheld_t"), total(steps, "bonus_eur"))
    result.notes += mrp_notes(params, steps)
    return result
