"""Declaration of the mirror-trade indicator (EN/FR)."""

from __future__ import annotations

from fairmilk.indicators.indicator import Indicator

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "mirror_gap",
        "Mirror trade gap: West African imports from the EU vs EU exports",
        "Écart miroir : importations ouest-africaines depuis l'UE et exportations de l'UE",
        "EUR, t, %",
        "Imports reported by each West African country to UN Comtrade from EU members (US "
        "dollars at the year's EUR/USD rate; tonnes) minus the exports the EU members report "
        "to Eurostat Comext to that country (euros; tonnes), same six-digit HS codes and "
        "years; a gap when either side has no data.",
        "Importations déclarées par chaque pays ouest-africain à UN Comtrade en provenance des "
        "membres de l'UE (dollars convertis au taux EUR/USD de l'année ; tonnes) moins les "
        "exportations que les membres de l'UE déclarent à Eurostat Comext vers ce pays (euros ; "
        "tonnes), mêmes codes SH à six chiffres et années ; une lacune si un côté manque.",
        ("trade_current", "ref_memberships", "observations:eur_per_usd", "source_files"),
        "docs/indicators/trade.md#mirror",
    ),
)
