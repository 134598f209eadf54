"""Cost coverage: how much of the full cost of producing milk the farm-gate price pays.

``coverage_pct = 100 × farm-gate price / full production cost``, for each country (or
aggregate) and period where both are published, both converted to EUR cents per kg.
Where the source also publishes its own ratio (BAL ``price_cost_ratio``), it is shown beside
the computed one so readers can check.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fairmilk.errors import ConversionError
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.units import PEG_ONLY, convert_price
from fairmilk.text import msg

PRICE_SERIES = "farmgate_milk_price"
COST_SERIES = "production_cost_full"
RATIO_SERIES = "price_cost_ratio"
UNIT = "EURc/kg"

TITLE_EN = msg("Cost coverage: farm-gate milk price / full production cost")


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """Farm-gate price, full cost, their ratio and the shortfall for one geo and period."""

    geo: str
    period: str
    price_eurc_per_kg: float
    cost_eurc_per_kg: float
    coverage_pct: float
    shortfall_eurc_per_kg: float
    published_ratio_pct: float | None
    approximate: bool
    price_source: str
    cost_source: str
    derived: bool = False  # the price or the cost is a value the source derived itself


def _eurc(point: PricePoint) -> float | None:
    if point.value is None:
        return None
    try:
        return convert_price(point.value, point.unit, UNIT, year=point.year, rates=PEG_ONLY)
    except ConversionError:
        return None  # e.g. EUR/1000 L without a stated density: left out, not guessed


def cost_coverage(
    prices: Sequence[PricePoint],
    costs: Sequence[PricePoint],
    *,
    ratios: Sequence[PricePoint] = (),
) -> list[CoverageRow]:
    """Pair prices and full costs of the same geo and period; one row per pair."""
    published = {(r.geo, r.period): r.value for r in ratios if r.series == RATIO_SERIES}
    rows = []
    for cost in costs:
        cost_c = _eurc(cost)
        if cost_c is None or cost_c <= 0:
            continue
        for price in prices:
            price_c = _eurc(price)
            if (price.geo, price.period) != (cost.geo, cost.period) or price_c is None:
                continue
            rows.append(
                CoverageRow(
                    geo=cost.geo,
                    period=cost.period,
                    price_eurc_per_kg=price_c,
                    cost_eurc_per_kg=cost_c,
                    coverage_pct=100.0 * price_c / cost_c,
                    shortfall_eurc_per_kg=cost_c - price_c,
                    published_ratio_pct=published.get((cost.geo, cost.period)),
                    approximate=price.approximate or cost.approximate,
                    price_source=price.source_url,
                    cost_source=cost.source_url,
                    derived=price.derived or cost.derived,
                )
            )
    assert all(r.coverage_pct >= 0 for r in rows), "coverage cannot be negative"
    return sorted(rows, key=lambda r: (r.geo, r.period))


COLUMNS = [
    "geo", "period", "price_eurc_per_kg", "cost_eurc_per_kg", "coverage_pct",
    "shortfall_eurc_per_kg", "published_ratio_pct", "approximate", "derived",
]  # fmt: skip


def coverage_frame(rows: Sequence[CoverageRow], *, synthetic: bool = False) -> Frame:
    """The coverage rows as a table with their sources and method note."""
    data = [
        (
            r.geo,
            r.period,
            r.price_eurc_per_kg,
            r.cost_eurc_per_kg,
            r.coverage_pct,
            r.shortfall_eurc_per_kg,
            r.published_ratio_pct,
            r.approximate,
            r.derived,
        )
        for r in rows
    ]
    sources = sorted({s for r in rows for s in (r.price_source, r.cost_source)})
    notes: list[str] = [
        msg("coverage_pct = 100 × farm-gate price / full production cost (both EUR cents per kg)."),
        msg("published_ratio_pct is the source's own ratio where published (BAL), for checking."),
        msg(
            "Full cost (EMB/BAL method) includes a wage for family labour and is net of "
            "by-product revenue and subsidies; prices are at the basis the source states."
        ),
    ]
    return Frame(TITLE_EN, COLUMNS, data, sources, notes, synthetic)
