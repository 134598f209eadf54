"""The continuous series shipped in ``reference/data/series`` as tidy observations.

Each function reads one embedded file (never edited: byte copies of their upstream) and
returns :class:`Observation` records: geo as ISO alpha-2 or a region id, one period per
row, the unit stated, units converted only where the series id promises it (1000 t -> t).
Source aggregates that are not fairmilk regions (FAO World, Africa) are not returned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from fairmilk.errors import ReferenceDataError
from fairmilk.reference.catalog import provenance, read_rows
from fairmilk.reference.geo import country_by_iso

FAO_REGIONS = {"5105": "west-africa", "5707": "eu27"}
EUROSTAT_REGIONS = {"EU27_2020": "eu27"}
WDI_CURRENCIES = {
    "ben": "XOF",
    "bfa": "XOF",
    "civ": "XOF",
    "gnb": "XOF",
    "mli": "XOF",
    "ner": "XOF",
    "sen": "XOF",
    "tgo": "XOF",
    "cpv": "CVE",
    "gmb": "GMD",
    "gha": "GHS",
    "gin": "GNF",
    "lbr": "LRD",
    "mrt": "MRU",
    "nga": "NGN",
    "sle": "SLE",
    "emu": "EUR",
}
APRO_SERIES = {
    ("D1100A", "PRO"): "raw_milk_production",
    ("D1100A", "UWM"): "raw_milk_used",
    ("D1110A", "PRO"): "cow_milk_production_eurostat",
    ("D1100D", "UWM"): "milk_delivered_to_dairies",
}


@dataclass(frozen=True, slots=True)
class Observation:
    """One published value, shaped like a row of the ``observations`` table."""

    dataset: str
    series: str
    geo: str
    period: str
    unit: str
    value: float | None
    source_url: str
    year: int | None = None
    month: int | None = None
    partner: str | None = None
    product: str | None = None
    value_low: float | None = None
    value_high: float | None = None
    approximate: bool = False
    derived: bool = False
    flag: str | None = None
    source_org: str | None = None
    licence: str | None = None
    note: str | None = None


def _num(text: str, where: str) -> float | None:
    if text.strip() == "":
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise ReferenceDataError(f"{where}: expected a number, found {text!r}") from exc


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


@cache
def fao_geo() -> dict[str, str]:
    """FAO area code -> ISO alpha-2 (countries) or fairmilk region id (aggregates)."""
    out = dict(FAO_REGIONS)
    for row in read_rows("series/faostat_ddf_geo_entities_subset"):
        if row["iso2_code"]:
            out[row["geo"]] = row["iso2_code"]
    return out


@dataclass(frozen=True, slots=True)
class _Source:
    dataset: str
    url: str
    licence: str
    org: str

    def annual(
        self, series: str, geo: str, year: str, unit: str, value: float | None, flag: str = ""
    ) -> Observation:
        return Observation(
            self.dataset, series, geo, year, unit, value, self.url, year=int(year),
            flag=flag or None, source_org=self.org, licence=self.licence,
        )  # fmt: skip


def _source(dataset: str) -> _Source:
    prov = provenance(dataset)
    return _Source(dataset, prov.urls[0], prov.licence, prov.producer)


def _fao(dataset: str, series: str, unit: str, factor: float) -> list[Observation]:
    src, geo, out = _source(dataset), fao_geo(), []
    for i, row in enumerate(read_rows(dataset), start=2):
        code = geo.get(row["geo"])
        if code is None:
            continue  # FAO World / Africa: not a fairmilk geo
        value_col = next(k for k in row if k not in ("geo", "year"))
        value = _scaled(_num(row[value_col], f"{dataset}.csv:{i}"), factor)
        out.append(src.annual(series, code, row["year"], unit, value))
    return out


def fao_cow_milk() -> list[Observation]:
    """FAOSTAT QCL raw milk of cattle, production, tonnes."""
    return _fao("series/faostat_qcl_raw_milk_of_cattle_production", "cow_milk_production", "t", 1)


OWID_REGIONS = {"Western Africa (FAO)": "west-africa", "European Union (27)": "eu27"}
OWID_INCOMPLETE = {("eu27", "2021"), ("eu27", "2022")}  # Germany missing in the source


def fao_total_milk() -> list[Observation]:
    """FAOSTAT item 1780 'Milk' (all animals), production in tonnes, as republished by OWID."""
    name = "series/owid_milk_production_tonnes"
    src, out = _source(name), []
    for i, r in enumerate(read_rows(name), start=2):
        where = f"reference/data/{name}.csv:{i}"
        if r["Code"]:
            geo = None if r["Code"].startswith("OWID_") else _iso3(r["Code"], where)
        else:
            geo = OWID_REGIONS.get(r["Entity"])
        if geo is None or (geo, r["Year"]) in OWID_INCOMPLETE:
            continue  # World, Africa; the EU-27 total of years with a member missing
        value = _num(r["Milk Production (tonnes)"], where)
        out.append(src.annual("milk_production_all", geo, r["Year"], "t", value))
    return out


def fao_milk_imports() -> list[Observation]:
    """FAOSTAT FBS milk excluding butter, import quantity (1000 t ME converted to t ME)."""
    name = "series/faostat_fbs_milk_excl_butter_import_quantity"
    return _fao(name, "milk_imports_me", "t milk equivalent", 1000)


def fao_milk_exports() -> list[Observation]:
    """FAOSTAT FBS milk excluding butter, export quantity (1000 t ME converted to t ME)."""
    name = "series/faostat_fbs_milk_excl_butter_export_quantity"
    return _fao(name, "milk_exports_me", "t milk equivalent", 1000)


def fao_producer_price() -> list[Observation]:
    """FAOSTAT producer price of raw cow milk, USD per tonne."""
    name = "series/faostat_pp_raw_milk_of_cattle_producer_price_usd_tonne"
    return _fao(name, "producer_price_cow_milk", "USD/t", 1)


def _iso3(code: str, where: str) -> str:
    country = country_by_iso(code)
    if country is None:
        raise ReferenceDataError(f"{where}: unknown ISO alpha-3 code {code!r}")
    return country.iso2


def wb_population() -> list[Observation]:
    """World Bank SP.POP.TOTL for the 16 West African countries, persons."""
    name = "series/wb_population_west_africa"
    src, out = _source(name), []
    for i, r in enumerate(read_rows(name), start=2):
        where = f"{name}.csv:{i}"
        geo = _iso3(r["Country Code"], where)
        out.append(src.annual("population", geo, r["Year"], "persons", _num(r["Value"], where)))
    return out


def wdi_exchange_rates() -> list[Observation]:
    """WDI PA.NUS.FCRF official exchange rate, local currency per USD (euro area: EUR)."""
    name = "series/wdi_pa_nus_fcrf_official_exchange_rate"
    src, out = _source(name), []
    for i, r in enumerate(read_rows(name), start=2):
        where = f"{name}.csv:{i}"
        currency = WDI_CURRENCIES.get(r["economy"])
        if currency is None:
            raise ReferenceDataError(f"{where}: unknown economy {r['economy']!r}")
        if r["economy"] == "emu":
            series, geo = "eur_per_usd", "euro-area"
        else:
            series, geo = "exchange_rate_lcu_per_usd", _iso3(r["economy"], where)
        value = _num(r["pa_nus_fcrf"], where)
        out.append(src.annual(series, geo, r["year"], f"{currency}/USD", value))
    return out


def later_exchange_rates() -> list[Observation]:
    """Rates after the WDI file ends (IMF IFS, secondary sources), each row with its own URL."""
    name = "series/exchange_rates_2023_2025"
    src, out = _source(name), []
    for i, r in enumerate(read_rows(name), start=2):
        where = f"{name}.csv:{i}"
        if WDI_CURRENCIES.get(r["economy"]) != r["currency"]:
            raise ReferenceDataError(
                f"{where}: field currency: expected {WDI_CURRENCIES.get(r['economy'])!r} "
                f"for economy {r['economy']!r}, found {r['currency']!r}"
            )
        value = _num(r["lcu_per_usd"], where)
        if not r["year"].isdigit():
            raise ReferenceDataError(f"{where}: field year: expected a year, found {r['year']!r}")
        if value is None or value <= 0:
            raise ReferenceDataError(f"{where}: field lcu_per_usd: expected a number > 0")
        out.append(Observation(
            name, "exchange_rate_lcu_per_usd", _iso3(r["economy"], where), r["year"],
            f"{r['currency']}/USD", value, r["source_url"], year=int(r["year"]),
            approximate=r["approximate"] == "yes", source_org=src.org, licence=src.licence,
            note=r["note"] or None,
        ))  # fmt: skip
    return out


def fred_eur_per_usd() -> list[Observation]:
    """FRED AEXUSEU inverted by the mirror: EUR per USD, annual average."""
    name = "series/fred_eur_per_usd_annual"
    src = _source(name)
    return [
        src.annual("eur_per_usd", "euro-area", r["Date"][:4], "EUR/USD",
                   _num(r["Exchange rate"], f"{name}.csv:{i}"))
        for i, r in enumerate(read_rows(name), start=2)
    ]  # fmt: skip


def _eurostat_geo(code: str, where: str) -> str:
    if code in EUROSTAT_REGIONS:
        return EUROSTAT_REGIONS[code]
    country = country_by_iso(code)
    if country is None:
        raise ReferenceDataError(f"{where}: unknown Eurostat geo code {code!r}")
    return country.iso2


def _eurostat(
    name: str, series_of: Callable[[dict[str, str]], str], unit: str, factor: float
) -> list[Observation]:
    src, out = _source(name), []
    for i, r in enumerate(read_rows(name), start=2):
        where = f"{name}.csv:{i}"
        value = _scaled(_num(r["OBS_VALUE"], where), factor)
        geo = _eurostat_geo(r["geo"], where)
        out.append(src.annual(series_of(r), geo, r["TIME_PERIOD"], unit, value, r["OBS_FLAG"]))
    return out


def _apro_series(row: dict[str, str]) -> str:
    key = (row["dairyprod"], row["milkitem"])
    if key not in APRO_SERIES:
        raise ReferenceDataError(f"apro_mk_farm: unknown dairyprod/milkitem {key}")
    return APRO_SERIES[key]


def eurostat_milk() -> list[Observation]:
    """Eurostat apro_mk_farm: raw milk, cow milk, milk delivered to dairies (1000 t -> t)."""
    name = "series/eurostat_apro_mk_farm_raw_milk"
    return _eurostat(name, _apro_series, "t", 1000)


def eurostat_dairy_cows() -> list[Observation]:
    """Eurostat tag00014: dairy cows in December (1000 heads -> heads)."""
    return _eurostat("series/eurostat_tag00014_dairy_cows", lambda r: "dairy_cows", "heads", 1000)


SERIES_READERS: dict[str, Callable[[], list[Observation]]] = {
    "series/faostat_qcl_raw_milk_of_cattle_production": fao_cow_milk,
    "series/owid_milk_production_tonnes": fao_total_milk,
    "series/faostat_fbs_milk_excl_butter_import_quantity": fao_milk_imports,
    "series/faostat_fbs_milk_excl_butter_export_quantity": fao_milk_exports,
    "series/faostat_pp_raw_milk_of_cattle_producer_price_usd_tonne": fao_producer_price,
    "series/wb_population_west_africa": wb_population,
    "series/wdi_pa_nus_fcrf_official_exchange_rate": wdi_exchange_rates,
    "series/fred_eur_per_usd_annual": fred_eur_per_usd,
    "series/exchange_rates_2023_2025": later_exchange_rates,
    "series/eurostat_apro_mk_farm_raw_milk": eurostat_milk,
    "series/eurostat_tag00014_dairy_cows": eurostat_dairy_cows,
}
