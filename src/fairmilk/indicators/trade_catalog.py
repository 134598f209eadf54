"""Declarations of the trade, FFMP and import-dependency indicators (EN/FR)."""

from __future__ import annotations

from fairmilk.indicators.indicator import Indicator

DOC = "docs/indicators/trade.md"
TRADE_INPUTS = ("trade_current", "ref_products", "ref_memberships", "source_files")

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "trade_volume_t",
        "Dairy trade volume",
        "Volume des échanges de produits laitiers",
        "t",
        "Sum of declared net mass (kg / 1000) by exporter, destination, category and period; "
        "a gap when any row added up has no quantity.",
        "Somme des masses nettes déclarées (kg / 1000) par exportateur, destination, catégorie "
        "et période ; une lacune dès qu'une ligne additionnée n'a pas de quantité.",
        TRADE_INPUTS,
        f"{DOC}#volume",
    ),
    Indicator(
        "trade_value_eur",
        "Dairy trade value",
        "Valeur des échanges de produits laitiers",
        "EUR",
        "Sum of declared values in euros (Eurostat Comext). UN Comtrade values stay in US "
        "dollars (value_usd); value_usd_as_eur converts them at the year's EUR/USD rate.",
        "Somme des valeurs déclarées en euros (Eurostat Comext). Les valeurs UN Comtrade restent "
        "en dollars (value_usd) ; value_usd_as_eur les convertit au taux EUR/USD de l'année.",
        (*TRADE_INPUTS, "observations:eur_per_usd"),
        f"{DOC}#value",
    ),
    Indicator(
        "trade_unit_value_eur_per_t",
        "Unit value of dairy trade",
        "Valeur unitaire des échanges laitiers",
        "EUR/t",
        "Value in euros divided by volume in tonnes, for the same rows.",
        "Valeur en euros divisée par le volume en tonnes, pour les mêmes lignes.",
        TRADE_INPUTS,
        f"{DOC}#unit-value",
    ),
    Indicator(
        "trade_milk_equivalent_t",
        "Dairy trade in milk equivalent",
        "Échanges laitiers en équivalent lait",
        "t",
        "Product tonnes times the category's milk-equivalent factor (kg of milk per kg, "
        "milk-solids basis); a gap when a category has no sourced factor.",
        "Tonnes de produit multipliées par le facteur équivalent lait de la catégorie (kg de "
        "lait par kg, base matière sèche) ; une lacune sans facteur sourcé.",
        (*TRADE_INPUTS, "ref_categories"),
        f"{DOC}#milk-equivalent",
    ),
    Indicator(
        "trade_growth_pct",
        "Year-on-year growth of dairy trade",
        "Croissance annuelle des échanges laitiers",
        "%",
        "(volume or value this year / the same group's previous year - 1) x 100, only when "
        "both years cover 12 months (or for the same month a year earlier).",
        "(volume ou valeur de l'année / celle de l'année précédente pour le même groupe - 1) x "
        "100, seulement si les deux années couvrent 12 mois (ou pour le même mois).",
        TRADE_INPUTS,
        f"{DOC}#growth",
    ),
    Indicator(
        "ffmp_exports_t",
        "Fat-filled milk powder exports",
        "Exportations de poudre de lait réengraissée (FFMP)",
        "t",
        "From 2020, tonnes under CN 1901 90 95 (measured). Before 2020, tonnes under CN "
        "1901 90 99 times 50 / 55 / 60 % (AHDB 2018 range, low / central / high), flagged "
        "estimated.",
        "Depuis 2020, tonnes sous la NC 1901 90 95 (mesuré). Avant 2020, tonnes sous la NC "
        "1901 90 99 multipliées par 50 / 55 / 60 % (fourchette AHDB 2018, basse / centrale / "
        "haute), marquées estimées.",
        (*TRADE_INPUTS, "AHDB (2018) share band"),
        f"{DOC}#ffmp",
    ),
    Indicator(
        "ffmp_powder_share_pct",
        "FFMP share of milk-powder exports",
        "Part de la FFMP dans les exportations de lait en poudre",
        "%",
        "FFMP / (SMP + WMP + FFMP) tonnes x 100, with the FFMP band before 2020.",
        "FFMP / (LEP + LEntP + FFMP) en tonnes x 100, avec la fourchette FFMP avant 2020.",
        (*TRADE_INPUTS, "AHDB (2018) share band"),
        f"{DOC}#ffmp-share",
    ),
    Indicator(
        "fao_imports_t",
        "Dairy imports of West Africa (FAOSTAT)",
        "Importations laitières de l'Afrique de l'Ouest (FAOSTAT)",
        "t, USD",
        "FAOSTAT trade (TCL) import quantity (t) and value (US$, published in 1000 US$) of "
        "skimmed and whole milk powder, butter and cheese, by country and year, 1961-2020; "
        "known breaks in the source (Senegal 2001, Nigeria 2007) are flagged.",
        "Quantité (t) et valeur (US$, publiée en milliers d'US$) des importations de lait "
        "écrémé et entier en poudre, de beurre et de fromage, par pays et par an, 1961-2020 "
        "(commerce FAOSTAT, TCL) ; les ruptures connues de la source (Sénégal 2001, Nigeria "
        "2007) sont signalées.",
        ("observations:fao_import_quantity_t", "observations:fao_import_value_usd"),
        f"{DOC}#fao-imports",
    ),
    Indicator(
        "fao_import_unit_value",
        "Import unit value of dairy products (FAOSTAT)",
        "Valeur unitaire des importations laitières (FAOSTAT)",
        "USD/t, EUR/kg, local currency/kg",
        "Import value / import quantity (USD/t); in EUR/kg and local currency/kg at the year's "
        "annual rate (XOF and CVE at their euro peg from 1999); a missing rate is a gap.",
        "Valeur des importations / quantité importée (USD/t) ; en EUR/kg et en monnaie locale/kg "
        "au taux annuel de l'année (XOF et CVE à leur parité fixe avec l'euro depuis 1999) ; "
        "un taux manquant est une lacune.",
        (
            "observations:fao_import_quantity_t",
            "observations:fao_import_value_usd",
            "observations:eur_per_usd",
            "observations:exchange_rate_lcu_per_usd",
        ),
        f"{DOC}#fao-unit-value",
    ),
    Indicator(
        "import_dependency_pct",
        "Dairy import dependency",
        "Dépendance aux importations laitières",
        "%",
        "Imports in milk equivalent / (local milk production of all animals + imports in milk "
        "equivalent) x 100, by country and year (FAOSTAT); dependency_cow_pct counts cow milk "
        "only, for comparison.",
        "Importations en équivalent lait / (production locale de lait de toutes espèces + "
        "importations en équivalent lait) x 100, par pays et par an (FAOSTAT) ; "
        "dependency_cow_pct ne compte que le lait de vache, pour comparaison.",
        (
            "observations:milk_production_all",
            "observations:cow_milk_production",
            "observations:milk_imports_me",
            "ref_memberships",
        ),
        f"{DOC}#import-dependency",
    ),
    Indicator(
        "milk_per_person_kg",
        "Milk available per person",
        "Lait disponible par habitant",
        "kg/person/year",
        "(Production of all milk + imports - exports in milk equivalent) / population, in kg "
        "per person and year (FAOSTAT, World Bank); kg_per_person_cow with cow milk only.",
        "(Production de tout le lait + importations - exportations en équivalent lait) / "
        "population, en kg par habitant et par an (FAOSTAT, Banque mondiale) ; "
        "kg_per_person_cow avec le lait de vache seulement.",
        (
            "observations:milk_production_all",
            "observations:cow_milk_production",
            "observations:milk_imports_me",
            "observations:milk_exports_me",
            "observations:population",
        ),
        f"{DOC}#milk-per-person",
    ),
)
