"""The file layouts fairmilk reads, mapped by header name to one set of staging columns.

Every layout maps the same staging columns (``STAGE_COLUMNS``) to SQL expressions over the
file's own header names, so that one validation and one load serve every source.
Sources of the layouts are listed in docs/ingest.md.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Source = Literal["comext", "comtrade"]

# The staging columns, all VARCHAR, as read from the file (no conversion yet).
STAGE_COLUMNS = (
    "reporter",  # reporter code as published (ISO alpha-2 or a numeric code)
    "partner",  # partner code as published
    "partner_code",  # second partner code (Comext classic: geonomenclature number)
    "product",  # product code (CN8 or HS6)
    "flow",  # flow code as published
    "period",  # YYYYMM, YYYY52 (annual Comext) or YYYY
    "stat_regime",  # statistical regime / procedure / customs code
    "value",  # value in the layout's currency
    "quantity_kg",
    "supp_unit",
    "supp_quantity",
)


@dataclass(frozen=True, slots=True)
class Layout:
    """A file layout: its id, source, the header names it needs, and its column mapping."""

    id: str
    source: Source
    code_system: str  # CN8 | HS6
    currency: str  # EUR | USD
    columns: dict[str, str]  # staging column -> header name (or "" when the layout lacks it)
    reporter_codes: str  # iso2 | comext | m49
    partner_codes: str  # iso2 | m49
    import_flows: tuple[str, ...]
    export_flows: tuple[str, ...]
    re_export_flows: tuple[str, ...] = ()  # kept apart: never added to exports
    re_import_flows: tuple[str, ...] = ()  # kept apart: never added to imports
    flow_text: str = ""  # a header whose text flow is used where the flow code is 0 or empty
    extra_filter: tuple[tuple[str, tuple[str, ...]], ...] = ()  # header -> accepted values
    flag_columns: tuple[str, ...] = ()  # headers whose values make up the stored flag
    marker: str = ""  # a header name that tells this layout apart from a similar one

    def required(self) -> list[str]:
        """The header names the layout needs."""
        names = [c for c in self.columns.values() if c]
        names += [name for name, _ in self.extra_filter] + list(self.flag_columns)
        return sorted(set(names + ([self.marker] if self.marker else [])))


COMEXT_CLASSIC = Layout(
    id="comext-classic",
    source="comext",
    code_system="CN8",
    currency="EUR",
    columns={
        "reporter": "DECLARANT_ISO",
        "partner": "PARTNER_ISO",
        "partner_code": "PARTNER",
        "product": "PRODUCT_NC",
        "flow": "FLOW",
        "period": "PERIOD",
        "stat_regime": "STAT_REGIME",
        "value": "VALUE_IN_EUROS",
        "quantity_kg": "QUANTITY_IN_KG",
        "supp_unit": "SUPP_UNIT",
        "supp_quantity": "SUP_QUANTITY",
    },
    reporter_codes="iso2",
    partner_codes="iso2",
    import_flows=("1",),
    export_flows=("2",),
)

COMEXT_FULL_V2 = Layout(
    id="comext-full-v2",
    source="comext",
    code_system="CN8",
    currency="EUR",
    columns={
        "reporter": "REPORTER",
        "partner": "PARTNER",
        "partner_code": "",
        "product": "PRODUCT_NC",
        "flow": "FLOW",
        "period": "PERIOD",
        "stat_regime": "STAT_PROCEDURE",
        "value": "VALUE_EUR",
        "quantity_kg": "QUANTITY_KG",
        "supp_unit": "SUPPL_UNIT",
        "supp_quantity": "QUANTITY_SUPPL_UNIT",
    },
    reporter_codes="iso2",
    partner_codes="iso2",
    import_flows=("1",),
    export_flows=("2",),
)

# Answers of the Comext SDMX API (DS-045409), converted by fairmilk.ingest.sdmx_csv:
# the full_v2 column names plus the dataflow id (the marker) and the flags per indicator.
COMEXT_API = replace(
    COMEXT_FULL_V2,
    id="comext-api",
    flag_columns=("VALUE_FLAG", "QUANTITY_FLAG"),
    marker="DATAFLOW",
)

_COMTRADE_PLUS_COLUMNS = {
    "reporter": "reporterCode",
    "partner": "partnerCode",
    "partner_code": "",
    "product": "cmdCode",
    "flow": "flowCode",
    "period": "period",
    "stat_regime": "customsCode",
    "value": "primaryValue",
    "quantity_kg": "netWgt",
    "supp_unit": "qtyUnitCode",
    "supp_quantity": "qty",
}
_COMTRADE_PLUS_FLAGS = ("isReported", "isNetWgtEstimated", "isQtyEstimated")
# Keep only the totals over second partner, customs procedure and transport mode, so that
# a file in "plus" breakdown mode is not counted twice.
_COMTRADE_PLUS_FILTER = (
    ("partner2Code", ("0", "")),
    ("motCode", ("0", "")),
    ("customsCode", ("C00", "")),
)

COMTRADE_API = Layout(
    id="comtrade-api",
    source="comtrade",
    code_system="HS6",
    currency="USD",
    columns=_COMTRADE_PLUS_COLUMNS,
    reporter_codes="m49",
    partner_codes="m49",
    import_flows=("M",),
    export_flows=("X",),
    re_export_flows=("RX",),
    re_import_flows=("RM",),
    extra_filter=_COMTRADE_PLUS_FILTER,
    flag_columns=_COMTRADE_PLUS_FLAGS,
    marker="reporterDesc",
)

# The bulk files have the same columns as the API answers, without the marker column.
COMTRADE_BULK = replace(COMTRADE_API, id="comtrade-bulk", marker="")

COMTRADE_LEGACY = Layout(
    id="comtrade-legacy",
    source="comtrade",
    code_system="HS6",
    currency="USD",
    columns={
        "reporter": "Reporter Code",
        "partner": "Partner Code",
        "partner_code": "",
        "product": "Commodity Code",
        "flow": "Trade Flow Code",
        "period": "Period",
        "stat_regime": "",
        "value": "Trade Value (US$)",
        "quantity_kg": "Netweight (kg)",
        "supp_unit": "Qty Unit Code",
        "supp_quantity": "Qty",
    },
    reporter_codes="m49",
    partner_codes="m49",
    import_flows=("1",),
    export_flows=("2",),
    re_export_flows=("3",),
    re_import_flows=("4",),
    flow_text="Trade Flow",
    flag_columns=("Flag",),
)

# Legacy Comtrade downloads that put 0 in "Trade Flow Code" give the flow as text in "Trade
# Flow": words (Import, Re-Export...) or codes (M, X, RM, RX, DX, FM...). The text is mapped to
# the legacy codes (1 import, 2 export, 3 re-export, 4 re-import); other flows (DX domestic
# exports, FM foreign imports, processing flows...) keep their text and are not stored.
FLOW_WORDS = {
    "1": ("M", "IMPORT", "IMPORTS"),
    "2": ("X", "EXPORT", "EXPORTS"),
    "3": ("RX", "RE-EXPORT", "RE-EXPORTS", "RE EXPORT", "REEXPORT"),
    "4": ("RM", "RE-IMPORT", "RE-IMPORTS", "RE IMPORT", "REIMPORT"),
}

# Most specific first: a file matches the first layout whose header names it has.
LAYOUTS: tuple[Layout, ...] = (
    COMEXT_CLASSIC,
    COMEXT_API,
    COMEXT_FULL_V2,
    COMTRADE_API,
    COMTRADE_BULK,
    COMTRADE_LEGACY,
)


def layouts_for(source: Source) -> list[Layout]:
    """The layouts of one source, most specific first."""
    return [layout for layout in LAYOUTS if layout.source == source]
