"""Methodology, glossary, about and how-to-cite pages, rendered from the packaged Markdown.

The pages are the Markdown files of docs/methodology, docs/indicators and docs/site, copied
into the package (``web/docs``, see scripts/sync_docs.py) so an installed fairmilk shows
them. Markdown is rendered by markdown-it-py with raw HTML escaped; links between pages
become site addresses, and ``<a id="..."></a>`` anchors become element ids.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

import duckdb
from markdown_it import MarkdownIt
from markupsafe import Markup

from fairmilk.errors import InputError
from fairmilk.outputs.i18n import translator
from fairmilk.web.views.view import Query, View

FOLDERS = ("site", "methodology", "indicators")
SITE_PAGES = ("glossary", "about", "cite")  # also served at /glossary, /about, /cite
ANCHOR = re.compile(r'^<a id="([A-Za-z0-9_-]+)"></a>\s*$', re.MULTILINE)
ANCHOR_MARK = "FAIRMILK-ANCHOR-"


@cache
def doc_index() -> dict[str, str]:
    """Page slug → folder, for every packaged English page (slugs are unique)."""
    root = resources.files("fairmilk.web") / "docs"
    out: dict[str, str] = {}
    for folder in FOLDERS:
        for node in sorted((root / folder).iterdir(), key=lambda n: n.name):
            name = node.name
            if name.endswith(".md") and not name.endswith(".fr.md"):
                out[name.removesuffix(".md")] = folder
    return out


def doc_text(slug: str, lang: str) -> str:
    """The Markdown of page ``slug`` in ``lang`` (InputError naming the pages that exist)."""
    index = doc_index()
    if slug not in index:
        raise InputError("no such page", column="doc", expected=", ".join(index), found=slug)
    folder = resources.files("fairmilk.web") / "docs" / index[slug]
    french = folder / f"{slug}.fr.md"
    node = french if lang == "fr" and french.is_file() else folder / f"{slug}.md"
    return node.read_text(encoding="utf-8")


def doc_url(slug: str, lang: str) -> str:
    """The site address of a page."""
    path = f"/{slug}" if slug in SITE_PAGES else f"/methodology/{slug}"
    return path + ("?lang=fr" if lang == "fr" else "")


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False}).enable("table")


def render_markdown(text: str, lang: str) -> Markup:
    """The page as HTML: raw HTML escaped, page links as site addresses, anchors as ids."""
    text = ANCHOR.sub(lambda m: f"\n{ANCHOR_MARK}{m.group(1)}\n", text)
    md = _parser()
    tokens = md.parse(text)
    for token in tokens:
        for child in token.children or []:
            if child.type == "link_open":
                child.attrSet("href", _link(str(child.attrGet("href") or ""), lang))
    html = md.renderer.render(tokens, md.options, {})
    html = re.sub(rf"<p>{ANCHOR_MARK}([A-Za-z0-9_-]+)</p>", r'<span id="\1"></span>', html)
    return Markup(html)  # noqa: S704 - markdown-it escaped every raw HTML of the source


def _link(href: str, lang: str) -> str:
    """A link to another page (``per-litre.md``, ``../indicators/trade.fr.md#x``) re-aimed."""
    target, _hash, fragment = href.partition("#")
    stem = target.rsplit("/", 1)[-1].removesuffix(".md").removesuffix(".fr")
    if target.endswith(".md") and stem in doc_index():
        return doc_url(stem, lang) + (f"#{fragment}" if fragment else "")
    return href


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return ""


def doc_view(slug: str, lang: str) -> View:
    """One documentation page."""
    text = doc_text(slug, lang)
    title = _title(text)
    view = View("methodology", title or slug, lang, {"doc": slug})
    body = text.replace(f"# {title}\n", "", 1) if title else text  # the page's h1 is the title
    view.body = render_markdown(body, lang)
    view.links = _index_links(lang, but=slug)
    return view


def _index_links(lang: str, *, but: str = "") -> list[tuple[str, str]]:
    return [
        (_title(doc_text(slug, lang)) or slug, doc_url(slug, lang))
        for slug in doc_index()
        if slug != but
    ]


def methodology_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """The list of methodology pages, or one of them (``doc``)."""
    if query.get("doc"):
        return doc_view(str(query["doc"]), lang)
    _ = translator(lang)
    view = View("methodology", _("Methodology"), lang, {})
    view.intro = _(
        "How each figure is computed, from which sources, and what it does not say; a "
        "glossary of the terms used, and how to cite fairmilk."
    )
    view.links = _index_links(lang)
    return view


def site_page(slug: str) -> Any:
    """The view function of a site page (glossary, about, cite)."""

    def build(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
        view = doc_view(slug, lang)
        view.page, view.params = slug, {}
        return view

    build.__name__ = f"{slug}_view"
    return build
