"""Per-litre comparison: imported powder made into one litre of milk vs local fresh milk.

For a powder category, a West African country and a year::

    CIF      = FOB unit value × (1 + freight %)                    EUR per kg of powder
               (an importer's CIF unit value, as FAOSTAT import values, is used as it is)
    duty     = CIF × CET duty %;  levies = CIF × Σ levy %
    landed_x = (CIF + duty + levies) × (1 + margin %)               before VAT
    landed   = landed_x × (1 + VAT %)                               (gap when VAT is a gap)
    per litre = landed / litres of milk per kg of powder, in local currency
    gap = local price − landed per litre;  ratio = local price / landed per litre
"""

from __future__ import annotations

from dataclasses import dataclass

from fairmilk.errors import ParameterError
from fairmilk.indicators.taxes import TaxStack
from fairmilk.text import msg

ANY_STAGE = "any"
STAGE_ORDER = ("producer", "consumer", "processor_sale", "wholesale")
"""With stage ``any``: the first of these stages with a real unit value in a local-price year."""
STAGES = (ANY_STAGE, "consumer", "producer", "wholesale", "processor_sale")
TITLE_EN = msg("Per-litre comparison: reconstituted imported powder vs local fresh milk")
FREIGHT_SOURCE = msg(
    "Freight and insurance {pct:g} % of import value: UNCTAD Review of Maritime Transport 2015, "
    "African average 2005-2014, all goods ({url})",
    pct=11.4,
    url="https://unctad.org/en/Pages/PressRelease.aspx?OriginalVersionID=274",
)


@dataclass(frozen=True, slots=True)
class PerLitreParams:
    """Freight and margin assumptions; each value says where it comes from."""

    freight_pct: float = 11.4  # UNCTAD generic share for Africa (source above), not milk-specific
    margin_pct: float = 0.0  # ASSUMPTION: no published importer/retail margin (GAP in sources)
    stage: str = ANY_STAGE  # which local price to compare with (any: see STAGE_ORDER)

    def check(self) -> None:
        """Raise ParameterError if a percentage is out of range."""
        for name in ("freight_pct", "margin_pct"):
            value = getattr(self, name)
            if not 0 <= value <= 500:
                raise ParameterError(f"{name} must be within 0-500 %, found {value:g}")
        if self.stage not in STAGES:
            raise ParameterError(f"stage must be one of {', '.join(STAGES)}, found {self.stage!r}")


MILK_KG_PER_LITRE = 1.03
DENSITY_NOTE = msg(
    "Local prices published per tonne or kg (FAOSTAT producer prices) are converted per litre "
    "at 1.03 kg per litre (ASSUMPTION: typical density of whole cow milk, 1.027-1.033)."
)
BASES = ("FOB", "CIF")


@dataclass(frozen=True, slots=True)
class LandedCost:
    """The build-up of the landed cost of one kg of powder and of one litre made from it."""

    fob_eur_per_kg: float
    cif_eur_per_kg: float
    duty_eur_per_kg: float | None
    levies_eur_per_kg: float
    landed_ex_vat_eur_per_kg: float | None
    landed_eur_per_kg: float | None
    litres_per_kg: float
    basis: str = "FOB"  # FOB: exporter's unit value, freight added; CIF: freight included

    @property
    def ex_vat_eur_per_litre(self) -> float | None:
        """Landed cost of one litre before VAT, EUR."""
        v = self.landed_ex_vat_eur_per_kg
        return None if v is None else v / self.litres_per_kg

    @property
    def eur_per_litre(self) -> float | None:
        """Landed cost of one litre including VAT, EUR (None when VAT is a gap)."""
        v = self.landed_eur_per_kg
        return None if v is None else v / self.litres_per_kg


def landed_cost(
    fob_eur_per_kg: float,
    stack: TaxStack,
    *,
    litres_per_kg: float,
    params: PerLitreParams,
    basis: str = "FOB",
) -> LandedCost:
    """The landed cost of powder and of the litre made from it (pure arithmetic).

    ``basis`` says what the unit value is: ``FOB`` (an exporter's value: freight and
    insurance are added) or ``CIF`` (an importer's value, which includes them).
    """
    params.check()
    if fob_eur_per_kg < 0 or litres_per_kg <= 0:
        raise ParameterError("unit value must be >= 0 and litres per kg > 0")
    if basis not in BASES:
        raise ParameterError(f"basis must be one of {', '.join(BASES)}, found {basis!r}")
    freight = params.freight_pct if basis == "FOB" else 0.0
    cif = fob_eur_per_kg * (1 + freight / 100)
    levies = cif * stack.levy_pct / 100
    duty = None if stack.duty_pct is None else cif * stack.duty_pct / 100
    ex_vat = None if duty is None else (cif + duty + levies) * (1 + params.margin_pct / 100)
    vat = stack.vat_pct
    landed = None if ex_vat is None or vat is None else ex_vat * (1 + vat / 100)
    return LandedCost(fob_eur_per_kg, cif, duty, levies, ex_vat, landed, litres_per_kg, basis)


@dataclass(frozen=True, slots=True)
class Comparison:
    """Local price per litre against the landed cost per litre (local currency)."""

    landed_per_litre: float | None
    compared_with: str  # incl_vat | ex_vat (VAT is a gap) | none
    gap_low: float | None
    gap_high: float | None
    ratio_low: float | None
    ratio_high: float | None


def compare(
    cost: LandedCost, fx: float | None, local_low: float | None, local_high: float | None
) -> Comparison:
    """Gap (local − landed) and ratio (local / landed) over the local price range."""
    base, label = cost.eur_per_litre, msg("incl_vat")
    if base is None:
        base, label = cost.ex_vat_eur_per_litre, msg("ex_vat (VAT is a gap)")
    if base is None or fx is None:
        return Comparison(None, msg("none"), None, None, None, None)
    landed = base * fx

    def gap(v: float | None) -> float | None:
        return None if v is None else v - landed

    def ratio(v: float | None) -> float | None:
        return None if v is None or landed <= 0 else v / landed

    return Comparison(
        landed, label, gap(local_low), gap(local_high), ratio(local_low), ratio(local_high)
    )
