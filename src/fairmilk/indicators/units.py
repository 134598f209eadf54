"""Price units and currencies: parse, convert, and refuse to guess a missing rate.

A price unit is ``CURRENCY/QUANTITY``: ``EUR/100kg``, ``EURc/kg``, ``EUR/t``, ``XOF/L``,
``NGN/L``, ``XOF/bag25kg``, ``EUR/1000L``. Mass and volume convert into each other only when
the caller states a density (kg per litre). Currencies convert through a fixed euro peg
(655.957 XOF and 110.265 CVE per EUR since 1 January 1999) or through a dated ``RateTable``
of annual rates per US dollar; a missing rate raises ``ConversionError``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from fairmilk.errors import ConversionError
from fairmilk.ingest.price_units import CURRENCIES, PriceUnit, parse_unit
from fairmilk.text import msg

XOF_PER_EUR = 655.957
PEG_SINCE = 1999
PEG_SOURCE = msg(
    "Fixed parity 1 EUR = {xof:g} XOF since 1 January 1999: 1 EUR = {frf:g} FRF "
    "(Council Regulation (EC) No 2866/98, {regulation}) and 1 FRF = 100 XOF "
    "kept for the euro (Council Decision 98/683/EC, {decision})",
    xof=XOF_PER_EUR,
    frf=6.55957,
    regulation="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:31998R2866",
    decision="https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:31998D0683",
)

CVE_PER_EUR = 110.265
CVE_PEG_SOURCE = msg(
    "Banco de Cabo Verde exchange regime: the escudo is pegged to the euro, EUR 1 = CVE {cve:g} "
    "({url})",
    cve=CVE_PER_EUR,
    url="https://cvc.instituto-camoes.pt/lextec/por/domain_2/text/19059.html",
)
PEGS: dict[str, float] = {"XOF": XOF_PER_EUR, "CVE": CVE_PER_EUR}
"""Currencies fixed to the euro since 1999: units per euro."""
PEG_SOURCES: dict[str, str] = {"XOF": PEG_SOURCE, "CVE": CVE_PEG_SOURCE}

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


@dataclass(frozen=True, slots=True)
class Rate:
    """One annual rate: local currency units per US dollar, with where it comes from."""

    currency: str
    year: int
    per_usd: float
    source: str


@dataclass(slots=True)
class RateTable:
    """Annual exchange rates per US dollar, by currency and year; XOF and CVE follow the euro."""

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
        if currency in PEGS and year >= PEG_SINCE:  # a pegged currency follows the euro
            return PEGS[currency] * self.per_usd("EUR", year)
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
        if {source, target} <= {"EUR", *PEGS}:  # euro and pegged currencies: fixed parities
            if year is not None and year < PEG_SINCE:
                pegged = "/".join(sorted({source, target} - {"EUR"}))
                raise ConversionError(f"the EUR/{pegged} peg starts in {PEG_SINCE}, not {year}")
            return PEGS.get(target, 1.0) / PEGS.get(source, 1.0)
        if year is None:
            raise ConversionError(f"converting {source} to {target} needs a year")
        return self.per_usd(target, year) / self.per_usd(source, year)

    def sources(self) -> list[str]:
        """The distinct sources of the rates held."""
        return sorted({r.source for r in self.rates.values()})

    def sources_for(self, source: str, target: str, year: int | None) -> list[str]:
        """Where a conversion's rate comes from: the euro pegs and the dated rates it uses."""
        fixed = {source, target} <= {"EUR", *PEGS}
        out = {PEG_SOURCES[c] for c in (source, target) if c in PEGS}
        for currency in {source, target} - {"USD"}:
            found = self.rates.get(("EUR" if currency in PEGS else currency, year or 0))
            if found is not None and not fixed:
                out.add(found.source)
        return sorted(out)


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
"""A table with no floating rates: only the euro and its pegged currencies (XOF, CVE) convert."""


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


__all__ = [
    "COUNTRY_CURRENCY",
    "CURRENCIES",
    "CVE_PEG_SOURCE",
    "CVE_PER_EUR",
    "PEGS",
    "PEG_ONLY",
    "PEG_SINCE",
    "PEG_SOURCE",
    "PEG_SOURCES",
    "XOF_PER_EUR",
    "PriceUnit",
    "Rate",
    "RateTable",
    "convert_price",
    "parse_unit",
    "rates_from_records",
]
