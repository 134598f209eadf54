"""The per-litre comparison table: pick inputs per country, build each row, attach sources.

Rules: the year of a country's row is the latest year with a dated local fresh-milk price at
the chosen stage (unless a year is given); several local prices of that year (markets,
states) are shown as one range (lowest low, highest high). Unit values are EU-27 exports
to the country (Comext rows preferred). Anything missing is a gap in the row, with a note.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.perlitre import (
    FREIGHT_SOURCE,
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
from fairmilk.text import join, msg, term

LOCAL_SERIES = "local_fresh_price"
UnitValues = Mapping[tuple[str, str, int], float]  # (country, category, year) -> EUR per kg


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


@dataclass(frozen=True, slots=True)
class PerLitreInputs:
    """Everything the rows are computed from (read from the store by the caller)."""

    unit_values: UnitValues
    local_prices: Sequence[PricePoint]
    measures: Sequence[TaxMeasure]
    regions_of: Callable[[str, int], Collection[str]]
    litres_per_kg: Mapping[str, float | None]
    rates: RateTable


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
    return convert_price(value, p.unit, f"{currency}/L", year=p.year, rates=rates)


def _pick_year(country: str, points: Sequence[PricePoint], year: int | None) -> int | None:
    if year is not None:
        return year
    years = [p.year for p in points if p.geo == country and p.year is not None]
    return max(years) if years else None


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
    chosen = _pick_year(country, inputs.local_prices, year)
    if chosen is None:
        note = msg("no dated local fresh-milk price for this country and stage")
        return PerLitreRow(
            country, category, None, currency, None, None, None, None, None, 0, None, (note,)
        )
    local = [p for p in inputs.local_prices if p.geo == country and p.year == chosen]
    low, high, notes = _local_range(local, currency, inputs.rates)
    stack = tax_stack(
        inputs.measures, country=country, regions=inputs.regions_of(country, chosen),
        category=category, on=date(chosen, 7, 1),
    )  # fmt: skip
    notes += [msg("tax gap: {gap}", gap=g) for g in stack.gaps]
    uv = inputs.unit_values.get((country, category, chosen))
    litres = inputs.litres_per_kg.get(category)
    cost = comparison = None
    if uv is None:
        notes.append(
            msg("no EU export unit value of {category} to {country} in {year}",
                category=term(category), country=country, year=chosen)
        )  # fmt: skip
    elif litres is None:
        notes.append(msg("no litres-per-kg factor for {category}", category=term(category)))
    else:
        cost = landed_cost(uv, stack, litres_per_kg=litres, params=params)
        fx, why = _fx(currency, chosen, inputs.rates)
        if why:
            notes.append(msg("no conversion to {currency}: {why}", currency=currency, why=why))
        comparison = compare(cost, fx, low, high)
    return PerLitreRow(
        country, category, chosen, currency, uv, stack, cost, low, high, len(local), comparison,
        tuple(notes), tuple(inputs.rates.sources_for("EUR", currency, chosen)),
    )  # fmt: skip


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
    "country", "category", "year", "currency", "unit_value_eur_per_kg", "duty_pct", "levy_pct",
    "vat_pct", "litres_per_kg", "landed_local_per_litre", "compared_with", "local_price_low",
    "local_price_high", "local_prices_n", "gap_low", "gap_high", "ratio_low", "ratio_high", "notes",
]  # fmt: skip


def _cells(r: PerLitreRow) -> tuple[object, ...]:
    s, c = r.stack, r.comparison
    taxes = (s.duty_pct, s.levy_pct, s.vat_pct) if s else (None, None, None)
    comp = (c.landed_per_litre, c.compared_with) if c else (None, None)
    spread = (c.gap_low, c.gap_high, c.ratio_low, c.ratio_high) if c else (None,) * 4
    head = (r.country, r.category, r.year, r.currency, r.unit_value_eur_per_kg)
    litres = r.cost.litres_per_kg if r.cost else None
    return (*head, *taxes, litres, *comp, r.local_low, r.local_high, r.local_count, *spread,
            join(r.notes) if r.notes else None)  # fmt: skip


def per_litre_frame(
    rows: Sequence[PerLitreRow], params: PerLitreParams, *, extra_sources: Sequence[str] = ()
) -> Frame:
    """The rows as a table, with every source and assumption stated."""
    sources = sorted({u for r in rows if r.stack for u in r.stack.sources})
    rates = sorted({u for r in rows for u in r.rate_sources} - {PEG_SOURCE})
    sources += [FREIGHT_SOURCE, PEG_SOURCE, *rates, *extra_sources]
    notes: list[str] = [
        msg(
            "Freight {freight:g} % of FOB (UNCTAD generic share); importer and retail "
            "margin {margin:g} % (ASSUMPTION: no published margin was found).",
            freight=params.freight_pct,
            margin=params.margin_pct,
        ),
        msg(
            "Local price: local fresh milk, stage '{stage}', latest dated year per country.",
            stage=term(params.stage),
        ),
        msg(
            "Bulk packing (> 25 kg) assumed: the CET band of retail packs is a gap in the sources."
        ),
        msg(
            "gap = local price − landed cost per litre (positive: local milk dearer); "
            "ratio = local / landed."
        ),
    ]
    return Frame(TITLE_EN, COLUMNS, [_cells(r) for r in rows], sources, notes)
