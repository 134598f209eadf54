"""The per-litre comparison table: pick inputs per country, build each row, attach sources.

Rules: the year of a row is the latest year with a dated local fresh-milk price at the chosen
stage and a real (not synthetic) unit value of the powder; without such a year, the latest
year with a local price (unless a year is given). Several local prices of that year (markets,
states) are shown as one range (lowest low, highest high). The unit value is, in this order:
EU-27 exports to the country from real trade files (Comext preferred; FOB), the country's own
FAOSTAT import unit value (CIF), and only then the synthetic sample, labelled. Anything
missing is a gap in the row, with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.perlitre import (
    ANY_STAGE,
    DENSITY_NOTE,
    FREIGHT_SOURCE,
    MILK_KG_PER_LITRE,
    STAGE_ORDER,
    TITLE_EN,
    Comparison,
    LandedCost,
    PerLitreParams,
    compare,
    landed_cost,
)
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.taxes import TaxMeasure, TaxStack, tax_stack
from fairmilk.indicators.units import COUNTRY_CURRENCY, PEG_SOURCE, RateTable, convert_price
from fairmilk.text import Msg, join, msg, term

LOCAL_SERIES = "local_fresh_price"
LOCAL_SERIES_ALL = (LOCAL_SERIES, "local_producer_price_fao")  # published prices, FAOSTAT farm-gate
UnitKey = tuple[str, str, int]  # (country, category, year)
UnitValues = Mapping[UnitKey, float]  # -> EUR per kg of powder


@dataclass(frozen=True, slots=True)
class UnitValueOrigin:
    """Where a unit value comes from: source label, price basis, synthetic or not, citation."""

    source: str = "eu_export"  # comext | comtrade | fao_import | eu_export (unspecified)
    basis: str = "FOB"  # FOB: exporter's value, freight added; CIF: importer's value
    synthetic: bool = False
    citation: str = ""
    note: str = ""  # a caveat shown in the row's notes (e.g. an implausible unit value)

    def label(self) -> str:
        """The source as shown in the table, e.g. ``fao_import (CIF)``."""
        tag = " SYNTHETIC" if self.synthetic else ""
        return f"{self.source} ({self.basis}){tag}"


DEFAULT_ORIGIN = UnitValueOrigin()


@dataclass(frozen=True, slots=True)
class PerLitreRow:
    """One country, powder and year: the landed cost build-up and the local comparison."""

    country: str
    category: str
    year: int | None
    currency: str
    unit_value_eur_per_kg: float | None
    stack: TaxStack | None
    cost: LandedCost | None
    local_low: float | None
    local_high: float | None
    local_count: int
    comparison: Comparison | None
    notes: tuple[str, ...]
    rate_sources: tuple[str, ...] = ()  # where the EUR -> local currency rate comes from
    origin: UnitValueOrigin | None = None  # where the unit value comes from (None: no value)
    litres_per_kg: float | None = None
    stage: str | None = None  # the stage of the local prices compared with


@dataclass(frozen=True, slots=True)
class PerLitreInputs:
    """Everything the rows are computed from (read from the store by the caller)."""

    unit_values: UnitValues
    local_prices: Sequence[PricePoint]
    measures: Sequence[TaxMeasure]
    regions_of: Callable[[str, int], Collection[str]]
    litres_per_kg: Mapping[str, float | None]
    rates: RateTable
    origins: Mapping[UnitKey, UnitValueOrigin] = field(default_factory=dict)
    litres_sources: Mapping[str, str] = field(default_factory=dict)

    def origin(self, key: UnitKey) -> UnitValueOrigin:
        """Where the unit value of this key comes from (EU exports when not stated)."""
        return self.origins.get(key, DEFAULT_ORIGIN)

    def is_real(self, key: UnitKey) -> bool:
        """Whether a unit value exists for the key and is not synthetic."""
        return key in self.unit_values and not self.origin(key).synthetic


def _local_range(
    points: Sequence[PricePoint], currency: str, rates: RateTable
) -> tuple[float | None, float | None, list[str]]:
    lows, highs = [], []
    notes: list[str] = []
    for p in points:
        try:
            lo = None if p.low is None else _to_local(p.low, p, currency, rates)
            hi = None if p.high is None else _to_local(p.high, p, currency, rates)
        except ConversionError as exc:
            where = f"{p.period} {p.market or ''}".strip()
            notes.append(
                msg("local price {where} left out: {reason}", where=where, reason=str(exc))
            )
            continue
        lows += [lo] if lo is not None else []
        highs += [hi] if hi is not None else []
    return (min(lows) if lows else None), (max(highs) if highs else None), notes


def _to_local(value: float, p: PricePoint, currency: str, rates: RateTable) -> float:
    return convert_price(
        value, p.unit, f"{currency}/L", year=p.year, rates=rates, kg_per_litre=MILK_KG_PER_LITRE
    )


def _years(country: str, stage: str, inputs: PerLitreInputs) -> set[int]:
    return {
        p.year
        for p in inputs.local_prices
        if p.geo == country and p.stage == stage and p.year is not None
    }


def _choose(
    country: str, category: str, inputs: PerLitreInputs, params: PerLitreParams, year: int | None
) -> tuple[str | None, int | None]:
    """(stage, year): the given year, else the latest local-price year with a real unit value,
    else the latest local-price year. With stage ``any`` every stage of STAGE_ORDER counts; the
    latest year wins, and within a year the first stage of STAGE_ORDER."""
    stages = STAGE_ORDER if params.stage == ANY_STAGE else (params.stage,)
    found = [(st, _years(country, st, inputs)) for st in stages]
    if year is not None:
        return next((st for st, ys in found if year in ys), stages[0]), year
    rank = {st: i for i, st in enumerate(stages)}
    pairs = [(y, -rank[st], st) for st, ys in found for y in ys]
    real = [p for p in pairs if inputs.is_real((country, category, p[0]))]
    if not (real or pairs):
        return None, None
    best = max(real or pairs)
    return best[2], best[0]


def _fx(currency: str, year: int, rates: RateTable) -> tuple[float | None, str | None]:
    try:
        return rates.factor("EUR", currency, year), None
    except ConversionError as exc:
        return None, str(exc)


def build_row(
    country: str, category: str, inputs: PerLitreInputs, params: PerLitreParams, year: int | None
) -> PerLitreRow:
    """One row of the comparison, with gaps and notes where inputs are missing."""
    currency = COUNTRY_CURRENCY.get(country, "EUR")
    stage, chosen = _choose(country, category, inputs, params, year)
    if chosen is None:
        note = msg("no dated local fresh-milk price for this country and stage")
        return PerLitreRow(
            country, category, None, currency, None, None, None, None, None, 0, None, (note,)
        )
    local = [
        p for p in inputs.local_prices if p.geo == country and p.year == chosen and p.stage == stage
    ]
    low, high, notes = _local_range(local, currency, inputs.rates)
    stack = tax_stack(
        inputs.measures, country=country, regions=inputs.regions_of(country, chosen),
        category=category, on=date(chosen, 7, 1),
    )  # fmt: skip
    notes += [msg("tax gap: {gap}", gap=g) for g in stack.gaps]
    key = (country, category, chosen)
    uv = inputs.unit_values.get(key)
    origin = inputs.origin(key) if uv is not None else None
    litres = inputs.litres_per_kg.get(category)
    cost, comparison = _costed(key, uv, origin, stack, (low, high), inputs, params, notes)
    return PerLitreRow(
        country, category, chosen, currency, uv, stack, cost, low, high, len(local), comparison,
        tuple(notes), tuple(inputs.rates.sources_for("EUR", currency, chosen)), origin, litres,
        stage,
    )  # fmt: skip


def _costed(
    key: UnitKey,
    uv: float | None,
    origin: UnitValueOrigin | None,
    stack: TaxStack,
    local: tuple[float | None, float | None],
    inputs: PerLitreInputs,
    params: PerLitreParams,
    notes: list[str],
) -> tuple[LandedCost | None, Comparison | None]:
    """The landed cost and comparison of one row (None when an input is missing; noted)."""
    country, category, year = key
    litres = inputs.litres_per_kg.get(category)
    if uv is None or origin is None:
        notes.append(
            msg("no unit value of {category} for {country} in {year} (EU exports, FAO imports)",
                category=term(category), country=country, year=year)
        )  # fmt: skip
        return None, None
    if litres is None:
        notes.append(msg("no litres-per-kg factor for {category}", category=term(category)))
        return None, None
    if origin.synthetic:
        notes.append(msg("unit value from the SYNTHETIC sample: no real one for this year"))
    if origin.note:
        notes.append(origin.note)
    cost = landed_cost(uv, stack, litres_per_kg=litres, params=params, basis=origin.basis)
    currency = COUNTRY_CURRENCY.get(country, "EUR")
    fx, why = _fx(currency, year, inputs.rates)
    if why:
        notes.append(msg("no conversion to {currency}: {why}", currency=currency, why=why))
    return cost, compare(cost, fx, *local)


def per_litre_rows(
    countries: Sequence[str],
    categories: Sequence[str],
    inputs: PerLitreInputs,
    *,
    params: PerLitreParams,
    year: int | None = None,
) -> list[PerLitreRow]:
    """The comparison for every country and powder category asked for."""
    params.check()
    return [build_row(c, k, inputs, params, year) for c in countries for k in categories]


COLUMNS = [
    "country", "category", "year", "stage", "currency", "unit_value_eur_per_kg",
    "unit_value_source", "litres_per_kg", "duty_pct", "levy_pct",
    "vat_pct", "landed_local_per_litre", "compared_with", "local_price_low", "local_price_high",
    "local_prices_n", "gap_low", "gap_high", "ratio_low", "ratio_high", "notes",
]  # fmt: skip


def _cells(r: PerLitreRow) -> tuple[object, ...]:
    s, c = r.stack, r.comparison
    taxes = (s.duty_pct, s.levy_pct, s.vat_pct) if s else (None, None, None)
    comp = (c.landed_per_litre, c.compared_with) if c else (None, None)
    spread = (c.gap_low, c.gap_high, c.ratio_low, c.ratio_high) if c else (None,) * 4
    source = r.origin.label() if r.origin else None
    litres = r.cost.litres_per_kg if r.cost else None  # no cost: no factor claimed
    head = (r.country, r.category, r.year, r.stage, r.currency, r.unit_value_eur_per_kg, source,
            litres)  # fmt: skip
    return (*head, *taxes, *comp, r.local_low, r.local_high, r.local_count, *spread,
            join(r.notes) if r.notes else None)  # fmt: skip


def _stage_note(params: PerLitreParams) -> Msg:
    if params.stage == ANY_STAGE:
        return msg(
            "Local price: local fresh milk at the first stage, in the order producer, consumer, "
            "processor sale, wholesale, that has a real unit value in a year with a local price "
            "(column stage); prices of one stage are never mixed with another's."
        )
    return msg(
        "Local price: local fresh milk, stage '{stage}', latest dated year per country.",
        stage=term(params.stage),
    )


def per_litre_frame(
    rows: Sequence[PerLitreRow],
    params: PerLitreParams,
    *,
    extra_sources: Sequence[str] = (),
    litres_sources: Mapping[str, str] | None = None,
) -> Frame:
    """The rows as a table, with every source and assumption stated."""
    sources = sorted({u for r in rows if r.stack for u in r.stack.sources})
    rates = sorted({u for r in rows for u in r.rate_sources} - {PEG_SOURCE})
    cited = sorted({r.origin.citation for r in rows if r.origin and r.origin.citation})
    litres = sorted(
        msg(
            "Litres of milk per kg of {category} = {litres:g}: {url}",
            category=r.category,
            litres=r.litres_per_kg,
            url=url,
        )
        for r in rows
        if r.litres_per_kg is not None and (url := (litres_sources or {}).get(r.category))
    )
    peg = [PEG_SOURCE] if any(PEG_SOURCE in r.rate_sources for r in rows) else []
    sources += [FREIGHT_SOURCE, *peg, *rates, *cited, *sorted(set(litres)),
                *extra_sources]  # fmt: skip
    notes: list[str] = [
        msg(
            "Freight {freight:g} % of FOB (UNCTAD generic share); importer and retail "
            "margin {margin:g} % (ASSUMPTION: no published margin was found).",
            freight=params.freight_pct,
            margin=params.margin_pct,
        ),
        _stage_note(params),
        msg(
            "Unit value, in this order: EU-27 exports to the country from real trade files "
            "(FOB: freight added), the country's own FAOSTAT import unit value of the year (CIF: "
            "freight included, none added), the synthetic sample (labelled SYNTHETIC). The row's "
            "year is the latest with a local price and a real unit value."
        ),
        DENSITY_NOTE,
        msg(
            "Bulk packing (> 25 kg) assumed: the CET band of retail packs is a gap in the sources."
        ),
        msg(
            "gap = local price − landed cost per litre (positive: local milk dearer); "
            "ratio = local / landed."
        ),
    ]
    return Frame(TITLE_EN, COLUMNS, [_cells(r) for r in rows], sources, notes)
