"""Import tax stacks on dairy powders by West African country, from ``policy/import_taxes``.

A stack adds, for one country, product category and day: the customs duty (CET), the levies
(ECOWAS PC, WAEMU PCS and RS, AU and AES levies, national levies) and the VAT. Measures in
force on that day count; proposals and planned measures count only when a scenario adds
them. A rate the sources do not give is a gap (None), never a default.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from fairmilk.errors import ParameterError, ReferenceDataError
from fairmilk.reference.catalog import read_rows

DATASET = "policy/import_taxes"
KINDS = ("duty", "levy", "vat")


@dataclass(frozen=True, slots=True)
class TaxMeasure:
    """One duty, levy or VAT rate, where and when it applies, and its source."""

    measure: str
    kind: str
    geo: tuple[str, ...]
    categories: tuple[str, ...]
    rate_pct: float | None
    valid_from: date | None
    valid_to: date | None
    status: str
    source_url: str
    note: str = ""

    def applies(self, country: str, regions: Collection[str], category: str, on: date) -> bool:
        """Whether the measure covers this country (or one of its regions), product and day."""
        where = country in self.geo or any(r in self.geo for r in regions)
        what = "all" in self.categories or category in self.categories
        after = self.valid_from is None or self.valid_from <= on
        before = self.valid_to is None or on <= self.valid_to
        return where and what and after and before


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text.strip() else None


def _measure(row: Mapping[str, str], line: int) -> TaxMeasure:
    if row["kind"] not in KINDS:
        raise ReferenceDataError(f"{DATASET}.csv:{line}: kind must be one of {KINDS}")
    rate = float(row["rate_pct"]) if row["rate_pct"].strip() else None
    if rate is not None and not 0 <= rate <= 100:
        raise ReferenceDataError(f"{DATASET}.csv:{line}: rate_pct must be within 0-100")
    return TaxMeasure(
        measure=row["measure"],
        kind=row["kind"],
        geo=tuple(row["geo"].split(";")),
        categories=tuple(row["categories"].split(";")),
        rate_pct=rate,
        valid_from=_day(row["valid_from"]),
        valid_to=_day(row["valid_to"]),
        status=row["status"],
        source_url=row["source_url"],
        note=row["note"],
    )


def tax_measures(rows: Iterable[Mapping[str, str]] | None = None) -> list[TaxMeasure]:
    """The measures of the reference file (or of the rows given)."""
    source = read_rows(DATASET) if rows is None else rows
    return [_measure(r, i) for i, r in enumerate(source, start=2)]


@dataclass(frozen=True, slots=True)
class TaxStack:
    """Duty, total levies and VAT in percent (None = gap) and the measures they come from."""

    duty_pct: float | None
    levy_pct: float
    vat_pct: float | None
    measures: tuple[str, ...]
    gaps: tuple[str, ...]
    sources: tuple[str, ...]


def _rate(found: Sequence[TaxMeasure]) -> float | None:
    known = [m.rate_pct for m in found if m.status != "gap" and m.rate_pct is not None]
    return sum(known) if known else None


def tax_stack(
    measures: Sequence[TaxMeasure],
    *,
    country: str,
    regions: Collection[str],
    category: str,
    on: date,
    include: Collection[str] = (),
) -> TaxStack:
    """The tax stack in force for one country, category and day (plus ``include`` measures)."""
    live = [
        m
        for m in measures
        if m.applies(country, regions, category, on)
        and (m.status in ("in_force", "gap") or m.measure in include)
    ]
    by_kind = {k: [m for m in live if m.kind == k] for k in KINDS}
    proposed = [m for m in by_kind["duty"] if m.measure in include]
    if proposed:  # an included duty (e.g. a proposed CET band) replaces the duty in force
        by_kind["duty"] = proposed
        live = [m for m in live if m.kind != "duty" or m in proposed]
    used = [m for m in live if m.status != "gap"]
    return TaxStack(
        duty_pct=_rate(by_kind["duty"]),
        levy_pct=_rate(by_kind["levy"]) or 0.0,
        vat_pct=_rate(by_kind["vat"]),
        measures=tuple(m.measure for m in used),
        gaps=tuple(m.measure for m in live if m.status == "gap"),
        sources=tuple(sorted({m.source_url for m in live})),
    )


CET_BANDS = (0.0, 5.0, 10.0, 20.0, 35.0)
"""The five ECOWAS CET bands in percent (policy_parameters: band 0 to band 4)."""


def with_duty(stack: TaxStack, duty_pct: float) -> TaxStack:
    """The stack with its customs duty replaced by a CET band rate."""
    if duty_pct not in CET_BANDS:
        raise ParameterError(f"duty must be an ECOWAS CET band {CET_BANDS}, found {duty_pct:g}")
    return replace(stack, duty_pct=duty_pct)
