"""Country briefs: key figures, charts (SVG drawn by vl-convert) and sources, as HTML and PDF."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from fairmilk import __version__
from fairmilk.errors import InputError
from fairmilk.outputs import charts, queries
from fairmilk.outputs.i18n import check_lang, fmt_number, translator
from fairmilk.outputs.names import category_names, with_names
from fairmilk.outputs.tables import Result

TEMPLATES = Path(__file__).parent / "report_templates"


@dataclass(slots=True)
class Brief:
    """What a country brief shows: its figures, tables with charts, and sources."""

    country: str
    name: str
    lang: str
    sections: list[tuple[str, Result, str]] = field(default_factory=list)
    synthetic: bool = False


def country_name(con: duckdb.DuckDBPyConnection, iso2: str, *, lang: str) -> str:
    """The country's name in ``lang``; InputError for a code the store does not know."""
    col = "name_fr" if lang == "fr" else "name_en"
    found = con.execute(f"SELECT {col} FROM ref_countries WHERE iso2 = ?", [iso2]).fetchone()
    if not found:
        raise InputError(
            "unknown country",
            column="country",
            expected="an ISO alpha-2 code listed by 'fairmilk' reference data",
            found=iso2,
        )
    return str(found[0])


def build_brief(con: duckdb.DuckDBPyConnection, iso2: str, *, lang: str) -> Brief:
    """Gather the brief of country ``iso2``: EU dairy exports to it, and its published figures."""
    check_lang(lang)
    iso2 = iso2.upper()
    _ = translator(lang)
    brief = Brief(iso2, country_name(con, iso2, lang=lang), lang)
    imports = _imports(con, iso2, lang)
    chart = ""
    if imports.rows:
        spec = charts.trade_chart(
            imports, by="year", measure="tonnes", title=imports.title, y_title="t"
        )
        chart = charts.render_svg(spec)
    brief.sections.append((_("EU exports to this country"), imports, chart))
    obs = _observations(con, iso2)
    obs.lang = lang
    brief.sections.append((_("Published figures for this country"), obs, ""))
    brief.synthetic = imports.synthetic or obs.synthetic
    return brief


def _imports(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> Result:
    _ = translator(lang)
    filt = queries.TradeFilter(categories=queries.CATEGORIES, destination=iso2)
    result = with_names(queries.trade_table(con, filt, by="year"), category_names(con, lang))
    result.lang = lang
    result.title = _("EU27 dairy exports by year and product")
    return result


def _observations(con: duckdb.DuckDBPyConnection, iso2: str) -> Result:
    where = "geo = ?"
    result = queries.rows(
        con,
        "SELECT series, product, period, value, unit, approximate, source_org, note "
        "FROM observations WHERE geo = ? AND value IS NOT NULL "
        "QUALIFY row_number() OVER (PARTITION BY series, product, unit "
        "ORDER BY year DESC, month DESC NULLS FIRST) = 1 ORDER BY series, product LIMIT 40",
        [iso2],
    )
    result.sources = queries.observation_sources(con, where, [iso2])
    return result


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (charts inline as SVG)."""
    _ = translator(brief.lang)
    sections: list[tuple[str, Result, Any]] = [
        (title, res, Markup(svg) if svg else None)  # noqa: S704 - SVG made by vl-convert
        for title, res, svg in brief.sections
    ]
    return (
        _environment()
        .get_template("brief.html")
        .render(
            brief=brief,
            sections=sections,
            _=_,
            lang=brief.lang,
            today=date.today().isoformat(),
            version=__version__,
            cell=lambda v: (
                fmt_number(v, brief.lang) if not isinstance(v, bool) else ("✔" if v else "")
            ),
        )
    )


def render_pdf(html: str) -> bytes:
    """The brief's HTML printed to PDF with WeasyPrint."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return pdf


def write_brief(con: duckdb.DuckDBPyConnection, iso2: str, *, lang: str, out: Path) -> list[Path]:
    """Write ``brief-CC-lang.html`` and ``.pdf`` into folder ``out``; return their paths."""
    brief = build_brief(con, iso2, lang=lang)
    html = render_html(brief)
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"brief-{brief.country}-{lang}"
    html_path, pdf_path = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    html_path.write_text(html, encoding="utf-8")
    pdf_path.write_bytes(render_pdf(html))
    return [html_path, pdf_path]
