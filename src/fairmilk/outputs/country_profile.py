"""A country's profile: its key messages, then short sourced tables with charts.

The same profile feeds the country page of the web app and the country brief (HTML and
PDF), so the brief says what the page says. A West African country is seen as an importer
(EU exports to it, import dependency, FFMP, price per litre); an EU member state as an
exporter (its dairy exports to West Africa and their FFMP share).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import duckdb

from fairmilk.errors import FairmilkError, InputError
from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.price_tables import per_litre_table
from fairmilk.outputs import charts, fao_imports, queries
from fairmilk.outputs.i18n import localise, translator
from fairmilk.outputs.key_messages import KeyMessage, exporter_messages, key_messages
from fairmilk.outputs.memo import remember
from fairmilk.outputs.names import category_names, with_names
from fairmilk.outputs.tables import Result, localised
from fairmilk.reference.geo import members

RECENT_YEARS = 6
# Column ids of the profile tables and their reader labels with units (English msgids).
LABELS: dict[str, str] = {
    "year": "Year",
    "product": "Product",
    "tonnes": "Quantity (t)",
    "milk_equivalent_t": "Milk equivalent (t)",
    "value_eur": "Value (EUR)",
    "production_all_t": "Local milk production, all animals (t)",
    "imports_me_t": "Imports, milk equivalent (t)",
    "dependency_pct": "Import dependency (%)",
    "kg_per_person": "Milk available (kg per person)",
    "smp_t": "Skimmed milk powder (t)",
    "wmp_t": "Whole milk powder (t)",
    "ffmp_central_t": "FFMP, central estimate (t)",
    "share_central_pct": "FFMP share of milk powder (%)",
    "currency": "Currency",
    "landed_local_per_litre": "Imported, reconstituted: landed cost per litre",
    "local_price_low": "Local fresh milk per litre, low",
    "local_price_high": "Local fresh milk per litre, high",
    "quantity_t": "Quantity (t)",
    "value_kusd": "Value (1000 USD)",
    "unit_value_usd_per_t": "Unit value (USD/t)",
    "unit_value_eur_per_kg": "Unit value (EUR/kg)",
    "unit_value_lcu_per_kg": "Unit value (local currency/kg)",
}


@dataclass(slots=True)
class Section:
    """One table of the profile, in the reader's language, with its chart (or none)."""

    id: str
    title: str
    result: Result
    chart: charts.Spec | None = None


@dataclass(slots=True)
class Profile:
    """Everything a country page or brief shows, in one language."""

    iso2: str
    name: str
    lang: str
    role: str  # "importer" (West Africa) or "exporter" (EU member state)
    messages: list[KeyMessage] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def synthetic(self) -> bool:
        """True when any message or table uses synthetic demonstration rows."""
        return any(m.synthetic for m in self.messages) or any(
            s.result.synthetic for s in self.sections
        )


def profile_countries() -> dict[str, str]:
    """The countries with a profile today: ISO code → role (importer or exporter)."""
    today = date.today()
    out = dict.fromkeys(members("west-africa", today), "importer")
    out |= dict.fromkeys(members("eu27", today), "exporter")
    return out


def check_country(code: str) -> tuple[str, str]:
    """(ISO code, role) of a country with a profile; InputError naming the ones that exist."""
    known = profile_countries()
    iso2 = code.strip().upper()
    if iso2 not in known:
        raise InputError(
            "unknown country: no country page for this code",
            column="country",
            expected="one of " + ", ".join(sorted(known)),
            found=code,
        )
    return iso2, known[iso2]


def country_name(con: duckdb.DuckDBPyConnection, iso2: str, *, lang: str) -> str:
    """The country's name in ``lang`` from the reference table (the code when absent)."""
    col = "name_fr" if lang == "fr" else "name_en"
    found = con.execute(f"SELECT {col} FROM ref_countries WHERE iso2 = ?", [iso2]).fetchone()
    return str(found[0]) if found else iso2


def build_profile(con: duckdb.DuckDBPyConnection, code: str, *, lang: str) -> Profile:
    """The profile of country ``code`` in ``lang``."""
    iso2, role = check_country(code)
    profile = Profile(iso2, country_name(con, iso2, lang=lang), lang, role)
    if role == "importer":
        profile.messages = key_messages(con, iso2)
        makers = IMPORTER_SECTIONS
    else:
        profile.messages = exporter_messages(con, iso2)
        makers = EXPORTER_SECTIONS
    profile.sections = [_section(con, iso2, lang, make) for make in makers]
    return profile


SectionMaker = Callable[[duckdb.DuckDBPyConnection, str, str], Section]


def _section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str, make: SectionMaker) -> Section:
    """A section, or one that says why it could not be computed (never a made-up table)."""
    try:
        return make(con, iso2, lang)
    except (FairmilkError, duckdb.Error) as exc:
        _ = translator(lang)
        result = Result(_("Not computed"), [], [], lang=lang)
        result.notes.append(_("Not computed: {reason}", reason=str(exc).splitlines()[0]))
        return Section(make.__name__, result.title, result)


def _short(result: Result, columns: list[str], *, keep: int = 0) -> Result:
    """The result with only ``columns`` (and only the rows of the last ``keep`` years)."""
    idx = [result.columns.index(c) for c in columns]
    rows = [tuple(r[i] for i in idx) for r in result.rows]
    if keep and "year" in columns:
        years = sorted({r[columns.index("year")] for r in rows})[-keep:]
        rows = [r for r in rows if r[columns.index("year")] in years]
    return Result(result.title, columns, rows, result.sources, result.notes,
                  result.synthetic, result.lang)  # fmt: skip


def _trade_section(
    con: duckdb.DuckDBPyConnection, filt: queries.TradeFilter, lang: str, title: str
) -> Section:
    """The chart shows the last six years by product; the table the latest year."""
    names = category_names(con, lang)
    table = with_names(queries.trade_table(con, filt, by="year"), names)
    table.lang, table.title = lang, title
    recent = _short(table, ["year", "product", "tonnes", "milk_equivalent_t"], keep=RECENT_YEARS)
    chart = None
    if any(r[2] is not None for r in recent.rows):
        # colours fixed by the category id, names in the reader's language, labels kept
        data = _short(table, ["year", "category", "product", "tonnes"], keep=RECENT_YEARS)
        chart = charts.trade_chart(data, by="year", measure="tonnes", title=title, y_title="t")
    latest = _short(recent, recent.columns, keep=1)
    return Section("imports", title, latest, chart)


def imports_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """EU-27 dairy exports to the country by year and product (the last six years)."""
    _ = translator(lang)
    filt = queries.TradeFilter(categories=queries.CATEGORIES, destination=iso2)
    return _trade_section(con, filt, lang, _("EU-27 dairy exports to this country, by product"))


def exports_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """The member state's dairy exports to West Africa by year and product."""
    _ = translator(lang)
    filt = queries.TradeFilter(categories=queries.CATEGORIES, exporter=iso2)
    section = _trade_section(con, filt, lang, _("Dairy exports to West Africa, by product"))
    section.id = "exports"
    return section


def _frame_result(frame: Frame, lang: str, title: str, columns: list[str], keep: int) -> Result:
    result = localised(frame, lang, title=title)
    return _short(result, columns, keep=keep)


def fao_imports_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """Dairy imports from all origins (FAOSTAT): tonnes by product over time, a short table
    of the latest year and ten years earlier, and the known breaks in the source."""
    _ = translator(lang)
    title = _("Dairy imports from all origins, by product (FAOSTAT)")
    frame = fao_imports.fao_frame(con, iso2)
    names = category_names(con, lang)
    result = fao_imports.table_result(frame, names, lang, title)
    result.notes = list(fao_imports.table_notes(frame, lang))
    data = fao_imports.chart_result(frame, names, lang)
    chart = None
    if any(r[3] is not None for r in data.rows):
        chart = charts.line_chart(data, x="year", y="quantity_t", color="product",
                                  color_key="category", title=title, y_title="t")  # fmt: skip
    return Section("fao-imports", title, result, chart)


def dependency_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """Import dependency by year (FAOSTAT, milk equivalent), the last ten years."""
    _ = translator(lang)
    title = _("Import dependency (%)")
    frame = remember(("profile-dependency", iso2), lambda: dependency_frame(con, countries=[iso2]))
    cols = ["year", "production_all_t", "imports_me_t", "dependency_pct"]
    result = _frame_result(frame, lang, title, cols, 10)
    result.rows = [r for r in result.rows if any(v is not None for v in r[1:])]
    chart = None
    if any(r[3] is not None for r in result.rows):
        chart = charts.line_chart(result, x="year", y="dependency_pct", color=None,
                                  title=title, y_title="%")  # fmt: skip
    return Section("dependency", title, result, chart)


def ffmp_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """FFMP share of the EU-27 milk powder exported to the country, by year."""
    _ = translator(lang)
    title = _("FFMP share of EU-27 milk-powder exports (%)")
    frame = remember(
        ("profile-ffmp", iso2), lambda: ffmp_frame(con, share=True, destinations=[iso2])
    )
    return _ffmp(frame, lang, title)


def exporter_ffmp_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """FFMP share of the member state's milk-powder exports to West Africa, by year."""
    _ = translator(lang)
    title = _("FFMP share of milk-powder exports to West Africa (%)")
    frame = remember(
        ("profile-ffmp-exporter", iso2), lambda: ffmp_frame(con, share=True, exporters=[iso2])
    )
    return _ffmp(frame, lang, title)


def _ffmp(frame: Frame, lang: str, title: str) -> Section:
    cols = ["year", "smp_t", "wmp_t", "ffmp_central_t", "share_central_pct"]
    result = _frame_result(frame, lang, title, cols, RECENT_YEARS)
    chart = None
    if any(r[4] is not None for r in result.rows):
        chart = charts.line_chart(result, x="year", y="share_central_pct", color=None,
                                  title=title, y_title="%")  # fmt: skip
    return Section("ffmp", title, result, chart)


def per_litre_section(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Section:
    """A litre reconstituted from each imported powder vs a litre of local fresh milk."""
    _ = translator(lang)
    title = _("Price per litre: imported powder reconstituted vs local fresh milk")
    frame = remember(("profile-per-litre", iso2), lambda: per_litre_table(con, countries=[iso2]))
    names = category_names(con, lang)
    result = localised(frame, lang, title=title)
    result = with_names(result, names)
    result.lang = lang
    cols = ["product", "year", "currency", "landed_local_per_litre", "local_price_low",
            "local_price_high"]  # fmt: skip
    result = _short(result, cols)
    result.notes.insert(0, str(localise(frame.title, lang)))
    return Section("per-litre", title, result)


IMPORTER_SECTIONS: tuple[SectionMaker, ...] = (
    fao_imports_section,
    imports_section,
    dependency_section,
    ffmp_section,
    per_litre_section,
)
EXPORTER_SECTIONS: tuple[SectionMaker, ...] = (exports_section, exporter_ffmp_section)
