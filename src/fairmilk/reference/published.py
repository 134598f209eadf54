"""Published figures (press, reports, papers) in ``reference/data/published`` as observations.

A row of ``eu_exports_west_africa.csv`` may carry several measures (a volume in t, a value in
EUR, a value in local currency, a share in %): each becomes one observation with its own
unit, under the series ``slug(metric)__slug(product_category)``. ``geo`` is the reporter,
``partner`` the other side; besides ISO codes and region ids they may be ``world`` or
``extra-eu``. The source says "EU" without its composition: it is read as ``eu28`` up to
2019 and ``eu27`` from 2020, and the note says so.
"""

from __future__ import annotations

import re
from functools import cache

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.catalog import provenance, read_rows
from fairmilk.reference.observations import Observation

DATASET = "published/eu_exports_west_africa"
PLACES = {
    "france": "FR",
    "ireland": "IE",
    "netherlands": "NL",
    "poland": "PL",
    "united kingdom": "GB",
    "nigeria": "NG",
    "senegal": "SN",
    "cote d'ivoire": "CI",
    "mali": "ML",
    "world": "world",
    "eu (all origins = world)": "world",
    "west africa": "west-africa",
    "west africa (as stated)": "west-africa",
    "ecowas": "ecowas",
    "extra-eu (all destinations)": "extra-eu",
}
MEASURES = (("volume_t", "t"), ("value_eur", "EUR"), ("value_local", ""), ("share_pct", "%"))


def slug(text: str) -> str:
    """Lower-case words joined by underscores: 'export volume' -> 'export_volume'."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def _year(period: str) -> int | None:
    return int(period) if re.fullmatch(r"\d{4}", period) else None


def _place(text: str, year: int | None, where: str) -> tuple[str, str]:
    key = text.strip().lower()
    if key == "eu":
        code = "eu28" if year is not None and year <= 2019 else "eu27"
        return code, f"'EU' read as {code} (composition not stated by the source)"
    if key not in PLACES:
        raise ReferenceDataError(f"{where}: unknown reporter or partner {text!r}")
    return PLACES[key], ""


def _flag(text: str, where: str) -> bool:
    if text not in ("yes", "no"):
        raise ReferenceDataError(f"{where}: expected yes or no, found {text!r}")
    return text == "yes"


def _row_observations(row: dict[str, str], where: str, licence: str) -> list[Observation]:
    period = row["year"].strip()
    year = _year(period.removeprefix("c."))
    geo, geo_note = _place(row["reporter"], year, where)
    partner, partner_note = _place(row["partner"], year, where)
    note = "; ".join(
        t for t in (row["partner_definition"], geo_note, partner_note, row["note"]) if t
    )
    series = f"{slug(row['metric'])}__{slug(row['product_category'])}"
    out = []
    for column, unit in MEASURES:
        if not row[column].strip():
            continue
        try:
            value = float(row[column])
        except ValueError as exc:
            raise ReferenceDataError(f"{where}: {column} is not a number: {row[column]!r}") from exc
        out.append(
            Observation(DATASET, _measure_series(series, column), geo, period,
                        unit or row["local_currency"], value,
                        row["source_url"], year=year, partner=partner,
                        product=row["product_category"],
                        approximate=_flag(row["approximate"], where) or period.startswith("c."),
                        derived=_flag(row["derived"], where), licence=licence, note=note)
        )  # fmt: skip
    return out


def _measure_series(series: str, column: str) -> str:
    """A share given beside a volume or value is a measure of its own: ``…__share``."""
    if column == "share_pct" and "share" not in series:
        return f"{series}__share"
    return series


def published_figures() -> list[Observation]:
    """Every measure of every row of eu_exports_west_africa.csv, as observations."""
    licence = provenance(DATASET).licence
    out: list[Observation] = []
    for i, row in enumerate(read_rows(DATASET), start=2):
        out += _row_observations(row, f"{DATASET}.csv:{i}", licence)
    return out


@cache
def metric_names() -> dict[str, str]:
    """What each published series measures, as the file words it: ``export_volume`` -> text."""
    return {slug(row["metric"]): row["metric"].strip() for row in read_rows(DATASET)}
