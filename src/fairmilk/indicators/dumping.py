"""Dumping margin: EU powder export prices, in milk equivalent, against EU costs and prices.

For each powder category, year and destination::

    milk_value (EUR c per kg of milk) = 100 × unit value (EUR per kg of powder) / me_factor
    margin (EUR c per kg of milk)     = benchmark − milk_value
    margin_pct                        = 100 × margin / benchmark

``me_factor`` is kg of raw milk per kg of powder (milk-solids basis, from the reference
categories). Benchmarks are the EU full production cost (EMB/BAL) and the EU farm-gate
price of the same year. A positive margin means the powder was sold for less than the
milk in it cost to produce (or was paid to farmers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from fairmilk.errors import ParameterError
from fairmilk.indicators.frame import Frame
from fairmilk.text import msg

POWDERS = ("smp", "wmp", "ffmp")
TITLE_EN = msg("Dumping margin: powder export unit value in milk equivalent vs EU cost and price")


@dataclass(frozen=True, slots=True)
class UnitValue:
    """An export unit value: EUR per tonne of product, for one year, category, destination."""

    year: int
    category: str
    destination: str
    eur_per_t: float
    source: str
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class Benchmark:
    """An EU cost or price per kg of milk for a year: kind is full_cost or farmgate."""

    kind: str
    geo: str
    year: int
    eurc_per_kg: float
    source: str
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class DumpingRow:
    """One powder's milk-equivalent value against one benchmark."""

    year: int
    destination: str
    category: str
    unit_value_eur_per_t: float
    me_factor: float | None
    milk_value_eurc_per_kg: float | None
    benchmark: str
    benchmark_geo: str | None
    benchmark_eurc_per_kg: float | None
    margin_eurc_per_kg: float | None
    margin_pct: float | None
    benchmark_approximate: bool | None = None


def milk_value_eurc_per_kg(eur_per_t: float, me_factor: float) -> float:
    """EUR cents per kg of milk contained in a product sold at ``eur_per_t``."""
    if not me_factor > 0:
        raise ParameterError(f"a milk-equivalent factor must be > 0, found {me_factor:g}")
    return 100.0 * (eur_per_t / 1000.0) / me_factor


def _row(uv: UnitValue, me: float | None, kind: str, bench: Benchmark | None) -> DumpingRow:
    milk = milk_value_eurc_per_kg(uv.eur_per_t, me) if me else None
    ref = bench.eurc_per_kg if bench else None
    margin = ref - milk if (ref is not None and milk is not None) else None
    return DumpingRow(
        year=uv.year,
        destination=uv.destination,
        category=uv.category,
        unit_value_eur_per_t=uv.eur_per_t,
        me_factor=me,
        milk_value_eurc_per_kg=milk,
        benchmark=kind,
        benchmark_geo=bench.geo if bench else None,
        benchmark_eurc_per_kg=ref,
        margin_eurc_per_kg=margin,
        margin_pct=100.0 * margin / ref if (margin is not None and ref) else None,
        benchmark_approximate=bench.approximate if bench else None,
    )


def dumping_margin(
    unit_values: Sequence[UnitValue],
    *,
    me_factors: Mapping[str, float | None],
    benchmarks: Sequence[Benchmark],
) -> list[DumpingRow]:
    """Each unit value against the full-cost and farm-gate benchmarks of its year (gaps kept)."""
    by_key: dict[tuple[str, int], Benchmark] = {}
    for b in benchmarks:  # one per kind and year: a non-approximate figure wins
        old = by_key.get((b.kind, b.year))
        if old is None or (old.approximate and not b.approximate):
            by_key[(b.kind, b.year)] = b
    rows = []
    for uv in unit_values:
        for kind in ("full_cost", "farmgate"):
            rows.append(_row(uv, me_factors.get(uv.category), kind, by_key.get((kind, uv.year))))
    return sorted(rows, key=lambda r: (r.year, r.destination, r.category, r.benchmark))


COLUMNS = [
    "year", "destination", "category", "unit_value_eur_per_t", "me_factor",
    "milk_value_eurc_per_kg", "benchmark", "benchmark_geo", "benchmark_eurc_per_kg",
    "margin_eurc_per_kg", "margin_pct", "benchmark_approximate",
]  # fmt: skip


def dumping_frame(
    rows: Sequence[DumpingRow], *, sources: Sequence[str], synthetic: bool = False
) -> Frame:
    """The dumping-margin rows as a table with sources and the method note."""
    data = [tuple(getattr(r, c) for c in COLUMNS) for r in rows]
    notes: list[str] = [
        msg("milk_value = 100 × unit value (EUR/kg powder) / milk-equivalent factor (kg milk/kg)."),
        msg("margin = benchmark − milk_value; positive: exported below the benchmark."),
        msg(
            "A benchmark is used only for its own year; a missing year is a gap (–), not filled. "
            "Where a year has several, a non-approximate figure is preferred."
        ),
        msg("FFMP contains vegetable fat: its milk equivalent counts the milk solids only."),
    ]
    return Frame(TITLE_EN, COLUMNS, data, list(sources), notes, synthetic)
