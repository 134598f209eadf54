"""Store-facing price indicators: read inputs, run the pure indicator, return a ``Frame``.

These are the functions the command line and the web layer call. Each reads the store
(prices, observations, trade) and the embedded reference data; the computing is done by
the pure functions of ``costs``, ``dumping``, ``perlitre`` and ``anomaly``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from fairmilk.errors import ParameterError
from fairmilk.indicators.anomaly import TITLE_EN as IPA_TITLE
from fairmilk.indicators.anomaly import ipa, monthly_means
from fairmilk.indicators.costs import (
    COST_SERIES,
    PRICE_SERIES,
    RATIO_SERIES,
    cost_coverage,
    coverage_frame,
)
from fairmilk.indicators.dumping import POWDERS, Benchmark, UnitValue, dumping_frame, dumping_margin
from fairmilk.indicators.fao_trade import fao_trade_frame
from fairmilk.indicators.frame import Con, Frame, backend
from fairmilk.indicators.periods import REGION_IDS
from fairmilk.indicators.perlitre import ANY_STAGE, STAGE_ORDER, PerLitreParams
from fairmilk.indicators.perlitre_table import (
    LOCAL_SERIES_ALL,
    PerLitreInputs,
    UnitKey,
    UnitValueOrigin,
    per_litre_frame,
    per_litre_rows,
)
from fairmilk.indicators.prices import PricePoint, read_prices, read_rates
from fairmilk.indicators.taxes import tax_measures
from fairmilk.indicators.trade import trade_frame
from fairmilk.indicators.units import PEG_ONLY, convert_price
from fairmilk.reference.categories import categories
from fairmilk.reference.gdt import DATASET as GDT_DATASET
from fairmilk.reference.gdt import SOURCE_ORG as GDT_SOURCE
from fairmilk.reference.geo import members
from fairmilk.text import Msg, msg, term

WEST_AFRICA = "west-africa"
FAO_CHECK_NOTE = msg(
    "FAOSTAT import unit value outside 1,000-8,000 USD/t (flag check): an oddity of the source, "
    "read with care"
)
FAO_CITATION = (
    "Unit values fao_import: FAOSTAT trade (TCL), import value / import quantity of milk, "
    "skimmed dried and milk, whole dried, by country and year; imports valued CIF "
    "(https://www.fao.org/faostat/en/#data/TCL)"
)


def cost_coverage_table(con: Con, *, geo: Sequence[str] = ()) -> Frame:
    """Cost coverage (farm-gate price / full cost) for every geo and period with both."""
    g, db = list(geo) or None, backend(con)
    prices = read_prices(db, series=[PRICE_SERIES], geo=g)
    costs = read_prices(db, series=[COST_SERIES], geo=g)
    rows = cost_coverage(prices, costs, ratios=read_prices(db, series=[RATIO_SERIES], geo=g))
    used = {(r.geo, r.period) for r in rows}
    synthetic = any(p.synthetic for p in (*prices, *costs) if (p.geo, p.period) in used)
    return coverage_frame(rows, synthetic=synthetic)


def eu_powder_unit_values(
    con: Con, *, destinations: Sequence[str], by_country: bool = True
) -> tuple[list[UnitValue], list[str], bool]:
    """EU-27 export unit values of powders by year and destination (Comext preferred).

    With ``by_country=False`` a region id among the destinations (``west-africa``) is one
    aggregate destination (a gap when any of its rows lacks a quantity, as in trade tables).
    """
    regions = [] if by_country else [d for d in destinations if d in REGION_IDS]
    key = "region" if regions else "destination"
    frame = trade_frame(
        con, exporters=["eu27"], destinations=list(destinations), categories=list(POWDERS),
        by=("year", key, "category"),
    )  # fmt: skip
    found: dict[tuple[int, str, str], UnitValue] = {}
    for rec in frame.records():
        value = rec["unit_value_eur_per_t"]
        if value is None or (regions and rec[key] not in regions):
            continue
        y, d, c = int(rec["year"]), str(rec[key]), str(rec["category"])
        uv = UnitValue(y, c, d, float(value), str(rec["source"]), bool(rec.get("synthetic")))
        if (y, d, c) not in found or _rank(uv) > _rank(found[(y, d, c)]):
            found[(y, d, c)] = uv
    return [found[k] for k in sorted(found)], frame.sources, frame.synthetic


def _rank(uv: UnitValue) -> tuple[bool, bool]:
    """Real before synthetic, then Comext before other sources."""
    return (not uv.synthetic, uv.source == "comext")


def _benchmarks(con: Con, cost_geo: str, price_geos: Sequence[str]) -> list[Benchmark]:
    out = []
    for kind, series, geos in (
        ("full_cost", COST_SERIES, [cost_geo]),
        ("farmgate", PRICE_SERIES, list(price_geos)),
    ):
        for p in read_prices(con, series=[series], geo=geos):
            if p.value is not None and p.year is not None and p.period == str(p.year):
                eurc = convert_price(p.value, p.unit, "EURc/kg", year=p.year, rates=PEG_ONLY)
                out.append(Benchmark(kind, p.geo, p.year, eurc, p.source_url, p.approximate))
    return out


def dumping_margin_table(
    con: Con,
    *,
    destination: str = WEST_AFRICA,
    cost_geo: str = "X:EU26",
    price_geos: Sequence[str] = ("eu27", "eu28"),
    by_country: bool = False,
) -> Frame:
    """Powder export unit values to ``destination`` in milk equivalent vs EU cost and price."""
    db = backend(con)
    values, sources, synthetic = eu_powder_unit_values(
        db, destinations=[destination], by_country=by_country
    )
    me = {c.category: c.me_factor for c in categories()}
    bench = _benchmarks(db, cost_geo, price_geos)
    rows = dumping_margin(values, me_factors=me, benchmarks=bench)
    extra = sorted({b.source for b in bench})
    return dumping_frame(rows, sources=[*sources, *extra], synthetic=synthetic)


def _fao_unit_values(
    con: Con, countries: Sequence[str]
) -> dict[UnitKey, tuple[float, UnitValueOrigin]]:
    """Each country's own FAOSTAT import unit value of SMP and WMP, EUR per kg (CIF)."""
    isos = [c for c in countries if c not in REGION_IDS]
    if not isos:
        return {}
    frame = fao_trade_frame(con, countries=isos, products=["smp", "wmp"])
    plain = UnitValueOrigin("fao_import", "CIF", citation=FAO_CITATION)
    odd = UnitValueOrigin("fao_import", "CIF", citation=FAO_CITATION, note=FAO_CHECK_NOTE)
    return {
        (str(r["geo"]), str(r["product"]), int(r["year"])): (
            r["unit_value_eur_per_kg"],
            odd if r["flag"] == "check" else plain,
        )
        for r in frame.records()
        if r["unit_value_eur_per_kg"] is not None
    }


def _unit_values(
    con: Con, countries: Sequence[str]
) -> tuple[dict[UnitKey, tuple[float, UnitValueOrigin]], list[str]]:
    """Real EU export unit values, then FAO import unit values, then the synthetic sample."""
    values, sources, _ = eu_powder_unit_values(con, destinations=list(countries))
    eu = {
        (v.destination, v.category, v.year): (
            v.eur_per_t / 1000,
            UnitValueOrigin(v.source, "FOB", v.synthetic),
        )
        for v in values
    }
    chosen = {k: v for k, v in eu.items() if not v[1].synthetic}
    for k, v in _fao_unit_values(con, countries).items():
        chosen.setdefault(k, v)
    for k, v in eu.items():
        chosen.setdefault(k, v)
    return chosen, sources


def per_litre_inputs(
    con: Con, *, countries: Sequence[str], stage: str
) -> tuple[PerLitreInputs, list[str], bool]:
    """Read what the per-litre rows need: (inputs, sources, whether a local price is synthetic).

    Whether a synthetic unit value is used depends on the rows (see ``per_litre_table``).
    """
    db = backend(con)
    stages = list(STAGE_ORDER) if stage == ANY_STAGE else [stage]
    local = read_prices(db, series=list(LOCAL_SERIES_ALL), stage=stages)
    chosen, sources = _unit_values(db, countries)
    cats = categories()
    inputs = PerLitreInputs(
        unit_values={k: v for k, (v, _) in chosen.items()},
        local_prices=local,
        measures=tax_measures(),
        regions_of=lambda c, y: [r for r in ("ecowas", "waemu") if c in members(r, y)],
        litres_per_kg={c.category: c.litres_per_kg for c in cats},
        rates=read_rates(db),
        origins={k: o for k, (_, o) in chosen.items()},
        litres_sources={c.category: c.litres_source_url for c in cats if c.litres_source_url},
    )
    local_sources = sorted({p.source_url for p in local if p.geo in countries})
    return inputs, [*sources, *local_sources], any(p.synthetic for p in local)


def west_africa() -> list[str]:
    """The ISO codes of West Africa (ECOWAS 15 + Mauritania) today."""
    return sorted(members(WEST_AFRICA, date.today()))


def per_litre_table(
    con: Con,
    *,
    countries: Sequence[str] = (),
    powders: Sequence[str] = POWDERS,
    params: PerLitreParams | None = None,
    year: int | None = None,
) -> Frame:
    """Landed cost per litre of reconstituted powder vs local fresh milk, per country."""
    params = params or PerLitreParams()
    wanted = list(countries) or west_africa()
    inputs, sources, synthetic = per_litre_inputs(con, countries=wanted, stage=params.stage)
    rows = per_litre_rows(wanted, list(powders), inputs, params=params, year=year)
    frame = per_litre_frame(
        rows, params, extra_sources=sources, litres_sources=inputs.litres_sources
    )
    frame.synthetic = synthetic or any(r.origin.synthetic for r in rows if r.origin)
    return frame


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")  # a dated price: an auction or a quote of one day


def _monthly(
    points: Sequence[PricePoint],
) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], int]]:
    """(monthly prices, events per month): dated prices become monthly means, never filled."""
    dated = [(date.fromisoformat(p.period), p.value) for p in points if _DAY.match(p.period)]
    means = monthly_means((day, v) for day, v in dated if v is not None)
    series = {k: m.price for k, m in means.items()}
    for p in points:
        if _DAY.match(p.period) or p.year is None or p.month is None or p.value is None:
            continue
        if (p.year, p.month) in series:
            raise ParameterError(f"two values for {p.series} {p.geo} {p.period}: choose one source")
        series[(p.year, p.month)] = p.value
    return series, {k: m.events for k, m in means.items()}


def _gap_months(months: Sequence[tuple[int, int]]) -> int:
    keys = [y * 12 + m for y, m in months]
    return max(keys) - min(keys) + 1 - len(keys) if keys else 0


def _event_note(events: dict[tuple[int, int], int]) -> list[Msg]:
    if not events:
        return []
    return [
        msg(
            "Monthly means of {prices} dated prices (auction events) in {months} months; "
            "{gaps} months without an event are gaps, not interpolated. 'events' is the number "
            "of prices averaged.",
            prices=sum(events.values()),
            months=len(events),
            gaps=_gap_months(list(events)),
        )
    ]


def anomaly_table(con: Con, *, series: str, geo: str, quarterly_weight: float = 0.4) -> Frame:
    """IPA anomaly flags for one price series of the store: monthly, or dated (monthly means)."""
    points = [p for p in read_prices(con, series=[series], geo=[geo]) if p.month is not None]
    units = sorted({p.unit for p in points})
    if len(units) > 1:
        raise ParameterError(f"{series} {geo} mixes units {units}: load one unit per series")
    monthly, events = _monthly(points)
    result = ipa(monthly, quarterly_weight=quarterly_weight)
    cols = ["period", "year", "month", "price", "events", "cqgr", "cagr", "z_quarterly",
            "z_annual", "ipa", "flag", "history_years"]  # fmt: skip
    rows = [
        (f"{r.year}-{r.month:02d}", r.year, r.month, r.price, events.get((r.year, r.month)),
         r.cqgr, r.cagr, r.z_quarterly, r.z_annual, r.ipa, term(r.flag) if r.flag else None,
         r.history_years)
        for r in result
    ]  # fmt: skip
    notes: list[str] = [
        msg(
            "Unit: {unit}. Equal year weights (FAO weights not published in the sources read); "
            "quarterly weight {weight:g}; at least 3 earlier years per calendar month.",
            unit=units[0] if units else "–",
            weight=quarterly_weight,
        ),
        msg("Flags: alert IPA >= 1, watch 0.5-1; GIEWS flags high prices only."),
        *_event_note(events),
    ]
    if any(p.dataset == GDT_DATASET for p in points):
        notes.append(msg("Source: {org} (trading event results).", org=GDT_SOURCE))
    sources = sorted({p.source_url for p in points})
    title = msg("{title}: {series} {geo}", title=IPA_TITLE, series=series, geo=geo)
    return Frame(title, cols, rows, sources, notes, any(p.synthetic for p in points))
