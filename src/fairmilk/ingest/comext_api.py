"""Plan filtered queries of Eurostat's Comext SDMX 2.1 API (dataset DS-045409).

A query asks for the dairy CN8 codes valid in a year (the product table decides), EU
reporters of that year, chosen partners (West Africa by default), one or both flows and
two indicators (value in euros, quantity in 100 kg), annual or monthly. It is cut into
chunks whose largest possible size stays under the API's synchronous limit. URL patterns
and their sources are in docs/ingest.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from fairmilk.errors import FetchError, InputError
from fairmilk.reference.geo import REGIONS, members, resolve_geo
from fairmilk.reference.products import dairy_prefixes, product_for

COMEXT_SDMX = "https://ec.europa.eu/eurostat/api/comext/dissemination/sdmx/2.1"
DATASET = "DS-045409"
CODELIST_URL = f"{COMEXT_SDMX}/codelist/ESTAT/CXT_NC?format=TSV"
INDICATORS = ("VALUE_IN_EUROS", "QUANTITY_IN_100KG")
FLOWS = {"import": "1", "export": "2"}
# Eurostat answers synchronously up to 500 000 rows; a chunk's largest possible size
# (every key combination present) is kept under this bound.
MAX_CELLS = 500_000
MAX_PRODUCTS = 200  # keeps the URL short (about 2 kB)
_CN8 = re.compile(r"[0-9]{8}")


@dataclass(frozen=True, slots=True)
class Chunk:
    """One API request: a year at one frequency, some reporters, partners and products."""

    freq: str  # A | M
    year: int
    reporters: tuple[str, ...]
    partners: tuple[str, ...]
    products: tuple[str, ...]
    flows: tuple[str, ...]  # Comext flow codes: 1 import, 2 export

    def cells(self) -> int:
        """The largest number of rows the answer can hold."""
        periods = 12 if self.freq == "M" else 1
        dims = (self.reporters, self.partners, self.products, self.flows)
        size = periods * len(INDICATORS)
        for values in dims:
            size *= len(values)
        return size

    def url(self) -> str:
        """The SDMX 2.1 data URL of the chunk, asking for SDMX-CSV."""
        key = ".".join([self.freq, *("+".join(v) for v in self._dims()), "+".join(INDICATORS)])
        start, end = (
            (f"{self.year}-01", f"{self.year}-12") if self.freq == "M" else (str(self.year),) * 2
        )
        query = {"startPeriod": start, "endPeriod": end, "format": "SDMX-CSV"}
        query["compressed"] = "false"
        return f"{COMEXT_SDMX}/data/{DATASET}/{key}?{urlencode(query)}"

    def _dims(self) -> tuple[tuple[str, ...], ...]:
        return (self.reporters, self.partners, self.products, self.flows)

    def halves(self) -> tuple[Chunk, Chunk]:
        """The chunk split in two: by reporters if several, else by products."""
        if len(self.reporters) > 1:
            mid = len(self.reporters) // 2
            return (
                replace(self, reporters=self.reporters[:mid]),
                replace(self, reporters=self.reporters[mid:]),
            )
        if len(self.products) > 1:
            mid = len(self.products) // 2
            return (
                replace(self, products=self.products[:mid]),
                replace(self, products=self.products[mid:]),
            )
        if len(self.partners) > 1:
            mid = len(self.partners) // 2
            return (
                replace(self, partners=self.partners[:mid]),
                replace(self, partners=self.partners[mid:]),
            )
        raise FetchError(f"{self.url()}: the API finds even one code too big; nothing to split")


@dataclass(frozen=True, slots=True)
class Scope:
    """What a fetch asks for, year by year: partners (codes or regions) and flows."""

    partners: tuple[str, ...] = ("west-africa",)
    flows: tuple[str, ...] = ("export",)
    monthly: bool = False

    def label(self) -> str:
        """A short stable name of the partners and flows, used in the dataset key."""
        return f"{'+'.join(p.lower() for p in self.partners)}:{'+'.join(self.flows)}"


def dairy_cn8(codelist: list[str], year: int) -> tuple[str, ...]:
    """The CN8 codes of the code list that the product table tracks in ``year``.

    Only plain eight-digit codes are asked: confidential (``04XXXXXX``) and other
    administrative codes are left out (the Comext ingest refuses non-numeric codes).
    """
    prefixes = dairy_prefixes()
    found = {
        code
        for code in codelist
        if _CN8.fullmatch(code) and code.startswith(prefixes) and product_for(code, year)
    }
    return tuple(sorted(found))


def reporters_of(year: int) -> tuple[str, ...]:
    """The EU member states that report to Comext in ``year`` (the UK until 2020)."""
    return tuple(sorted(members("eu28", year)))


def partners_of(scope: Scope, year: int) -> tuple[str, ...]:
    """The ISO alpha-2 partner codes of the scope in ``year`` (regions as of that year)."""
    codes: set[str] = set()
    for item in scope.partners:
        codes |= resolve_geo(item, year) if item.lower() in REGIONS else resolve_geo(item)
    return tuple(sorted(codes))


def chunks(scope: Scope, year: int, products: tuple[str, ...]) -> list[Chunk]:
    """The requests for one year, each at most MAX_CELLS rows and MAX_PRODUCTS codes."""
    if not products:
        return []
    flows = tuple(sorted(FLOWS[f] for f in scope.flows))
    freq = "M" if scope.monthly else "A"
    todo = [
        Chunk(
            freq,
            year,
            reporters_of(year),
            partners_of(scope, year),
            products[i : i + MAX_PRODUCTS],
            flows,
        )
        for i in range(0, len(products), MAX_PRODUCTS)
    ]
    done: list[Chunk] = []
    while todo:
        chunk = todo.pop(0)
        if chunk.cells() > MAX_CELLS:
            todo[:0] = chunk.halves()
        else:
            done.append(chunk)
    return done


def codelist_codes(text: str, *, shown: str) -> list[str]:
    """The codes of a code list answered as TSV (code, tab, label on each line)."""
    codes = [line.split("\t", 1)[0].strip() for line in text.splitlines() if "\t" in line]
    if not codes:
        raise InputError(
            "the CN code list holds no 'code<TAB>label' line",
            file=shown,
            line=1,
            expected="a TSV code list",
            found=text[:80],
        )
    return codes
