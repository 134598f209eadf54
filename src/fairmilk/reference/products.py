"""Product codes (HS4, HS6, CN8 prefixes) to fairmilk product categories, by year.

The rule: among the rows of ``products.csv`` whose prefix starts the code, the longest
prefix wins. A prefix may carry several rows for different years (a code that changed
meaning); if none of the rows of the winning prefix is valid in the year, the code did not
exist (or did not mean anything we track) that year and the answer is ``None``. So
``19019095`` in 2018 is ``None``: the line was created for CN 2020.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fairmilk.errors import InputError, ReferenceDataError
from fairmilk.reference.catalog import read_rows

CATEGORIES = (
    "liquid_milk",
    "cream",
    "smp",
    "wmp",
    "ffmp",
    "butter",
    "cheese",
    "whey",
    "condensed",
    "yoghurt",
    "infant_formula",
    "other",
)
FFMP_ROLES = ("ffmp", "carrier", "none")
OPEN_END = 9999


@dataclass(frozen=True, slots=True)
class ProductCode:
    """One row of products.csv: a code prefix, its category and the years it holds."""

    prefix: str
    code_system: str
    category: str
    valid_from: int
    valid_to: int
    ffmp_role: str
    label_en: str
    label_fr: str
    source_url: str
    note: str

    def valid_in(self, year: int) -> bool:
        """Whether the row holds in ``year``."""
        return self.valid_from <= year <= self.valid_to


def _parse(row: dict[str, str], line: int) -> ProductCode:
    where = f"reference/data/products.csv:{line}"
    if not row["prefix"].isdigit():
        raise ReferenceDataError(f"{where}: prefix must be digits only, found {row['prefix']!r}")
    if row["category"] not in CATEGORIES:
        raise ReferenceDataError(f"{where}: unknown category {row['category']!r}")
    if row["ffmp_role"] not in FFMP_ROLES:
        raise ReferenceDataError(f"{where}: ffmp_role must be one of {FFMP_ROLES}")
    return ProductCode(
        prefix=row["prefix"],
        code_system=row["code_system"],
        category=row["category"],
        valid_from=int(row["valid_from"]),
        valid_to=int(row["valid_to"]),
        ffmp_role=row["ffmp_role"],
        label_en=row["label_en"],
        label_fr=row["label_fr"],
        source_url=row["source_url"],
        note=row["note"],
    )


@cache
def product_codes() -> tuple[ProductCode, ...]:
    """Every row of products.csv, in file order."""
    return tuple(_parse(row, i + 2) for i, row in enumerate(read_rows("products")))


@cache
def dairy_prefixes() -> tuple[str, ...]:
    """The shortest prefixes that cover every tracked code: keep a raw row if it starts so."""
    prefixes = sorted({p.prefix for p in product_codes()}, key=lambda p: (len(p), p))
    kept: list[str] = []
    for prefix in prefixes:
        if not any(prefix.startswith(k) for k in kept):
            kept.append(prefix)
    return tuple(sorted(kept))


def is_dairy_code(code: str) -> bool:
    """Whether a raw product code starts with one of the dairy prefixes."""
    return code.startswith(dairy_prefixes())


def _clean(code: str) -> str:
    digits = code.replace(".", "").replace(" ", "").strip()
    if not digits.isdigit() or len(digits) < 4:
        raise InputError(
            "not a product code", expected="at least 4 digits (HS4, HS6 or CN8)", found=code
        )
    return digits


def product_for(code: str, year: int) -> ProductCode | None:
    """The products.csv row that classifies ``code`` in ``year``, or None."""
    digits = _clean(code)
    matching = [p for p in product_codes() if digits.startswith(p.prefix)]
    if not matching:
        return None
    longest = max(len(p.prefix) for p in matching)
    valid = [p for p in matching if len(p.prefix) == longest and p.valid_in(year)]
    return valid[0] if valid else None


def category_for(code: str, year: int) -> str | None:
    """The product category of an HS/CN code in a year, or None if it is not tracked then."""
    row = product_for(code, year)
    return row.category if row is not None else None


def ffmp_role_for(code: str, year: int) -> str | None:
    """``ffmp``, ``carrier`` (FFMP hidden among other goods) or ``none``; None if untracked."""
    row = product_for(code, year)
    return row.ffmp_role if row is not None else None
