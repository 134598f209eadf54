"""HTML rendering: the Jinja2 environment (autoescaped) and the helpers templates use."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, select_autoescape

from fairmilk.outputs.columns import header
from fairmilk.outputs.i18n import LANGS, fmt_cell, translator
from fairmilk.outputs.links import linkify
from fairmilk.web.views.view import PAGES, View

TEMPLATES = Path(__file__).parent / "templates"
NAV_LABELS = {
    "overview": "Overview",
    "trade": "Trade",
    "prices": "Prices and costs",
    "per-litre": "Per litre",
    "simulators": "Simulators",
    "offensive": "Milk offensive",
    "register": "Register",
    "sources": "Sources",
    "methodology": "Methodology",
}


@cache
def environment() -> Environment:
    """The template environment; every ``{{ }}`` is HTML-escaped."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["page_url"] = page_url
    env.filters["linkify"] = linkify
    env.filters["minute"] = to_the_minute
    return env


def to_the_minute(value: object) -> str:
    """A stored time as readers want it: '2026-12-05 16:35' (UTC), without seconds."""
    if value is None:
        return ""
    text = value.isoformat(sep=" ") if isinstance(value, datetime) else str(value)
    return text.replace("T", " ")[:16]


def page_url(page: str, params: dict[str, str], lang: str, *, suffix: str = "") -> str:
    """The address of ``page`` in ``lang`` with its state: a link that reproduces the view."""
    path = "/" if page == "overview" and not suffix else f"/{page}{suffix}"
    query = dict(params)
    if page == "country" and "country" in query:  # the code is part of the address
        path = f"/country/{query.pop('country')}{suffix}"
    if page == "methodology" and "doc" in query:
        path = f"/methodology/{query.pop('doc')}{suffix}"
    if lang != "en":
        query["lang"] = lang
    return path + ("?" + urlencode(query) if query else "")


def block_url(view: View, block_id: str, fmt: str) -> str:
    """The download address of one block of a view as CSV, SVG or PNG."""
    return page_url(view.page, view.params, view.lang, suffix=f"/{block_id}.{fmt}")


def cell(value: Any, lang: str, column: str = "") -> str:
    """A table cell: numbers in the language's format, the gap sign for missing values."""
    return fmt_cell(value, lang, column)


def render_page(view: View, *, template: str = "page.html") -> str:
    """The HTML page of a view."""
    _ = translator(view.lang)
    other = "fr" if view.lang == "en" else "en"
    nav = [(p, _(NAV_LABELS[p]), page_url(p, {}, view.lang)) for p in PAGES]
    nav = [(p, label, "/register/" if p == "register" else url) for p, label, url in nav]
    return (
        environment()
        .get_template(template)
        .render(
            view=view,
            _=_,
            lang=view.lang,
            langs=LANGS,
            nav=nav,
            other_lang=other,
            other_url=page_url(view.page, view.params, other),
            json_url=page_url(view.page, view.params, view.lang, suffix=".json"),
            block_url=lambda block_id, fmt: block_url(view, block_id, fmt),
            cell=lambda value, column="": cell(value, view.lang, column),
            header=lambda column: header(column, view.lang),
            synthetic=any(b.result.synthetic for b in view.blocks),
        )
    )


def render_error(status: int, message: str, *, lang: str) -> str:
    """A plain error page, with no stack trace."""
    _ = translator(lang)
    nav = [(p, _(NAV_LABELS[p]), page_url(p, {}, lang)) for p in PAGES]
    return (
        environment()
        .get_template("error.html")
        .render(status=status, message=message, _=_, lang=lang, nav=nav)
    )
