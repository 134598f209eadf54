"""Product categories with EN/FR names, milk-equivalent and reconstitution factors.

An empty factor is a gap (None), never a guess. ``me_factor`` is kg of raw milk per kg of
product on a total-milk-solids basis; ``litres_per_kg`` is litres of reconstituted milk per
kg of powder. Derived factors say so (``me_derived`` / ``litres_derived``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.catalog import read_rows
from fairmilk.reference.products import CATEGORIES


@dataclass(frozen=True, slots=True)
class Category:
    """A product category and its conversion factors (None = no sourced factor)."""

    category: str
    name_en: str
    name_fr: str
    is_powder: bool
    me_factor: float | None
    me_derived: bool
    me_source_url: str | None
    me_note: str
    litres_per_kg: float | None
    litres_derived: bool
    litres_source_url: str | None
    litres_note: str


def _bool(text: str, where: str) -> bool:
    if text not in ("true", "false"):
        raise ReferenceDataError(f"{where}: expected true or false, found {text!r}")
    return text == "true"


def _float(text: str) -> float | None:
    return float(text) if text else None


def _parse(r: dict[str, str], line: int) -> Category:
    where = f"reference/data/categories.csv:{line}"
    if r["category"] not in CATEGORIES:
        raise ReferenceDataError(f"{where}: unknown category {r['category']!r}")
    return Category(
        category=r["category"],
        name_en=r["name_en"],
        name_fr=r["name_fr"],
        is_powder=_bool(r["is_powder"], where),
        me_factor=_float(r["me_factor"]),
        me_derived=_bool(r["me_derived"], where),
        me_source_url=r["me_source_url"] or None,
        me_note=r["me_note"],
        litres_per_kg=_float(r["litres_per_kg"]),
        litres_derived=_bool(r["litres_derived"], where),
        litres_source_url=r["litres_source_url"] or None,
        litres_note=r["litres_note"],
    )


@cache
def categories() -> tuple[Category, ...]:
    """Every product category, in file order."""
    return tuple(_parse(r, i) for i, r in enumerate(read_rows("categories"), start=2))


def category(category_id: str) -> Category:
    """One category by id; raises ReferenceDataError for an unknown id."""
    for c in categories():
        if c.category == category_id:
            return c
    raise ReferenceDataError(
        f"unknown product category {category_id!r}; expected one of {CATEGORIES}"
    )
