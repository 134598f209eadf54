"""The MRP simulator's inputs and states: parameters, observed periods and simulated steps.

Kept apart from the simulator (``mrp``) so that its reader-facing text (``mrp_text``) can
name these types without importing the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass

from fairmilk.errors import ParameterError


@dataclass(frozen=True, slots=True)
class MrpParams:
    """Simulator parameters; comments say which are published and which are assumptions."""

    price_weight: float = 0.5  # ASSUMPTION (observatory proposal; EMB weights not published)
    product_weight: float = 0.5  # ASSUMPTION (observatory proposal)
    window: int = 3  # ASSUMPTION: 3-observation moving average (observatory proposal)
    phase_falls: tuple[float, float, float] = (7.5, 15.0, 25.0)  # published (EMB)
    exit_index: float = 100.0  # published (EMB, AHDB)
    voluntary_cut_pct: float = 5.0  # published minimum cut for the bonus (EMB, NFU)
    participation_pct: float = 30.0  # ASSUMPTION: share of deliveries whose producers cut
    compulsory_cut_pct: float = 2.5  # published range 2-3 %: midpoint ASSUMPTION
    bonus_eur_per_100kg: float = 14.0  # ASSUMPTION: the 2016 EU scheme rate (EMB: not published)
    monthly_deliveries_t: float | None = None  # stated by the user: overrides each period's own
    months_per_step: float = 1.0  # months each observation stands for (3 for quarterly data)

    def check(self) -> None:
        """Raise ParameterError for weights, thresholds or rates out of range."""
        if self.price_weight < 0 or self.product_weight < 0:
            raise ParameterError("index weights must be >= 0")
        if self.price_weight + self.product_weight <= 0:
            raise ParameterError("at least one index weight must be > 0")
        if self.window < 1:
            raise ParameterError("window must be at least 1 observation")
        a, b, c = self.phase_falls
        if not 0 < a < b < c < 100:
            raise ParameterError("phase falls must rise strictly within 0-100 %, e.g. 7.5, 15, 25")
        for name in ("voluntary_cut_pct", "participation_pct", "compulsory_cut_pct"):
            if not 0 <= getattr(self, name) <= 100:
                raise ParameterError(f"{name} must be within 0-100 %")
        if self.bonus_eur_per_100kg < 0 or (self.monthly_deliveries_t or 0) < 0:
            raise ParameterError("bonus rate and deliveries must be >= 0")


@dataclass(frozen=True, slots=True)
class MrpObservation:
    """One period of the input series: milk price, product value and full cost (EUR c/kg).

    ``monthly_deliveries_t`` is the period's own monthly deliveries (t) and
    ``deliveries_source`` says where they come from; None leaves the volumes a gap.
    """

    period: str
    milk_price: float | None
    product_value: float | None
    full_cost: float | None
    monthly_deliveries_t: float | None = None
    deliveries_source: str | None = None


@dataclass(frozen=True, slots=True)
class MrpStep:
    """The simulated state of one period."""

    period: str
    index: float | None
    phase: int | None
    withheld_t: float | None
    bonus_eur: float | None
    deliveries_t: float | None = None  # deliveries of the whole step (months_per_step)
    deliveries_source: str | None = None
