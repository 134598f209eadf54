"""Country briefs: the country page on 2–4 A4 pages, as self-contained HTML and as PDF.

A brief is made from the country's profile (``outputs.country_profile``), the same one the
country page shows: key messages first, then charts (SVG drawn by vl-convert) and short
tables with reader column names, each with its sources as links; then a suggested citation
and the date of the data.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
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
from fairmilk.outputs import charts
from fairmilk.outputs.country_profile import LABELS, Profile, build_profile, check_country
from fairmilk.outputs.i18n import check_lang, fmt_cell, fmt_number, localise, translator
from fairmilk.outputs.links import linkify

TEMPLATES = Path(__file__).parent / "report_templates"
CHART_SIZE = {"width": 560, "height": 125}  # px: four charts and tables fit 2-4 A4 pages
BRIEF_FONT = "DejaVu Sans"  # the brief's font (report_templates/brief.html)
MAX_NOTES = 2  # notes per table in the brief (the page and the API give them all)


@dataclass(slots=True)
class Brief:
    """A country's profile and the date of the data it was made from."""

    profile: Profile
    data_date: str
    entries: list[tuple[str, str]] = field(default_factory=list)  # the register's (title, detail)

    @property
    def country(self) -> str:
        """The ISO code."""
        return self.profile.iso2

    @property
    def synthetic(self) -> bool:
        """True when the brief uses synthetic demonstration rows."""
        return self.profile.synthetic


def country_name(con: duckdb.DuckDBPyConnection, iso2: str, *, lang: str) -> str:
    """The country's name in ``lang``; InputError for a code with no country page."""
    code, _role = check_country(iso2)
    col = "name_fr" if lang == "fr" else "name_en"
    found = con.execute(f"SELECT {col} FROM ref_countries WHERE iso2 = ?", [code]).fetchone()
    if not found:
        raise InputError("unknown country", column="country", found=iso2)
    return str(found[0])


def build_brief(
    con: duckdb.DuckDBPyConnection,
    iso2: str,
    *,
    lang: str,
    entries: Sequence[tuple[str, str]] = (),
) -> Brief:
    """The brief of country ``iso2`` in ``lang`` (InputError for an unknown country).

    ``entries`` are the register's published experiences and observations for the country
    (title, detail), as the country page lists them; the caller reads them.
    """
    check_lang(lang)
    country_name(con, iso2, lang=lang)
    return Brief(build_profile(con, iso2, lang=lang), data_date(con), list(entries))


def data_date(con: duckdb.DuckDBPyConnection) -> str:
    """The day the newest data file was loaded (ISO date; '–' for an empty store)."""
    found = con.execute("SELECT max(finished_at) FROM source_files").fetchone()
    return str(found[0])[:10] if found and found[0] is not None else "–"


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["linkify"] = linkify
    return env


def _svg(spec: charts.Spec | None) -> Markup | None:
    """The chart drawn as SVG at the brief's size (None without a chart)."""
    if spec is None:
        return None
    small = copy.deepcopy(spec) | CHART_SIZE
    # measured in the font the PDF draws the SVG text with, so legend labels do not overlap
    small["config"] = {**small.get("config", {}), "font": BRIEF_FONT}
    return Markup(charts.render_svg(small))  # noqa: S704 - SVG made by vl-convert


def render_html(brief: Brief) -> str:
    """The brief as one self-contained HTML page (charts inline as SVG)."""
    profile = brief.profile
    lang = profile.lang
    _ = translator(lang)
    sections = [(s, _svg(s.chart)) for s in profile.sections]
    messages = [(str(localise(m.text, lang)), m) for m in profile.messages]
    return (
        _environment()
        .get_template("brief.html")
        .render(
            brief=brief,
            profile=profile,
            sections=sections,
            messages=messages,
            _=_,
            lang=lang,
            labels=LABELS,
            max_notes=MAX_NOTES,
            today=date.today().isoformat(),
            version=__version__,
            cell=lambda v, column="": _cell(v, lang, column),
        )
    )


def _cell(value: Any, lang: str, column: str = "") -> str:
    if isinstance(value, bool) or column.endswith("_pct"):
        return fmt_cell(value, lang, column)
    if isinstance(value, float):
        size = abs(value)  # 1 806 XOF/kg, 44.8 %, 2.75 EUR/kg
        return fmt_number(value, lang, digits=0 if size >= 100 else 1 if size >= 10 else 2)
    return fmt_number(value, lang)


def render_pdf(html: str) -> bytes:
    """The brief's HTML printed to PDF with WeasyPrint."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
    return pdf


def write_brief(
    con: duckdb.DuckDBPyConnection,
    iso2: str,
    *,
    lang: str,
    out: Path,
    entries: Sequence[tuple[str, str]] = (),
) -> list[Path]:
    """Write ``brief-CC-lang.html`` and ``.pdf`` into folder ``out``; return their paths."""
    brief = build_brief(con, iso2, lang=lang, entries=entries)
    html = render_html(brief)
    pdf = render_pdf(html)  # before writing anything: nothing half-written on error
    out.mkdir(parents=True, exist_ok=True)
    stem = out / f"brief-{brief.country}-{lang}"
    html_path, pdf_path = stem.with_suffix(".html"), stem.with_suffix(".pdf")
    html_path.write_text(html, encoding="utf-8")
    pdf_path.write_bytes(pdf)
    return [html_path, pdf_path]
