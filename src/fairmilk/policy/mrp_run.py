"""Run the MRP simulator on a stored series, and set it beside the real 2016 EU scheme."""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.prices import PricePoint, read_prices
from fairmilk.indicators.units import PEG_ONLY, convert_price
from fairmilk.policy.mrp import (
    MODEL_LABEL,
    PHASE_NAMES,
    MrpObservation,
    MrpParams,
    MrpResult,
    simulate_mrp,
)
from fairmilk.reference.catalog import read_rows

PRICE = "farmgate_milk_price"
COST = "production_cost_full"
PRODUCT = "product_milk_equivalent_value"
PARAMS_DATASET = "policy/mrp_parameters"


def _by_month(points: Sequence[PricePoint]) -> dict[str, float]:
    out: dict[str, float] = {}
    for p in points:
        if p.month is None or p.value is None or p.period in out:
            continue
        try:
            out[p.period] = convert_price(p.value, p.unit, "EURc/kg", year=p.year, rates=PEG_ONLY)
        except ConversionError:
            continue  # a price per litre without a density is left out, never guessed
    return out


def mrp_observations(con: duckdb.DuckDBPyConnection, *, geo: str) -> list[MrpObservation]:
    """Monthly periods of ``geo`` where a full cost is stored, with price and product value."""
    price = _by_month(read_prices(con, series=[PRICE], geo=[geo]))
    cost = _by_month(read_prices(con, series=[COST], geo=[geo]))
    product = _by_month(read_prices(con, series=[PRODUCT], geo=[geo]))
    return [MrpObservation(p, price.get(p), product.get(p), cost[p]) for p in sorted(cost)]


def _name(phase: int | None) -> str | None:
    return None if phase is None else PHASE_NAMES[phase]


def timeline_frame(result: MrpResult, *, geo: str) -> Frame:
    """The simulated phase of each period, with index, volumes and bonus."""
    rows = [
        (s.period, s.index, s.phase, _name(s.phase), s.withheld_t, s.bonus_eur)
        for s in result.steps
    ]
    cols = ["period", "market_index", "phase", "phase_name", "withheld_t", "bonus_eur"]
    title = f"EMB Market Responsibility Programme, simulated for {geo} — {MODEL_LABEL}"
    sources = sorted(
        {r["source_url"] for r in read_rows(PARAMS_DATASET) if r["status"] == "published"}
    )
    return Frame(title, cols, rows, sources, list(result.notes))


def _published(parameter: str) -> tuple[float | None, str]:
    for r in read_rows(PARAMS_DATASET):
        if r["parameter"] == parameter:
            return (float(r["value"]) if r["value"].strip() else None), r["source_url"]
    return None, ""


def comparison_frame(result: MrpResult, params: MrpParams) -> Frame:
    """The 2016 EU reduction scheme (published) beside the simulated programme totals."""
    items = [
        ("volume cut, final (EC July 2017)", "eu2016_reduction_final", result.withheld_t, "t"),
        ("volume cut (EC May 2017: disagrees)", "eu2016_reduction_may2017", result.withheld_t, "t"),
        ("aid / bonus paid", "eu2016_paid", result.bonus_eur, "EUR"),
        ("budget", "eu2016_budget", None, "EUR"),
        ("aid / bonus rate", "eu2016_aid_rate", params.bonus_eur_per_100kg, "EUR/100 kg"),
    ]
    rows, sources = [], []
    for label, key, simulated, unit in items:
        published, url = _published(key)
        rows.append((label, published, simulated, unit))
        sources.append(url)
    notes = [
        MODEL_LABEL + ": 'simulated' is the whole simulated series, not only 2016-17.",
        "The 2016 scheme was voluntary, EU-financed at 14 EUR/100 kg, for Oct 2016 - Jan 2017.",
    ]
    return Frame(
        "MRP simulation vs the 2016 EU milk reduction scheme",
        ["item", "published_2016", "simulated", "unit"],
        rows,
        sorted(set(sources)),
        notes,
    )


def run_mrp(
    con: duckdb.DuckDBPyConnection, *, geo: str = "DE", params: MrpParams | None = None
) -> tuple[Frame, Frame]:
    """Simulate the MRP on the stored series of ``geo``: (timeline, comparison with 2016)."""
    params = params or MrpParams()
    result = simulate_mrp(mrp_observations(con, geo=geo), params)
    return timeline_frame(result, geo=geo), comparison_frame(result, params)
