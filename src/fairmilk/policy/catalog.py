"""Declarations of the policy simulators (EN/FR), documented like the indicators."""

from __future__ import annotations

from fairmilk.indicators.indicator import Indicator

M = "docs/methodology"

SIMULATORS: tuple[Indicator, ...] = (
    Indicator(
        "mrp_simulation",
        "EMB Market Responsibility Programme (simulation)",
        "Programme de responsabilité du marché de l'EMB (simulation)",
        "index; phase; t; EUR",
        "Proxy market index 100 × weighted price/cost and product-value/cost ratios; phases at "
        "falls of 7.5, 15 and 25 %, exit at 100; volumes withheld and bonus cost. Model output.",
        "Indice de marché approché 100 × ratios pondérés prix/coût et valeur des produits/coût ; "
        "phases à des baisses de 7,5, 15 et 25 %, sortie à 100 ; volumes retenus, coût des "
        "primes. Résultat de modèle.",
        ("prices_current", "policy/mrp_parameters"),
        f"{M}/mrp.md#mrp",
    ),
    Indicator(
        "tariff_scenario",
        "ECOWAS tariff scenario (simulation)",
        "Scénario tarifaire CEDEAO (simulation)",
        "local currency per litre; %",
        "Landed cost per litre of reconstituted powder with the measures in force and with the "
        "scenario's CET bands and levies; import response at stated elasticities. Model output.",
        "Coût rendu au litre de poudre reconstituée avec les mesures en vigueur et avec les "
        "bandes du TEC et prélèvements du scénario ; réponse des importations selon des "
        "élasticités déclarées. Résultat de modèle.",
        ("trade_current", "policy/import_taxes", "prices_current"),
        f"{M}/tariff-scenario.md#tariff-scenario",
    ),
    Indicator(
        "milk_offensive_tracker",
        "ECOWAS milk offensive tracker",
        "Suivi de l'offensive lait de la CEDEAO",
        "% of milk processed",
        "Sourced shares of local milk in dairy processing against the target of at least 20 % "
        "(20-25 % by 2035); conflicting sources side by side; gaps as gaps.",
        "Parts sourcées du lait local dans la transformation laitière face à la cible d'au "
        "moins 20 % (20-25 % en 2035) ; sources divergentes côte à côte ; lacunes signalées.",
        ("policy/milk_offensive",),
        f"{M}/milk-offensive.md#milk-offensive",
    ),
)
