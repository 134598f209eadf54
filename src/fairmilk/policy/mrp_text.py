"""Reader-facing text of the MRP simulator: its label, phase names and notes, translatable.

Every text is a ``fairmilk.text.msg`` (English, with a French translation in the catalog).
"""

from __future__ import annotations

from collections.abc import Sequence

from fairmilk.policy.mrp_model import MrpParams, MrpStep
from fairmilk.text import join, msg

MODEL_LABEL = msg("MODEL OUTPUT (fairmilk simulation, not an EMB or EU figure)")
PHASE_NAMES = {
    0: msg("none"),
    1: msg("early warning"),
    2: msg("voluntary reduction"),
    3: msg("compulsory cut"),
}
STATED = msg("stated")  # the deliveries_source of deliveries stated by the user
NO_INDEX_NOTE = msg(
    "No period has a market index, so there is nothing to chart: the index needs a full cost "
    "and each weighted input (milk price, product value) for the same month."
)


def mrp_notes(params: MrpParams, steps: Sequence[MrpStep]) -> list[str]:
    """The notes of a run: the model label, the assumptions, and what the volumes cover."""
    notes: list[str] = [
        MODEL_LABEL,
        msg(
            "Index weights: price/cost {price:g}, product value/cost {product:g} (observatory "
            "proxy; EMB weights not published); moving average over {window} observation(s).",
            price=params.price_weight, product=params.product_weight, window=params.window,
        ),
        msg(
            "Assumptions: participation {share:g} % of deliveries cutting {cut:g} %; compulsory "
            "cut {compulsory:g} %; bonus {bonus:g} EUR/100 kg (2016 EU scheme rate).",
            share=params.participation_pct, cut=params.voluntary_cut_pct,
            compulsory=params.compulsory_cut_pct, bonus=params.bonus_eur_per_100kg,
        ),
    ]  # fmt: skip
    notes += _volume_notes(params, [s for s in steps if s.phase is not None])
    gaps = sum(s.index is None for s in steps)
    if gaps:
        notes.append(
            msg("{n} period(s) without an index (missing input or moving-average start).", n=gaps)
        )
    return notes


def _volume_notes(params: MrpParams, simulated: Sequence[MrpStep]) -> list[str]:
    """Where deliveries come from, which are missing, and what the totals cover."""
    if not simulated:
        return [NO_INDEX_NOTE]
    notes: list[str] = []
    if params.monthly_deliveries_t is not None:
        notes.append(
            msg(
                "Deliveries stated by the user: {tonnes:g} t a month (an assumption), used for "
                "every period.",
                tonnes=params.monthly_deliveries_t,
            )
        )
    missing = [s.period for s in simulated if s.deliveries_t is None]
    if len(missing) == len(simulated):
        notes.append(
            msg("Volumes and bonus cost are gaps: state monthly deliveries to compute them.")
        )
    elif missing:
        notes.append(
            msg(
                "No deliveries for {periods}: volumes there are gaps; totals are gaps when a gap "
                "falls in a crisis phase (2-3).",
                periods=join(missing, ", "),
            )
        )
    notes.append(
        msg(
            "Totals count {n} simulated period(s) of {months:g} month(s) each; months between "
            "the observations are not simulated.",
            n=len(simulated),
            months=params.months_per_step,
        )
    )
    return notes
