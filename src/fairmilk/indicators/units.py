"""Price units and currencies: parse, convert, and refuse to guess a missing rate.

A price unit is ``CURRENCY/QUANTITY``: ``EUR/100kg``, ``EURc/kg``, ``EUR/t``, ``XOF/L``,
``NGN/L``, ``XOF/bag25kg``, ``EUR/1000L``. Mass and volume convert into each other only when
the caller states a density (kg per litre). Currencies convert through the fixed peg
(655.957 XOF per EUR since 1 January 1999) or through a dated ``RateTable`` of annual
rates per US dollar; a missing rate raises ``ConversionError``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fairmilk.errors import ConversionError

XOF_PER_EUR = 655.957
PEG_SINCE = 1999
PEG_SOURCE = (
    "BCEAO, fixed parity 1 EUR = 655.957 XOF since 1999 "
    "(https://news.abidjan.net/fakenews/79-il-nen-est-rien-a-formellement-dementi-jeudi-"
    "la-banque-centrale-des-etats-de-lafrique-de-louest-bceao-dans-un-communique)"
)

CURRENCIES = ("EUR", "USD", "XOF", "NGN", "GHS", "MRU", "GMD", "GNF", "LRD", "SLE", "CVE")
"""Currencies fairmilk knows: the euro, the US dollar, and those of West Africa."""

COUNTRY_CURRENCY: dict[str, str] = {
    **dict.fromkeys(("BJ", "BF", "CI", "GW", "ML", "NE", "SN", "TG"), "XOF"),
    "NG": "NGN",
    "GH": "GHS",
    "MR": "MRU",
    "GM": "GMD",
    "GN": "GNF",
    "LR": "LRD",
    "SL": "SLE",
    "CV": "CVE",
}
"""The local currency of each West African country (ECOWAS 15 + Mauritania)."""

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


@dataclass(frozen=True, slots=True)
class Rate:
    """One annual rate: local currency units per US dollar, with where it comes from."""

    currency: str
    year: int
    per_usd: float
    source: str


@dataclass(slots=True)
class RateTable:
    """Annual exchange rates per US dollar, by currency and year; EUR/XOF use the peg."""

    rates: dict[tuple[str, int], Rate] = field(default_factory=dict)

    def add(self, rate: Rate) -> None:
        """Add (or replace) the rate of one currency in one year."""
        if not rate.per_usd > 0:
            raise ConversionError(f"rate for {rate.currency} {rate.year} must be > 0")
        self.rates[(rate.currency, rate.year)] = rate

    def per_usd(self, currency: str, year: int) -> float:
        """Units of ``currency`` per US dollar in ``year``; ConversionError if unknown."""
        if currency == "USD":
            return 1.0
        if currency == "XOF" and year >= PEG_SINCE:
            return XOF_PER_EUR * self.per_usd("EUR", year)
        found = self.rates.get((currency, year))
        if found is None:
            raise ConversionError(
                f"no exchange rate for {currency} per USD in {year}; load the rate series "
                "(eur_per_usd, exchange_rate_lcu_per_usd) or give the price in another currency"
            )
        return found.per_usd

    def factor(self, source: str, target: str, year: int | None) -> float:
        """How many ``target`` units one ``source`` unit is worth in ``year``."""
        if source == target:
            return 1.0
        if {source, target} == {"EUR", "XOF"}:
            if year is not None and year < PEG_SINCE:
                raise ConversionError(f"the EUR/XOF peg starts in {PEG_SINCE}, not {year}")
            return XOF_PER_EUR if source == "EUR" else 1 / XOF_PER_EUR
        if year is None:
            raise ConversionError(f"converting {source} to {target} needs a year")
        return self.per_usd(target, year) / self.per_usd(source, year)

    def sources(self) -> list[str]:
        """The distinct sources of the rates held."""
        return sorted({r.source for r in self.rates.values()})


def rates_from_records(records: Iterable[Mapping[str, object]]) -> RateTable:
    """Build a RateTable from rows with currency, year, per_usd and source."""
    table = RateTable()
    for rec in records:
        table.add(
            Rate(
                currency=str(rec["currency"]),
                year=int(str(rec["year"])),
                per_usd=float(str(rec["per_usd"])),
                source=str(rec["source"]),
            )
        )
    return table


PEG_ONLY = RateTable()
"""A table with no floating rates: only EUR <-> XOF (the peg) converts."""


def convert_price(
    value: float,
    source: str | PriceUnit,
    target: str | PriceUnit,
    *,
    year: int | None = None,
    rates: RateTable | None = None,
    kg_per_litre: float | None = None,
) -> float:
    """Convert a price between units and currencies; raises ConversionError, never guesses."""
    src = source if isinstance(source, PriceUnit) else parse_unit(source)
    dst = target if isinstance(target, PriceUnit) else parse_unit(target)
    per_base = value / src.amount * (0.01 if src.cents else 1.0)  # currency per kg or per L
    if src.measure != dst.measure:
        if kg_per_litre is None or kg_per_litre <= 0:
            raise ConversionError(
                f"converting a price per {src.measure} to one per {dst.measure} needs a "
                "stated density (kg_per_litre)"
            )
        per_base = per_base * kg_per_litre if src.measure == "kg" else per_base / kg_per_litre
    money = per_base * (rates or PEG_ONLY).factor(src.currency, dst.currency, year)
    return money * dst.amount * (100.0 if dst.cents else 1.0)
