"""ECOWAS tariff scenario: move powders between CET bands, change levies, see the per-litre effect.

MODEL OUTPUT. For each country and powder, the landed cost of a litre of reconstituted milk
is computed twice with the per-litre indicator: with the measures in force, and with the
scenario's measures. An optional import-demand response uses constant price elasticities
over a stated sensitivity range (ASSUMPTION: no sourced elasticity was found)::

    import change % = 100 × ((scenario landed / base landed) ** elasticity − 1)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from fairmilk.errors import ParameterError
from fairmilk.indicators.dumping import POWDERS
from fairmilk.indicators.frame import Con, Frame
from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.perlitre_table import PerLitreInputs, PerLitreRow, build_row
from fairmilk.indicators.price_tables import per_litre_inputs, west_africa
from fairmilk.indicators.taxes import CET_BANDS, TaxMeasure, tax_measures
from fairmilk.text import Msg, join, msg, term

MODEL_LABEL = msg("MODEL OUTPUT (fairmilk tariff scenario, not an official projection)")
DEFAULT_ELASTICITIES = (-0.5, -1.0, -1.5)  # ASSUMPTION: sensitivity range, not sourced


@dataclass(frozen=True, slots=True)
class TariffScenario:
    """What changes: CET band per powder, levy rates by measure id, measures switched on."""

    duty_pct: Mapping[str, float] = field(default_factory=dict)
    levy_pct: Mapping[str, float | None] = field(default_factory=dict)
    include: tuple[str, ...] = ()
    elasticities: tuple[float, ...] = DEFAULT_ELASTICITIES

    def check(self, measures: Sequence[TaxMeasure]) -> None:
        """Raise ParameterError for a rate off the CET bands, an unknown measure or elasticity."""
        for cat, rate in self.duty_pct.items():
            if rate not in CET_BANDS:
                raise ParameterError(f"{cat}: duty must be a CET band {CET_BANDS}, found {rate:g}")
        known = {m.measure: m for m in measures}
        for mid in [*self.levy_pct, *self.include]:
            if mid not in known:
                raise ParameterError(f"unknown measure {mid!r}; expected one of {sorted(known)}")
        for mid, levy in self.levy_pct.items():
            if known[mid].kind != "levy" or (levy is not None and not 0 <= levy <= 100):
                raise ParameterError(f"{mid}: expected a levy and a rate within 0-100 %")
        if any(e > 0 for e in self.elasticities):
            raise ParameterError("import-demand elasticities must be <= 0")


def scenario_measures(measures: Sequence[TaxMeasure], scenario: TariffScenario) -> list[TaxMeasure]:
    """The measures as the scenario would have them."""
    out = []
    included = [m for m in measures if m.measure in scenario.include and m.kind == "duty"]
    moved = set(scenario.duty_pct) | {c for m in included for c in m.categories}
    for m in measures:
        if m in included:  # an included duty (a proposed band) replaces the duty in force
            m = replace(m, categories=tuple(c for c in m.categories if c not in scenario.duty_pct))
        elif m.kind == "duty" and moved & set(m.categories):
            m = replace(m, categories=tuple(c for c in m.categories if c not in moved))
        if m.measure in scenario.levy_pct:
            rate = scenario.levy_pct[m.measure]
            m = replace(m, rate_pct=rate, status="in_force" if rate is not None else "removed")
        if m.measure in scenario.include:
            m = replace(m, status="in_force", valid_from=None, valid_to=None)
        if m.categories:
            out.append(m)
    for cat, rate in scenario.duty_pct.items():
        out.append(
            TaxMeasure(f"scenario_cet_{cat}", "duty", ("ecowas", "waemu"), (cat,), rate,
                       None, None, "in_force", "scenario", "scenario CET band")
        )  # fmt: skip
    return out


@dataclass(frozen=True, slots=True)
class TariffRow:
    """The base and scenario rows of one country and powder, and the demand response."""

    base: PerLitreRow
    scenario: PerLitreRow
    import_change_pct: tuple[float | None, ...]


def _landed(row: PerLitreRow) -> float | None:
    return row.comparison.landed_per_litre if row.comparison else None


def import_response(base: float | None, new: float | None, elasticity: float) -> float | None:
    """Percent change in imports for a price change, at a constant elasticity."""
    if base is None or new is None or base <= 0:
        return None
    return 100.0 * (float((new / base) ** elasticity) - 1.0)


def simulate_tariffs(
    inputs: PerLitreInputs,
    scenario: TariffScenario,
    *,
    countries: Sequence[str],
    powders: Sequence[str],
    params: PerLitreParams | None = None,
    year: int | None = None,
) -> list[TariffRow]:
    """Base vs scenario landed cost per litre and gap, per country and powder."""
    params = params or PerLitreParams()
    scenario.check(inputs.measures)
    changed = replace(inputs, measures=scenario_measures(inputs.measures, scenario))
    rows = []
    for country in countries:
        for cat in powders:
            base = build_row(country, cat, inputs, params, year)
            new = build_row(country, cat, changed, params, year)
            resp = tuple(
                import_response(_landed(base), _landed(new), e) for e in scenario.elasticities
            )
            rows.append(TariffRow(base, new, resp))
    return rows


def _change(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or a == 0 else 100.0 * (b / a - 1.0)


def _gap(row: PerLitreRow) -> tuple[float | None, float | None]:
    c = row.comparison
    return (c.gap_low, c.gap_high) if c else (None, None)


def tariff_frame(rows: Sequence[TariffRow], scenario: TariffScenario) -> Frame:
    """The scenario table: landed cost and gap before and after, and the import response."""
    cols = ["country", "category", "year", "currency", "duty_base_pct", "duty_scenario_pct",
            "levy_base_pct", "levy_scenario_pct", "landed_base_per_litre",
            "landed_scenario_per_litre", "change_pct", "local_price_low", "local_price_high",
            "gap_base_low", "gap_base_high", "gap_scenario_low", "gap_scenario_high"]  # fmt: skip
    cols += [f"imports_pct_e{e:g}" for e in scenario.elasticities]
    data = []
    for r in rows:
        b, s = r.base, r.scenario
        duty = (b.stack.duty_pct if b.stack else None, s.stack.duty_pct if s.stack else None)
        levy = (b.stack.levy_pct if b.stack else None, s.stack.levy_pct if s.stack else None)
        landed = (_landed(b), _landed(s), _change(_landed(b), _landed(s)))
        head = (b.country, b.category, b.year, b.currency)
        data.append((*head, *duty, *levy, *landed, b.local_low, b.local_high, *_gap(b),
                     *_gap(s), *r.import_change_pct))  # fmt: skip
    notes: list[str] = [
        MODEL_LABEL,
        scenario_note(scenario),
        msg(
            "Import-demand elasticities {values}: a sensitivity range (ASSUMPTION, no sourced "
            "elasticity); imports % = (new/base price)^e − 1.",
            values=join(scenario.elasticities, " / "),
        ),
    ]
    sources = sorted({u for r in rows if r.base.stack for u in r.base.stack.sources})
    title = msg("ECOWAS tariff scenario: landed cost per litre")
    return Frame(title, cols, data, sources, notes)


def scenario_note(scenario: TariffScenario) -> Msg:
    """What the scenario changes, in one sentence (rates in %; a removed levy says so)."""
    duties = [msg("{what} {rate:g} %", what=term(c), rate=r) for c, r in scenario.duty_pct.items()]
    levies = [
        msg("{what} removed", what=m) if r is None else msg("{what} {rate:g} %", what=m, rate=r)
        for m, r in scenario.levy_pct.items()
    ]
    return msg(
        "Scenario: CET {duties}; levies {levies}; added {added}.",
        duties=join(duties, ", ") if duties else msg("unchanged"),
        levies=join(levies, ", ") if levies else msg("unchanged"),
        added=join(scenario.include, ", ") if scenario.include else msg("none"),
    )


def tariff_scenario_table(
    con: Con,
    scenario: TariffScenario,
    *,
    countries: Sequence[str] = (),
    powders: Sequence[str] = POWDERS,
    params: PerLitreParams | None = None,
    year: int | None = None,
) -> Frame:
    """Run a tariff scenario on the store's data and return its table."""
    params = params or PerLitreParams()
    scenario.check(tax_measures())  # fail fast, before reading the store
    wanted = list(countries) or west_africa()
    inputs, sources, synthetic = per_litre_inputs(con, countries=wanted, stage=params.stage)
    rows = simulate_tariffs(
        inputs, scenario, countries=wanted, powders=powders, params=params, year=year
    )
    frame = tariff_frame(rows, scenario)
    frame.sources += sources
    frame.synthetic = synthetic or any(r.base.origin.synthetic for r in rows if r.base.origin)
    return frame
