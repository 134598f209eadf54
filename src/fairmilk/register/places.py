"""Places and dates written in free text: ISO country codes, region ids and ISO dates."""

from __future__ import annotations

import re
from datetime import date

# West Africa (ECOWAS 15 + Mauritania), Chad and the EU 27, English and French names.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "BJ": ("Benin", "Bénin"), "BF": ("Burkina Faso",),
    "CV": ("Cabo Verde", "Cape Verde", "Cap-Vert"),
    "CI": ("Côte d'Ivoire", "Ivory Coast", "Cote d'Ivoire"), "GM": ("Gambia", "Gambie"),
    "GH": ("Ghana",), "GN": ("Guinea", "Guinée"), "GW": ("Guinea-Bissau", "Guinée-Bissau"),
    "LR": ("Liberia", "Libéria"), "ML": ("Mali",), "MR": ("Mauritania", "Mauritanie"),
    "NE": ("Niger",), "NG": ("Nigeria", "Nigéria"), "SN": ("Senegal", "Sénégal"),
    "SL": ("Sierra Leone",), "TG": ("Togo",), "TD": ("Chad", "Tchad"),
    "AT": ("Austria", "Autriche"), "BE": ("Belgium", "Belgique"), "BG": ("Bulgaria", "Bulgarie"),
    "HR": ("Croatia", "Croatie"), "CY": ("Cyprus", "Chypre"), "CZ": ("Czechia", "Tchéquie"),
    "DK": ("Denmark", "Danemark"), "EE": ("Estonia", "Estonie"), "FI": ("Finland", "Finlande"),
    "FR": ("France",), "DE": ("Germany", "Allemagne"), "GR": ("Greece", "Grèce"),
    "HU": ("Hungary", "Hongrie"), "IE": ("Ireland", "Irlande"), "IT": ("Italy", "Italie"),
    "LV": ("Latvia", "Lettonie"), "LT": ("Lithuania", "Lituanie"),
    "LU": ("Luxembourg",), "MT": ("Malta", "Malte"), "NL": ("Netherlands", "Pays-Bas"),
    "PL": ("Poland", "Pologne"), "PT": ("Portugal",), "RO": ("Romania", "Roumanie"),
    "SK": ("Slovakia", "Slovaquie"), "SI": ("Slovenia", "Slovénie"), "ES": ("Spain", "Espagne"),
    "SE": ("Sweden", "Suède"),
}  # fmt: skip
REGIONS: dict[str, tuple[str, ...]] = {
    "west-africa": ("West Africa", "Western Africa", "Afrique de l'Ouest", "West-Africa"),
    "ecowas": ("ECOWAS", "CEDEAO"),
    "waemu": ("WAEMU", "UEMOA"),
    "eu27": ("European Union", "Union européenne", "EU"),
}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "août": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}  # fmt: skip
_MONTH = "|".join(MONTHS)
_DMY_WORDS = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th|er)?(?:\s+of)?\s+({_MONTH})\s+(\d{{4}})\b", re.I
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_DMY = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def _mentions(text: str, names: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in names)


def find_places(text: str) -> list[str]:
    """Region ids then ISO alpha-2 codes of the places named in ``text`` (case-sensitive)."""
    regions = [rid for rid, names in REGIONS.items() if _mentions(text, names)]
    countries = [iso for iso, names in COUNTRIES.items() if _mentions(text, names)]
    return regions + sorted(countries)


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as YYYY-MM-DD ('9th of May 2019', '09/05/2019', ISO)."""
    found: list[tuple[int, int, int, int]] = []
    if m := _ISO.search(text):
        found.append((m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3))))
    if m := _DMY_WORDS.search(text):
        found.append((m.start(), int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1))))
    if m := _DMY.search(text):
        found.append((m.start(), int(m.group(3)), int(m.group(2)), int(m.group(1))))
    for _start, year, month, day in sorted(found):
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            continue
    return None
