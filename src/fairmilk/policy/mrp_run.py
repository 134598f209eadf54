"""Run the MRP simulator on a stored series, with deliveries from Eurostat where none are stated.

Deliveries of a period, when the user states none: Eurostat apro_mk_farm D1100D (raw milk
delivered to dairies, annual) of the simulated geo for the period's year, spread evenly over
the months (annual / 12 × months per step). A DERIVED figure, labelled as such; a year without
a published figure is a gap, never filled from another year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Con, Frame, backend, rows_of
from fairmilk.indicators.prices import PricePoint, read_prices
from fairmilk.indicators.units import PEG_ONLY, convert_price
from fairmilk.policy.mrp import (
    MODEL_LABEL,
    PHASE_NAMES,
    STATED,
    MrpObservation,
    MrpParams,
    MrpResult,
    simulate_mrp,
)
from fairmilk.policy.mrp_compare import PARAMS_DATASET, SCHEME_YEAR, comparison_frame
from fairmilk.reference.catalog import read_rows
from fairmilk.text import msg

PRICE = "farmgate_milk_price"
COST = "production_cost_full"
PRODUCT = "product_milk_equivalent_value"
DELIVERIES = "milk_delivered_to_dairies"
DELIVERIES_DATASET = "series/eurostat_apro_mk_farm_raw_milk"
TIMELINE_COLUMNS = [
    "period", "market_index", "phase", "phase_name", "deliveries_t", "deliveries_source",
    "withheld_t", "bonus_eur",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class AnnualDeliveries:
    """One published year of deliveries to dairies (t); value None where Eurostat has none."""

    year: int
    value: float | None
    flag: str | None
    source_url: str


def geo_code(geo: str) -> str:
    """The store's spelling of a geo: ISO alpha-2 upper case, region ids (eu27) lower case."""
    code = geo.strip()
    return code.upper() if len(code) == 2 else code.lower()


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


def mrp_observations(con: Con, *, geo: str) -> list[MrpObservation]:
    """Monthly periods of ``geo`` where a full cost is stored, with price and product value."""
    db = backend(con)
    price = _by_month(read_prices(db, series=[PRICE], geo=[geo]))
    cost = _by_month(read_prices(db, series=[COST], geo=[geo]))
    product = _by_month(read_prices(db, series=[PRODUCT], geo=[geo]))
    return [MrpObservation(p, price.get(p), product.get(p), cost[p]) for p in sorted(cost)]


def annual_deliveries(con: Con, *, geo: str) -> dict[int, AnnualDeliveries]:
    """Eurostat D1100D deliveries to dairies of ``geo`` by year (t), as stored."""
    o = backend(con).table("observations")
    mine = (o.series == DELIVERIES) & (o.dataset == DELIVERIES_DATASET) & (o.geo == geo)
    found = o.filter(mine & o.month.isnull() & o.year.notnull())
    rows = rows_of(found.select("year", "value", "flag", "source_url").order_by("year"))
    return {int(y): AnnualDeliveries(int(y), v, f or None, str(u)) for y, v, f, u in rows}


def deliveries_label(found: AnnualDeliveries) -> str:
    """Where a period's deliveries come from, e.g. ``Eurostat D1100D 2016/12``."""
    label = f"Eurostat D1100D {found.year}/12"
    if found.flag == "p":
        return msg("{label} (provisional)", label=label)
    if found.flag == "e":
        return msg("{label} (estimated)", label=label)
    return label


def with_deliveries(
    obs: Sequence[MrpObservation], annual: dict[int, AnnualDeliveries]
) -> list[MrpObservation]:
    """Each observation with annual / 12 of its own year (a gap when that year is missing)."""
    out = []
    for o in obs:
        found = annual.get(int(o.period[:4]))
        if found is None or found.value is None:
            out.append(replace(o, monthly_deliveries_t=None, deliveries_source=None))
        else:
            source = deliveries_label(found)
            out.append(replace(o, monthly_deliveries_t=found.value / 12, deliveries_source=source))
    return out


def _name(phase: int | None) -> str | None:
    return None if phase is None else PHASE_NAMES[phase]


def _deliveries_notes(result: MrpResult, params: MrpParams, *, geo: str) -> list[str]:
    sources = [s.deliveries_source for s in result.steps if s.deliveries_source]
    if params.monthly_deliveries_t is not None or not sources:
        return []
    notes: list[str] = [
        msg(
            "Deliveries (DERIVED): Eurostat apro_mk_farm D1100D, raw milk delivered to dairies "
            "in {geo}, for the year of each period / 12 × {months:g} month(s) per period: an "
            "even spread over the year (seasonality ignored). A year Eurostat does not publish "
            "stays a gap, never carried over from another year.",
            geo=geo,
            months=params.months_per_step,
        )
    ]
    if any("(provisional)" in source for source in sources):  # English: translated later
        notes.append(msg("Some Eurostat deliveries are flagged provisional (p)."))
    return notes


def timeline_frame(
    result: MrpResult, *, geo: str, delivery_urls: Sequence[str] = (), extra: Sequence[str] = ()
) -> Frame:
    """The simulated phase of each period, with index, deliveries, volumes and bonus."""
    rows = [
        (s.period, s.index, s.phase, _name(s.phase), s.deliveries_t, s.deliveries_source,
         s.withheld_t, s.bonus_eur)
        for s in result.steps
    ]  # fmt: skip
    title = msg(
        "EMB Market Responsibility Programme, simulated for {geo} — {label}",
        geo=geo,
        label=MODEL_LABEL,
    )
    sources = {r["source_url"] for r in read_rows(PARAMS_DATASET) if r["status"] == "published"}
    sources |= set(delivery_urls)
    return Frame(title, TIMELINE_COLUMNS, rows, sorted(sources), [*result.notes, *extra])


def _no_series_notes(obs: Sequence[MrpObservation], geo: str) -> list[str]:
    if obs:
        return []
    if geo.startswith("eu"):
        return [
            msg(
                "No monthly full-cost series is stored for {geo}: there is nothing to simulate. "
                "The store holds no EU full-cost series by month (only an EU-26 annual average "
                "for 2019), so an EU-level run is not possible; the comparison with the 2016 "
                "scheme stays per country.",
                geo=geo,
            )
        ]
    return [
        msg(
            "No monthly full-cost series is stored for {geo}: there is nothing to simulate.",
            geo=geo,
        )
    ]


def run_mrp(con: Con, *, geo: str = "DE", params: MrpParams | None = None) -> tuple[Frame, Frame]:
    """Simulate the MRP on the stored series of ``geo``: (timeline, comparison with 2016)."""
    params, geo, db = params or MrpParams(), geo_code(geo), backend(con)
    annual = annual_deliveries(db, geo=geo)
    obs = with_deliveries(mrp_observations(db, geo=geo), annual)
    result = simulate_mrp(obs, params)
    used = {s.deliveries_source for s in result.steps if s.deliveries_source}
    urls = sorted({a.source_url for a in annual.values()}) if used - {STATED} else []
    extra = _deliveries_notes(result, params, geo=geo) + _no_series_notes(obs, geo)
    timeline = timeline_frame(result, geo=geo, delivery_urls=urls, extra=extra)
    eu = annual_deliveries(db, geo="eu27") if geo != "eu27" else annual
    own, eu27 = annual.get(SCHEME_YEAR), eu.get(SCHEME_YEAR)
    scale = (
        own.value if own else None,
        eu27.value if eu27 else None,
        eu27.source_url if eu27 else "",
    )
    return timeline, comparison_frame(result, params, geo=geo, scale=scale)
