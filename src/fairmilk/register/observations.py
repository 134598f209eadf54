"""Field observations of milk products on West African markets: price, pack and label.

The form is declared as data (OBSERVATION_FIELDS, EN/FR); a CSV with the same columns can be
imported. Observations are pending until a moderator publishes them; published ones feed
the price series through ``published_price_observations`` (the analytics copy).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fairmilk.errors import InputError
from fairmilk.register.places import COUNTRIES
from fairmilk.text import msg

PRODUCTS = (
    "liquid_milk", "cream", "smp", "wmp", "ffmp", "butter", "cheese", "whey", "condensed",
    "yoghurt", "infant_formula", "other",
)  # fmt: skip
UNITS = {"g": 0.001, "kg": 1.0, "ml": 0.001, "l": 1.0}
LABELS: dict[str, tuple[str, str]] = {
    "contains_vegetable_fat": ("contains vegetable fat", "contient de la matière grasse végétale"),
    "not_suitable_for_infants": ("not suitable for infants", "ne convient pas aux nourrissons"),
    "fat_filled_powder": (
        "fat-filled milk powder / milk powder blend",
        "poudre de lait réengraissée / mélange",
    ),
    "called_milk": ("sold as 'milk' without qualification", "vendu comme « lait » sans précision"),
    "local_milk": ("local milk", "lait local"),
    "origin_stated": ("origin of the milk stated", "origine du lait indiquée"),
}


@dataclass(frozen=True, slots=True)
class ObsField:
    """One field of the observation form: id, EN/FR label, required, help."""

    id: str
    label_en: str
    label_fr: str
    required: bool
    help_en: str
    help_fr: str


OBSERVATION_FIELDS: tuple[ObsField, ...] = (
    ObsField(
        "date",
        "Date of observation",
        "Date de l'observation",
        True,
        "YYYY-MM-DD",
        "AAAA-MM-JJ",
    ),
    ObsField(
        "country",
        "Country",
        "Pays",
        True,
        "ISO code, e.g. SN",
        "Code ISO, par ex. SN",
    ),
    ObsField(
        "place",
        "Town and market",
        "Ville et marché",
        True,
        "e.g. Dakar, Tilène market",
        "ex. Dakar, marché Tilène",
    ),
    ObsField(
        "product",
        "Product",
        "Produit",
        True,
        "a product category",
        "une catégorie de produit",
    ),
    ObsField(
        "brand",
        "Brand",
        "Marque",
        False,
        "as printed on the pack",
        "telle qu'imprimée sur l'emballage",
    ),
    ObsField(
        "package_size",
        "Package size",
        "Contenance",
        True,
        "number, e.g. 400",
        "nombre, ex. 400",
    ),
    ObsField(
        "package_unit",
        "Unit of the package size",
        "Unité de la contenance",
        True,
        "g, kg, ml or l",
        "g, kg, ml ou l",
    ),
    ObsField(
        "price",
        "Price paid",
        "Prix payé",
        True,
        "for one package",
        "pour un emballage",
    ),
    ObsField(
        "currency",
        "Currency",
        "Monnaie",
        True,
        "ISO code, e.g. XOF",
        "code ISO, ex. XOF",
    ),
    ObsField(
        "labels",
        "Label statements",
        "Mentions de l'étiquette",
        False,
        "ids separated by ;",
        "identifiants séparés par ;",
    ),
    ObsField(
        "label_text",
        "Label wording as read",
        "Texte de l'étiquette tel que lu",
        False,
        "",
        "",
    ),
    ObsField(
        "note",
        "Note",
        "Remarque",
        False,
        "",
        "",
    ),
)


@dataclass(frozen=True, slots=True)
class Observation:
    """One validated observation."""

    observed_on: date
    country: str
    place: str
    product: str
    brand: str | None
    package_size: float
    package_unit: str
    price: float
    currency: str
    labels: tuple[str, ...]
    label_text: str | None
    note: str | None


def _bad(column: str, expected: str, found: str, file: str | None, line: int | None) -> InputError:
    return InputError(
        msg("invalid value"), file=file, line=line, column=column, expected=expected, found=found
    )


def _number(raw: dict[str, str], key: str, file: str | None, line: int | None) -> float:
    text = raw.get(key, "").strip().replace(" ", "").replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise _bad(key, msg("a positive number"), raw.get(key, ""), file, line) from None
    if not value > 0 or value > 1e9:
        raise _bad(key, msg("a positive number up to 1e9"), raw.get(key, ""), file, line)
    return value


def _labels(text: str, file: str | None, line: int | None) -> tuple[str, ...]:
    """Label ids from 'id; id' or from the EN/FR statements themselves."""
    found: list[str] = []
    for part in (p.strip() for p in re.split(r"[;|]", text) if p.strip()):
        key = next(
            (k for k, (en, fr) in LABELS.items() if part.lower() in (k, en.lower(), fr.lower())),
            None,
        )
        if key is None:
            raise _bad("labels", "; ".join(LABELS), part, file, line)
        found.append(key)
    return tuple(dict.fromkeys(found))


def _date(text: str, file: str | None, line: int | None) -> date:
    try:
        day = date.fromisoformat(text.strip())
    except ValueError:
        raise _bad("date", msg("a date YYYY-MM-DD"), text, file, line) from None
    if day > date.today() or day.year < 2000:
        raise _bad("date", msg("a date between 2000 and today"), text, file, line)
    return day


def _choice(raw: dict[str, str], key: str, allowed: Any, file: str | None, line: int | None) -> str:
    value = raw.get(key, "").strip()
    value = value.upper() if key in ("country", "currency") else value.lower()
    ok = re.fullmatch(allowed, value) if isinstance(allowed, str) else value in allowed
    if not ok:
        expected = allowed if isinstance(allowed, str) else ", ".join(allowed)
        raise _bad(key, expected, raw.get(key, ""), file, line)
    return value


def _text(raw: dict[str, str], key: str, limit: int = 500) -> str | None:
    value = " ".join(raw.get(key, "").split())[:limit]
    return value or None


def validate_observation(
    raw: dict[str, str], *, file: str | None = None, line: int | None = None
) -> Observation:
    """Check one observation given as strings (form or CSV row); InputError names the column."""
    place = _text(raw, "place", 200)
    if place is None:
        raise _bad("place", msg("a town and market"), "", file, line)
    return Observation(
        observed_on=_date(raw.get("date", ""), file, line),
        country=_choice(raw, "country", tuple(COUNTRIES), file, line),
        place=place,
        product=_choice(raw, "product", PRODUCTS, file, line),
        brand=_text(raw, "brand", 120),
        package_size=_number(raw, "package_size", file, line),
        package_unit=_choice(raw, "package_unit", tuple(UNITS), file, line),
        price=_number(raw, "price", file, line),
        currency=_choice(raw, "currency", r"[A-Z]{3}", file, line),
        labels=_labels(raw.get("labels", ""), file, line),
        label_text=_text(raw, "label_text"),
        note=_text(raw, "note"),
    )
