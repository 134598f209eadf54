"""Declarations of the price and cost indicators (EN/FR), and the titled price series."""

from __future__ import annotations

from dataclasses import dataclass

from fairmilk.indicators.frame import Frame
from fairmilk.indicators.indicator import Indicator
from fairmilk.reference import gdt, price_series

M = "docs/methodology"
PRICES = ("prices_current",)

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "cost_coverage_pct",
        "Cost coverage: farm-gate milk price / full production cost",
        "Couverture des coûts : prix du lait à la ferme / coût de production complet",
        "%",
        "100 × farm-gate price / full production cost (EMB/BAL method), both in euro cents "
        "per kg, for each country and period where both are published.",
        "100 × prix du lait à la ferme / coût de production complet (méthode EMB/BAL), tous "
        "deux en centimes d'euro par kg, pour chaque pays et période où les deux sont publiés.",
        (*PRICES, "prices/eu_milk_prices_costs"),
        f"{M}/cost-coverage.md#cost-coverage",
    ),
    Indicator(
        "dumping_margin_pct",
        "Dumping margin of EU milk powders (milk equivalent)",
        "Marge de dumping des poudres de lait européennes (équivalent lait)",
        "%",
        "Benchmark (EU full cost or farm-gate price, c/kg) minus the export unit value per kg "
        "of milk equivalent (unit value / milk-equivalent factor), as a share of the benchmark.",
        "Référence (coût complet ou prix à la ferme dans l'UE, c/kg) moins la valeur unitaire à "
        "l'export par kg d'équivalent lait (valeur unitaire / facteur), en part de la référence.",
        ("trade_current", "ref_categories", *PRICES),
        f"{M}/dumping-margin.md#dumping-margin",
    ),
    Indicator(
        "per_litre_gap",
        "Per-litre gap: local fresh milk vs reconstituted imported powder",
        "Écart au litre : lait local frais et poudre importée reconstituée",
        "local currency per litre",
        "Local fresh-milk price per litre minus the landed cost of one litre reconstituted "
        "from imported powder (EU export unit value + freight, else the country's FAOSTAT "
        "import unit value, CIF; CET duty, levies, VAT, margin; / litres per kg).",
        "Prix du litre de lait local frais moins le coût rendu d'un litre reconstitué à partir "
        "de poudre importée (valeur unitaire à l'export de l'UE + fret, sinon valeur unitaire "
        "des importations du pays selon FAOSTAT, CAF ; TEC, prélèvements, TVA, marge ; / "
        "litres par kg).",
        (
            "trade_current",
            "observations:fao_import_value_usd",
            "observations:fao_import_quantity_t",
            "ref_categories",
            "policy/import_taxes",
            *PRICES,
        ),
        f"{M}/per-litre.md#per-litre",
    ),
    Indicator(
        "price_anomaly_ipa",
        "Price anomaly indicator (FAO GIEWS IPA)",
        "Indicateur d'anomalie des prix (IPA du SMIAR de la FAO)",
        "standard deviations",
        "0.4 × z-score of the quarterly compound growth + 0.6 × z-score of the annual compound "
        "growth, each against the same calendar month of earlier years; alert >= 1, watch >= 0.5.",
        "0,4 × score z de la croissance composée trimestrielle + 0,6 × score z de la croissance "
        "composée annuelle, par rapport au même mois des années antérieures ; alerte >= 1.",
        (*PRICES, gdt.DATASET),
        f"{M}/price-anomalies.md#price-anomalies",
    ),
)


@dataclass(frozen=True, slots=True)
class PriceSeries:
    """A price series of the store: id, EN/FR title, unit, geo and the dataset it comes from."""

    id: str
    title_en: str
    title_fr: str
    unit: str
    geo: str
    dataset: str


def _from_catalogue(origin: str, geo: str, dataset: str) -> tuple[PriceSeries, ...]:
    """The series of one origin, titled and united by the catalogue ``prices/price_series``."""
    return tuple(
        PriceSeries(e.id, e.title_en, e.title_fr, e.unit, geo, dataset)
        for e in price_series.from_origin(origin)
    )


# GlobalDairyTrade auction averages (fairmilk.reference.gdt), loaded by `fairmilk build`.
SERIES: tuple[PriceSeries, ...] = _from_catalogue(gdt.DATASET, gdt.GEO, gdt.DATASET)

# EU dairy quotations fetched from the EC agri-food data portal (fairmilk.ingest.agridata_dairy,
# `fairmilk prices fetch-agridata --dataset dairy`): monthly means of weekly prices, for any
# member state or eu27 (geo ""), loaded from the user's price file (dataset "user:<file>").
AGRIDATA_SERIES: tuple[PriceSeries, ...] = _from_catalogue("agridata:dairy", "", "user:")


def with_titles(frame: Frame, lang: str) -> Frame:
    """The frame with a ``title`` column after ``series``: each series' title in ``lang``.

    A series id that is not in the catalogue (from a user's file) keeps its raw id as title.
    """
    at = frame.columns.index("series") + 1
    rows = [
        (*row[:at], price_series.series_title(str(row[at - 1]), lang), *row[at:])
        for row in frame.rows
    ]
    columns = [*frame.columns[:at], "title", *frame.columns[at:]]
    return Frame(frame.title, columns, rows, frame.sources, frame.notes, frame.synthetic)
