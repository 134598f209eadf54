"""Price units as ``CURRENCY/QUANTITY``: parse and validate them (no conversion here).

``EUR/100kg``, ``EURc/kg`` (euro cents), ``EUR/t``, ``XOF/L``, ``NGN/L``, ``XOF/bag25kg``,
``EUR/1000L``. Conversion lives in ``fairmilk.indicators.units``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from fairmilk.errors import ConversionError

RATIO_UNITS = ("%", "index")
"""Units of ratios and indices: valid in price files, never converted."""

CURRENCIES = ("EUR", "USD", "XOF", "NGN", "GHS", "MRU", "GMD", "GNF", "LRD", "SLE", "CVE")
"""Currencies fairmilk knows: the euro, the US dollar, and those of West Africa."""

# quantity token -> (measure, amount in base measure: kg or L)
_QUANTITIES: dict[str, tuple[str, float]] = {
    "kg": ("kg", 1.0),
    "100kg": ("kg", 100.0),
    "t": ("kg", 1000.0),
    "l": ("L", 1.0),
    "100l": ("L", 100.0),
    "1000l": ("L", 1000.0),
    "hl": ("L", 100.0),
    "bag25kg": ("kg", 25.0),
}
_ALIASES = {
    "tonne": "t",
    "tonnes": "t",
    "litre": "l",
    "liter": "l",
    "25kgbag": "bag25kg",
    "bag": "bag25kg",
}


@dataclass(frozen=True, slots=True)
class PriceUnit:
    """A parsed price unit: currency (cents flagged), and the quantity priced."""

    currency: str
    cents: bool
    measure: str  # kg | L
    amount: float  # how many kg or L the price is for
    text: str

    @property
    def code(self) -> str:
        """The canonical spelling, e.g. ``EURc/kg`` or ``XOF/bag25kg``."""
        return self.text


def _norm_quantity(raw: str) -> str:
    token = raw.lower().replace(" ", "").replace("per", "")
    token = token.replace("litres", "l").replace("liters", "l")
    token = _ALIASES.get(token, token)
    for word, short in (("litre", "l"), ("liter", "l"), ("tonne", "t")):
        token = token.replace(word, short)
    return token


_UNIT_RE = re.compile(r"^\s*([A-Za-z]{1,4})\s*(c|cent|cents)?\s*(?:/|per\s)\s*(.+?)\s*$")


def parse_unit(text: str) -> PriceUnit:
    """Parse a price unit such as ``EUR/100 kg``, ``EUR cent/kg`` or ``XOF per litre``."""
    match = _UNIT_RE.match(text)
    if not match:
        raise ConversionError(
            f"unknown price unit {text!r}; expected CURRENCY/QUANTITY such as EUR/100kg, "
            "EURc/kg, EUR/t, XOF/L or XOF/bag25kg"
        )
    cur, cent, qty = match.group(1).upper(), bool(match.group(2)), _norm_quantity(match.group(3))
    if cur == "C":  # 'c/kg' is euro cents
        cur, cent = "EUR", True
    if cur.endswith("C") and cur[:-1] in CURRENCIES:
        cur, cent = cur[:-1], True
    if cur not in CURRENCIES:
        raise ConversionError(
            f"unknown currency {cur!r} in unit {text!r}; expected one of {CURRENCIES}"
        )
    if qty not in _QUANTITIES:
        raise ConversionError(
            f"unknown quantity {match.group(3)!r} in unit {text!r}; "
            f"expected one of {sorted(_QUANTITIES)}"
        )
    measure, amount = _QUANTITIES[qty]
    canon = {"l": "L", "100l": "100L", "1000l": "1000L", "hl": "100L"}.get(qty, qty)
    return PriceUnit(cur, cent, measure, amount, f"{cur}{'c' if cent else ''}/{canon}")


def check_unit(text: str) -> str:
    """The canonical spelling of a price unit, or ``%``/``index``; ConversionError if unknown."""
    if text.strip() in RATIO_UNITS:
        return text.strip()
    return parse_unit(text).code
