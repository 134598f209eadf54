"""View functions: one dict-like View feeds both a page's HTML and its JSON twin.

A View holds the page's state (its parameters, so a link reproduces it), headline figures
and blocks; each block is a sourced table with an optional chart. Parameters arrive as a
plain mapping of strings (a query string) and are validated here (InputError on bad input).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from fairmilk.errors import InputError
from fairmilk.outputs import charts, queries
from fairmilk.outputs.i18n import localise
from fairmilk.outputs.tables import Result, _plain

PAGES: tuple[str, ...] = (
    "overview",
    "trade",
    "prices",
    "per-litre",
    "simulators",
    "offensive",
    "register",
    "sources",
    "methodology",
)
POWDER_IDS: tuple[str, ...] = queries.POWDERS
MEASURES: tuple[str, ...] = ("tonnes", "value_eur", "milk_equivalent_t")
MEASURE_UNITS = {"tonnes": "t", "value_eur": "EUR", "milk_equivalent_t": "t ME"}
Query = Mapping[str, str]


@dataclass(slots=True)
class Figure:
    """A headline figure with its unit, period and sources (value None = a gap)."""

    label: str
    value: float | None
    unit: str
    period: str
    sources: list[str]
    note: str = ""


@dataclass(slots=True)
class Block:
    """A sourced table with an optional chart; ``id`` names its download URLs."""

    id: str
    title: str
    result: Result
    chart: charts.Spec | None = None
    note: str = ""


@dataclass(slots=True)
class Statement:
    """A key message in the page language: a sentence, its period and sources."""

    text: str
    period: str
    sources: list[str]
    synthetic: bool = False
    available: bool = True


@dataclass(slots=True)
class Entry:
    """A record of the register shown on a page: its title, address and a short detail."""

    title: str
    href: str
    detail: str = ""


@dataclass(slots=True)
class Control:
    """A form field of a page: its name in the URL, label, current value and choices."""

    name: str
    label: str
    value: str
    options: list[tuple[str, str]] = field(default_factory=list)
    kind: str = "select"


@dataclass(slots=True)
class View:
    """Everything a page shows, in one structure that renders as HTML or JSON."""

    page: str
    title: str
    lang: str
    params: dict[str, str]
    intro: str = ""
    figures: list[Figure] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    briefs: list[tuple[str, str]] = field(default_factory=list)
    messages: list[Statement] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    countries: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""  # a documentation page as HTML (rendered from escaped Markdown)

    def block(self, block_id: str) -> Block:
        """The block called ``block_id``; InputError if the page has none of that name."""
        for item in self.blocks:
            if item.id == block_id:
                return item
        names = ", ".join(b.id for b in self.blocks) or "none"
        raise InputError("no such table", column="block", expected=names, found=block_id)


def to_dict(view: View) -> dict[str, Any]:
    """The JSON twin of a page: its state, figures and sourced tables."""
    return {
        "page": view.page,
        "title": view.title,
        "lang": view.lang,
        "params": view.params,
        "intro": view.intro,
        "figures": [_figure_dict(f, view.lang) for f in view.figures],
        "blocks": [_block_dict(b, view.lang) for b in view.blocks],
        "links": [{"label": label, "href": href} for label, href in view.links],
        "controls": [_control_dict(c) for c in view.controls],
        "messages": [_statement_dict(m, view.lang) for m in view.messages],
        **({"html": str(view.body)} if view.body else {}),
        "register": [{"title": e.title, "href": e.href, "detail": e.detail} for e in view.entries],
        "synthetic": any(b.result.synthetic for b in view.blocks)
        or any(m.synthetic for m in view.messages),
    }


def _sources(sources: Any, lang: str) -> list[str]:
    """Source lines in the page language (a translatable source translated, others as is)."""
    return [str(localise(s, lang)) for s in sources]


def _statement_dict(item: Statement, lang: str) -> dict[str, Any]:
    return {
        "text": item.text,
        "period": item.period,
        "sources": _sources(item.sources, lang),
        "synthetic": item.synthetic,
        "available": item.available,
    }


def _control_dict(control: Control) -> dict[str, Any]:
    return {
        "name": control.name,
        "label": control.label,
        "value": control.value,
        "kind": control.kind,
        "options": [{"value": v, "label": label} for v, label in control.options],
    }


def _figure_dict(fig: Figure, lang: str) -> dict[str, Any]:
    return {
        "label": fig.label,
        "value": _plain(fig.value),
        "unit": fig.unit,
        "period": fig.period,
        "sources": _sources(fig.sources, lang),
        "note": fig.note,
    }


def _block_dict(block: Block, lang: str) -> dict[str, Any]:
    res = block.result
    return {
        "id": block.id,
        "title": block.title,
        "columns": res.columns,
        "data": [{k: _plain(v) for k, v in rec.items()} for rec in res.records()],
        "sources": _sources(res.sources, lang),
        "notes": res.all_notes(),
        "synthetic": res.synthetic,
        "chart": block.chart,
    }
