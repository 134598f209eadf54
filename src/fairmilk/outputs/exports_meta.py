"""Metadata for exports: column descriptions, Table Schema field types, sources and licences."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from fairmilk.outputs.tables import Result

FORMATS = ("csv", "csv-fr", "xlsx", "parquet", "datapackage")  # export formats (no pyarrow here)
COLUMNS: dict[str, tuple[str, str]] = {
    "period": (
        "Period: YYYY, YYYY-MM, or a span of years",
        "Période : AAAA, AAAA-MM ou une plage d'années",
    ),
    "year": (
        "Year",
        "Année",
    ),
    "month": (
        "Month (1-12); empty for annual records",
        "Mois (1-12) ; vide pour les données annuelles",
    ),
    "exporter": (
        "Exporting country (ISO 3166 alpha-2; 'X:code' for non-country partners)",
        "Pays exportateur (ISO 3166 alpha-2 ; 'X:code' pour les partenaires non pays)",
    ),
    "destination": (
        "Destination country (ISO 3166 alpha-2; 'X:code' for non-country partners)",
        "Pays de destination (ISO 3166 alpha-2 ; 'X:code' pour les partenaires non pays)",
    ),
    "region": (
        "Region id (eu27, eu28, ecowas, waemu, west-africa) or a country code",
        "Identifiant de région (eu27, eu28, ecowas, waemu, west-africa) ou code pays",
    ),
    "category": (
        "Product category id (empty when no reference prefix matches)",
        "Catégorie de produit (vide si aucun préfixe de référence ne correspond)",
    ),
    "source": (
        "Trade source: comext (values in EUR) or comtrade (values in USD)",
        "Source des échanges : comext (valeurs en EUR) ou comtrade (valeurs en USD)",
    ),
    "tonnes": (
        "Net mass, tonnes; empty when a row added up has no quantity",
        "Masse nette, tonnes ; vide si une ligne additionnée n'a pas de quantité",
    ),
    "tonnes_reported": (
        "Sum of the published quantities, tonnes (a lower bound when rows lack one)",
        "Somme des quantités publiées, tonnes (borne basse si des lignes n'en ont pas)",
    ),
    "value_eur": (
        "Value, EUR as published by Eurostat Comext",
        "Valeur, EUR, telle que publiée par Eurostat Comext",
    ),
    "unit_value_eur_per_t": (
        "Unit value, EUR per tonne, over rows with both value and quantity",
        "Valeur unitaire, EUR par tonne, sur les lignes avec valeur et quantité",
    ),
    "milk_equivalent_t": (
        "Milk equivalent, tonnes (tonnes x category factor); empty without factor",
        "Équivalent lait, tonnes (tonnes x facteur de la catégorie) ; vide sans facteur",
    ),
    "growth_tonnes_pct": (
        "Year-on-year change of tonnes, %",
        "Variation annuelle des tonnes, %",
    ),
    "growth_value_pct": (
        "Year-on-year change of value_eur, %",
        "Variation annuelle de value_eur, %",
    ),
    "value_usd": (
        "Value, USD as published by UN Comtrade",
        "Valeur, USD, telle que publiée par UN Comtrade",
    ),
    "value_usd_as_eur": (
        "value_usd converted at the year's EUR per USD rate (converted)",
        "value_usd convertie au taux EUR par USD de l'année (convertie)",
    ),
    "months_covered": (
        "Months of data behind the figure (12 = full year)",
        "Mois de données derrière le chiffre (12 = année complète)",
    ),
    "rows": (
        "Source rows added up",
        "Lignes sources additionnées",
    ),
    "rows_missing_quantity": (
        "Source rows without a quantity",
        "Lignes sources sans quantité",
    ),
    "synthetic": (
        "True when a synthetic demonstration row was used",
        "Vrai si une ligne de démonstration synthétique a été utilisée",
    ),
    "code": (
        "CN8 code the FFMP figure comes from",
        "Code NC8 d'où vient le chiffre FFMP",
    ),
    "code_tonnes": (
        "Tonnes declared under that code",
        "Tonnes déclarées sous ce code",
    ),
    "ffmp_low_t": (
        "FFMP, tonnes: low end of the band (measured from 2020)",
        "FFMP, tonnes : bas de la fourchette (mesuré depuis 2020)",
    ),
    "ffmp_central_t": (
        "FFMP, tonnes: central value (measured from 2020)",
        "FFMP, tonnes : valeur centrale (mesuré depuis 2020)",
    ),
    "ffmp_high_t": (
        "FFMP, tonnes: high end of the band (measured from 2020)",
        "FFMP, tonnes : haut de la fourchette (mesuré depuis 2020)",
    ),
    "estimated": (
        "True for estimated FFMP (before 2020), false for measured",
        "Vrai pour la FFMP estimée (avant 2020), faux pour la FFMP mesurée",
    ),
    "method": (
        "How the FFMP figure was made",
        "Comment le chiffre FFMP a été obtenu",
    ),
    "method_source": (
        "Source of the FFMP method",
        "Source de la méthode FFMP",
    ),
    "smp_t": (
        "Skimmed milk powder, tonnes",
        "Lait écrémé en poudre, tonnes",
    ),
    "wmp_t": (
        "Whole milk powder, tonnes",
        "Lait entier en poudre, tonnes",
    ),
    "share_low_pct": (
        "FFMP share of milk-powder tonnes, %, with the low FFMP value",
        "Part de la FFMP dans les tonnes de lait en poudre, %, valeur FFMP basse",
    ),
    "share_central_pct": (
        "FFMP share of milk-powder tonnes, %, with the central FFMP value",
        "Part de la FFMP dans les tonnes de lait en poudre, %, valeur FFMP centrale",
    ),
    "share_high_pct": (
        "FFMP share of milk-powder tonnes, %, with the high FFMP value",
        "Part de la FFMP dans les tonnes de lait en poudre, %, valeur FFMP haute",
    ),
    "geo": (
        "Country (ISO 3166 alpha-2)",
        "Pays (ISO 3166 alpha-2)",
    ),
    "production_all_t": (
        "Milk production, all animals (cow, goat, sheep, camel), tonnes (FAOSTAT)",
        "Production de lait, toutes espèces (vache, chèvre, brebis, chamelle), tonnes (FAOSTAT)",
    ),
    "production_cow_t": (
        "Cow-milk production only, tonnes (FAOSTAT)",
        "Production de lait de vache seulement, tonnes (FAOSTAT)",
    ),
    "imports_me_t": (
        "Imports in milk equivalent, tonnes (FAOSTAT)",
        "Importations en équivalent lait, tonnes (FAOSTAT)",
    ),
    "exports_me_t": (
        "Exports in milk equivalent, tonnes (FAOSTAT)",
        "Exportations en équivalent lait, tonnes (FAOSTAT)",
    ),
    "population": (
        "Population, persons (World Bank)",
        "Population, habitants (Banque mondiale)",
    ),
    "dependency_pct": (
        "Imports / (production of all milk + imports), milk equivalent, %",
        "Importations / (production de tout le lait + importations), équivalent lait, %",
    ),
    "dependency_cow_pct": (
        "Imports / (cow-milk production + imports), milk equivalent, %",
        "Importations / (production de lait de vache + importations), équivalent lait, %",
    ),
    "kg_per_person": (
        "Milk available per person and year (all milk), kg",
        "Lait disponible par habitant et par an (tout le lait), kg",
    ),
    "kg_per_person_cow": (
        "Milk available per person and year (cow milk only), kg",
        "Lait disponible par habitant et par an (lait de vache seulement), kg",
    ),
    "sources": (
        "Sources of the row's inputs",
        "Sources des entrées de la ligne",
    ),
    "partner": (
        "Partner (the other side of a bilateral figure)",
        "Partenaire (l'autre côté d'un chiffre bilatéral)",
    ),
    "value": (
        "Published value",
        "Valeur publiée",
    ),
    "unit": (
        "Unit",
        "Unité",
    ),
    "approximate": (
        "True when the source gives an approximate value",
        "Vrai si la source donne une valeur approchée",
    ),
    "series": (
        "Series id: what is measured (published figures: metric__product)",
        "Identifiant de série : ce qui est mesuré (chiffres publiés : mesure__produit)",
    ),
    "measure": (
        "What the figure measures, in words",
        "Ce que mesure le chiffre, en mots",
    ),
    "litres_per_kg": (
        "Litres of milk made from one kg of powder (the sourced factor used)",
        "Litres de lait obtenus d'un kg de poudre (facteur sourcé utilisé)",
    ),
    "derived": (
        "True when the value is computed from a sourced figure",
        "Vrai si la valeur est calculée à partir d'un chiffre sourcé",
    ),
    "source_org": (
        "Source organisation",
        "Organisme source",
    ),
    "source_url": (
        "Source address",
        "Adresse de la source",
    ),
    "note": (
        "Note",
        "Note",
    ),
}

LICENCE_URLS = {
    "CC BY 4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
_URL = re.compile(r"https?://[^\s,;)]+")
_LICENCE = re.compile(r"licence ([^,)]+)")


def describe(column: str, lang: str = "en") -> str:
    """The description of a column in English or French (its name when undocumented)."""
    en, fr = COLUMNS.get(column, (column, column))
    return fr if lang == "fr" else en


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
