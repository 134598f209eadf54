"""Metadata for exports: column descriptions, Table Schema field types, sources and licences."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from fairmilk.outputs.tables import Result

COLUMNS: dict[str, str] = {
    "period": "Period: YYYY, YYYY-MM, or a span of years",
    "year": "Year",
    "month": "Month (1-12); empty for annual records",
    "exporter": "Exporting country (ISO 3166 alpha-2; 'X:code' for non-country partners)",
    "destination": "Destination country (ISO 3166 alpha-2; 'X:code' for non-country partners)",
    "region": "Region id (eu27, eu28, ecowas, waemu, west-africa) or a country code",
    "category": "Product category id (empty when no reference prefix matches)",
    "source": "Trade source: comext (values in EUR) or comtrade (values in USD)",
    "tonnes": "Net mass, tonnes; empty when a row added up has no quantity",
    "tonnes_reported": "Sum of the published quantities, tonnes (a lower bound when rows lack one)",
    "value_eur": "Value, EUR as published by Eurostat Comext",
    "unit_value_eur_per_t": "Unit value, EUR per tonne, over rows with both value and quantity",
    "milk_equivalent_t": "Milk equivalent, tonnes (tonnes x category factor); empty without factor",
    "growth_tonnes_pct": "Year-on-year change of tonnes, %",
    "growth_value_pct": "Year-on-year change of value_eur, %",
    "value_usd": "Value, USD as published by UN Comtrade",
    "value_usd_as_eur": "value_usd converted at the year's EUR per USD rate (converted)",
    "months_covered": "Months of data behind the figure (12 = full year)",
    "rows": "Source rows added up",
    "rows_missing_quantity": "Source rows without a quantity",
    "synthetic": "True when a synthetic demonstration row was used",
    "code": "CN8 code the FFMP figure comes from",
    "code_tonnes": "Tonnes declared under that code",
    "ffmp_low_t": "FFMP, tonnes: low end of the band (measured from 2020)",
    "ffmp_central_t": "FFMP, tonnes: central value (measured from 2020)",
    "ffmp_high_t": "FFMP, tonnes: high end of the band (measured from 2020)",
    "estimated": "True for estimated FFMP (before 2020), false for measured",
    "method": "How the FFMP figure was made",
    "method_source": "Source of the FFMP method",
    "smp_t": "Skimmed milk powder, tonnes",
    "wmp_t": "Whole milk powder, tonnes",
    "share_low_pct": "FFMP share of milk-powder tonnes, %, with the low FFMP value",
    "share_central_pct": "FFMP share of milk-powder tonnes, %, with the central FFMP value",
    "share_high_pct": "FFMP share of milk-powder tonnes, %, with the high FFMP value",
    "geo": "Country (ISO 3166 alpha-2)",
    "production_t": "Cow-milk production, tonnes (FAOSTAT)",
    "imports_me_t": "Imports in milk equivalent, tonnes (FAOSTAT)",
    "exports_me_t": "Exports in milk equivalent, tonnes (FAOSTAT)",
    "population": "Population, persons (World Bank)",
    "dependency_pct": "Imports / (production + imports), milk equivalent, %",
    "kg_per_person": "Milk available per person and year, kg",
    "sources": "Sources of the row's inputs",
}

LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
_URL = re.compile(r"https?://[^\s,;)]+")
_LICENCE = re.compile(r"licence ([^,)]+)")


def describe(column: str) -> str:
    """The English description of a column (its name when undocumented)."""
    return COLUMNS.get(column, column)


def field_type(result: Result, index: int) -> str:
    """The Table Schema type of a column: boolean, integer, number or string."""
    values = [row[index] for row in result.rows if row[index] is not None]
    if values and all(isinstance(v, bool) for v in values):
        return "boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "integer"
    numbers = (int, float, Decimal)
    if values and all(isinstance(v, numbers) and not isinstance(v, bool) for v in values):
        return "number"
    return "string"


def source_entries(sources: list[str]) -> list[dict[str, Any]]:
    """Data-package source objects: the text as title, its first URL as path."""
    entries: list[dict[str, Any]] = []
    for text in dict.fromkeys(sources):
        entry: dict[str, Any] = {"title": text}
        url = _URL.search(text)
        if url:
            entry["path"] = url.group(0)
        entries.append(entry)
    return entries


def licences(sources: list[str]) -> list[dict[str, str]]:
    """The licences named in the sources ('licence X'), as data-package licence objects."""
    found = dict.fromkeys(m.group(1).strip() for s in sources for m in _LICENCE.finditer(s))
    out = []
    for name in found:
        entry = {"name": re.sub(r"\s+", "-", name), "title": name}
        if name in LICENCE_URLS:
            entry["path"] = LICENCE_URLS[name]
        out.append(entry)
    return out
