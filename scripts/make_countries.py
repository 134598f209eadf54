"""Regenerate src/fairmilk/reference/data/countries.csv reproducibly.

ISO 3166-1 codes come from pycountry, English and French names from the Unicode CLDR as
packaged by Babel. The Eurostat Comext (geonomenclature) and UN Comtrade codes are the
hand-kept tables below; an empty cell means "not sourced", never a guess.

Run: .venv/bin/python scripts/make_countries.py  (needs the dev extra: pycountry)
"""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
from babel import Locale

OUT = Path(__file__).parents[1] / "src" / "fairmilk" / "reference" / "data" / "countries.csv"

# Eurostat geonomenclature numeric codes as in the DECLARANT / PARTNER columns of the
# classic Comext bulk files (declarant 3 digits, partner zero-padded to 4: '001', '0003').
# Only the EU27 + UK declarants, the 16 West African countries and main dairy partners.
COMEXT = {
    # EU27 + UK declarants
    "FR": "001", "NL": "003", "DE": "004", "IT": "005", "GB": "006", "IE": "007",
    "DK": "008", "GR": "009", "PT": "010", "ES": "011", "BE": "017", "LU": "018",
    "SE": "030", "FI": "032", "AT": "038", "MT": "046", "EE": "053", "LV": "054",
    "LT": "055", "PL": "060", "CZ": "061", "SK": "063", "HU": "064", "RO": "066",
    "BG": "068", "SI": "091", "HR": "092", "CY": "600",
    # West Africa: ECOWAS 15 + Mauritania
    "MR": "228", "ML": "232", "BF": "236", "NE": "240", "CV": "247", "SN": "248",
    "GM": "252", "GW": "257", "GN": "260", "SL": "264", "LR": "268", "CI": "272",
    "GH": "276", "TG": "280", "BJ": "284", "NG": "288",
    # main other partners in dairy trade
    "NO": "028", "CH": "039", "TR": "052", "UA": "072", "RU": "075", "MA": "204",
    "DZ": "208", "TN": "212", "LY": "216", "EG": "220", "CM": "302", "GA": "314",
    "CG": "318", "CD": "322", "AO": "330", "ZA": "388", "US": "400", "CA": "404",
    "MX": "412", "BR": "508", "LB": "604", "IQ": "612", "IL": "624", "JO": "628",
    "SA": "632", "KW": "636", "BH": "640", "QA": "644", "AE": "647", "OM": "649",
    "YE": "653", "PK": "662", "IN": "664", "BD": "666", "TH": "680", "VN": "690",
    "ID": "700", "MY": "701", "SG": "706", "PH": "708", "CN": "720", "KR": "728",
    "JP": "732", "TW": "736", "HK": "740", "AU": "800", "NZ": "804",
}  # fmt: skip

# UN Comtrade uses M49 (= ISO numeric) except for these reporters/partners, whose
# Comtrade figures include dependent territories (e.g. France with Monaco).
COMTRADE_EXCEPTIONS = {
    "FR": "251",  # France incl. Monaco
    "IN": "699",  # India
    "US": "842",  # USA incl. Puerto Rico and US Virgin Islands
    "NO": "579",  # Norway incl. Svalbard and Jan Mayen
    "CH": "757",  # Switzerland incl. Liechtenstein
    "TW": "490",  # 'Other Asia, nes': in practice Taiwan
}

# CLDR's English name is kept except where the ISO/UN short name is the one users expect.
NAME_EN = {"CV": "Cabo Verde"}


def rows() -> list[dict[str, str]]:
    """One row per ISO 3166-1 country, sorted by alpha-2 code."""
    en = Locale("en").territories
    fr = Locale("fr").territories
    out = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        out.append(
            {
                "iso2": c.alpha_2,
                "iso3": c.alpha_3,
                "iso_numeric": c.numeric,
                "comext_code": COMEXT.get(c.alpha_2, ""),
                "comtrade_code": COMTRADE_EXCEPTIONS.get(c.alpha_2, str(int(c.numeric))),
                "name_en": NAME_EN.get(c.alpha_2, en.get(c.alpha_2, c.name)),
                "name_fr": fr.get(c.alpha_2, ""),
            }
        )
    return out


def main() -> None:
    """Write countries.csv."""
    data = rows()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(data[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
    print(f"wrote {len(data)} countries to {OUT.relative_to(Path.cwd())}")


if __name__ == "__main__":
    main()
