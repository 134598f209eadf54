"""Dashboard routes: each page as HTML, its JSON twin (``.json``) and block downloads.

``/trade?by=year`` is the page, ``/trade.json?by=year`` its JSON twin, and
``/trade/trade.csv?by=year`` (or ``.svg``, ``.png``) one block's table or chart.
``?lang=fr`` switches every page to French.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from fairmilk import __version__
from fairmilk.errors import FairmilkError, InputError
from fairmilk.outputs import charts, memo
from fairmilk.outputs.i18n import DEFAULT_LANG, check_lang, gettext
from fairmilk.outputs.reports import build_brief, render_html, render_pdf
from fairmilk.outputs.tables import labelled, to_csv
from fairmilk.web.render import render_error, render_page
from fairmilk.web.state import DATA, respond, stamp
from fairmilk.web.views.country import brief_entries, country_view
from fairmilk.web.views.docs import SITE_PAGES, methodology_view, site_page
from fairmilk.web.views.overview import overview_view
from fairmilk.web.views.params import area, choice
from fairmilk.web.views.policy import offensive_view, simulators_view
from fairmilk.web.views.prices import per_litre_view, prices_view
from fairmilk.web.views.register import register_view
from fairmilk.web.views.sources import sources_view
from fairmilk.web.views.trade import trade_view
from fairmilk.web.views.view import PAGES, Block, View, to_dict

MAX_QUERY = 2000
WARM_RECENT = 40  # views with parameters built again on a new version of the store
LANGS = ("en", "fr")
BRIEF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BUILDERS: dict[str, Callable[..., View]] = {
    "overview": overview_view,
    "trade": trade_view,
    "prices": prices_view,
    "per-litre": per_litre_view,
    "offensive": offensive_view,
    "simulators": simulators_view,
    "register": register_view,
    "sources": sources_view,
    "country": country_view,
    "methodology": methodology_view,
    **{slug: site_page(slug) for slug in SITE_PAGES},
}
# The fingerprint parts each page depends on (default: the loaded data only).
DEPENDS: dict[str, tuple[str, ...]] = {
    "register": ("data", "register"),
    "country": ("data", "register"),
}
MEDIA = {"csv": "text/csv; charset=utf-8", "svg": "image/svg+xml", "png": "image/png"}

router = APIRouter(include_in_schema=False)


def request_lang(request: Request) -> str:
    """The page language from ``?lang=`` (English when absent)."""
    return check_lang(request.query_params.get("lang") or DEFAULT_LANG)


def _query(request: Request) -> dict[str, str]:
    if len(request.url.query) > MAX_QUERY:
        raise InputError("query string too long", expected=f"at most {MAX_QUERY} characters")
    return {k: v for k, v in request.query_params.items() if k != "lang"}


def build_view(request: Request, page: str, *, path: dict[str, str] | None = None) -> View:
    """The view of ``page`` for this request (from the app's cache when already built).

    ``path`` holds parameters taken from the address itself (the code of /country/SN).
    """
    if page not in BUILDERS:
        raise HTTPException(404, f"no such page: {page}; the pages are {', '.join(PAGES)}")
    parts = stamp(request, DEPENDS.get(page, DATA))
    query = _query(request) | (path or {})
    return cached_view(request.app.state, page, request_lang(request), query, parts)


def cached_view(
    state: Any, page: str, lang: str, query: dict[str, str], parts: tuple[str, ...]
) -> View:
    """The view of ``page`` in ``lang`` for the store state ``parts``, built once.

    Its language-independent results are kept apart (``state.results``, see
    :mod:`fairmilk.outputs.memo`), so the view in the other language only renders.
    """
    params = tuple(sorted(query.items()))

    def build() -> View:
        with memo.scope(state.results, parts, (page, params)), state.store.cursor() as con:
            view: View = BUILDERS[page](con, query, lang=lang)
            return view

    result: View = state.cache.get(("view", page, lang, params, *parts), build)
    return result


def warm_cache(state: Any) -> None:
    """Build every page's default view in both languages (run in a thread at start-up).

    Views asked for before (other parameters: ``state.cache`` holds them, built on an
    earlier version of the store) are built again too, most recently used first.
    """
    asked: list[tuple[str, str, dict[str, str]]] = [(p, lang, {}) for lang in LANGS for p in PAGES]
    recent = [k for k in reversed(state.cache.keys()) if k[0] == "view" and k[3]]
    asked += [(key[1], key[2], dict(key[3])) for key in recent[:WARM_RECENT]]
    for page, lang, query in asked:
        parts = state.store.fingerprint().part(*DEPENDS.get(page, DATA))
        try:
            cached_view(state, page, lang, query, parts)
        except FairmilkError:
            continue  # the page shows its own error when asked for


@router.get("/")
async def home(request: Request) -> Response:
    """The overview page."""
    return await _html(request, "overview")


@router.get("/brief")
async def brief(request: Request) -> Response:
    """A country brief (``?country=SN&format=pdf&lang=fr``), as in ``fairmilk report``."""
    query = _query(request)
    country = area(query, "country", "SN")
    fmt = choice(query, "format", ("pdf", "html"), "pdf")
    lang = request_lang(request)
    state = request.app.state

    def build() -> bytes:
        with state.store.cursor() as con:
            entries = brief_entries(con, country, lang)
            html = render_html(build_brief(con, country, lang=lang, entries=entries))
        return render_pdf(html) if fmt == "pdf" else html.encode("utf-8")

    key = ("brief", country, lang, fmt)  # respond adds the store's fingerprint
    name = f"brief-{country}-{lang}.{fmt}"
    headers = {
        "Content-Disposition": f'inline; filename="{name}"',
        "Content-Security-Policy": BRIEF_CSP,
    }
    media = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    return await respond(
        request, key, build, media=media, headers=headers, depends=DEPENDS["country"]
    )


@router.get("/country/{code}")
async def country_page(request: Request, code: str) -> Response:
    """A country page (``/country/SN``) or its JSON twin (``/country/SN.json``)."""
    iso, dot, ext = code.partition(".")
    path = {"country": iso}
    if dot and ext == "json":
        key = ("json", "country", iso, str(request.url.query))
        build = lambda: json_bytes(to_dict(build_view(request, "country", path=path)))  # noqa: E731
        headers = _link(request, f"country/{iso}.json")
        return await respond(request, key, build, media="application/json", headers=headers,
                             depends=DEPENDS["country"])  # fmt: skip
    if dot:
        raise HTTPException(404, f"no such page: /country/{code}; try /country/{iso}.json")
    return await _html(request, "country", path=path)


@router.get("/methodology/{slug}")
async def doc_page(request: Request, slug: str) -> Response:
    """A methodology page (``/methodology/per-litre``) or its JSON twin (``.json``)."""
    name, dot, ext = slug.partition(".")
    path = {"doc": name}
    if dot and ext == "json":
        key = ("json", "methodology", name, str(request.url.query))
        build = lambda: json_bytes(to_dict(build_view(request, "methodology", path=path)))  # noqa: E731
        return await respond(request, key, build, media="application/json")
    if dot:
        raise HTTPException(404, f"no such page: /methodology/{slug}")
    return await _html(request, "methodology", path=path)


@router.get("/country/{code}/{file}")
async def country_download(request: Request, code: str, file: str) -> Response:
    """One block of a country page as CSV, or its chart as SVG or PNG."""
    return await download(request, "country", file, path={"country": code})


@router.get("/{name}")
async def page(request: Request, name: str) -> Response:
    """A page (``/trade``) or its JSON twin (``/trade.json``)."""
    if name.endswith(".json"):
        base = name.removesuffix(".json")
        key = ("json", name, str(request.url.query))
        build = lambda: json_bytes(to_dict(build_view(request, base)))  # noqa: E731
        headers = _link(request, name)
        depends = DEPENDS.get(base, DATA)
        return await respond(
            request, key, build, media="application/json", headers=headers, depends=depends
        )
    return await _html(request, name)


def json_bytes(payload: Any) -> bytes:
    """Compact UTF-8 JSON (NaN refused: gaps are already None)."""
    return json.dumps(payload, ensure_ascii=False, allow_nan=False).encode("utf-8")


@router.get("/{name}/{file}")
async def download(
    request: Request, name: str, file: str, *, path: dict[str, str] | None = None
) -> Response:
    """One block of a page as CSV, or its chart as SVG or PNG (with its sources)."""
    block_id, _dot, fmt = file.rpartition(".")
    if fmt not in MEDIA:
        raise InputError("unknown download format", column="format", expected="csv, svg or png")
    stem = "-".join([name, *(path or {}).values(), block_id])
    headers = {"Content-Disposition": f'attachment; filename="{stem}.{fmt}"'}
    json_name = "/".join([name, *(path or {}).values()]) + ".json"
    headers.update(_link(request, json_name))

    def build() -> bytes:
        block = build_view(request, name, path=path).block(block_id)
        if fmt == "csv":
            return to_csv(labelled(block.result)).encode("utf-8")
        if block.chart is None:
            raise InputError("this table has no chart", column="block", found=block_id)
        return _draw(request, block, fmt)

    key = ("download", name, file, str(request.url.query), *(path or {}).values())
    depends = DEPENDS.get(name, DATA)
    return await respond(request, key, build, media=MEDIA[fmt], headers=headers, depends=depends)


def _draw(request: Request, block: Block, fmt: str) -> bytes:
    """The chart drawn on the server, with its title, sources and a citation in the image."""
    lang = block.result.lang
    page = str(request.url).rsplit("/", 1)[0]
    query = f"?{request.url.query}" if request.url.query else ""
    cite = gettext(lang, charts.CITE).format(
        version=__version__, title=block.title, url=page + query, day=date.today().isoformat()
    )
    full = charts.for_download(block.chart or {}, sources=block.result.sources, citation=cite,
                               lang=lang)  # fmt: skip
    return charts.render_svg(full).encode("utf-8") if fmt == "svg" else charts.render_png(full)


def _link(request: Request, json_name: str) -> dict[str, str]:
    """A Link header to the JSON twin (with the sources) of the same view."""
    query = f"?{request.url.query}" if request.url.query else ""
    return {"Link": f'</{json_name}{query}>; rel="describedby"'}


async def _html(request: Request, name: str, *, path: dict[str, str] | None = None) -> Response:
    key = ("html", name, str(request.url.query), *(path or {}).values())

    def build() -> bytes:
        view = build_view(request, name, path=path)
        return render_page(view).encode("utf-8")

    depends = DEPENDS.get(name, DATA)
    return await respond(request, key, build, media="text/html; charset=utf-8", depends=depends)


INTERNAL_ERROR = "internal error; the team has been told"
# Fixed error texts that error_page translates (Starlette's own, and ours for a 500).
ERROR_TEXTS = (INTERNAL_ERROR, "Not Found", "Method Not Allowed")


def error_page(request: Request, status: int, message: str) -> Response:
    """An HTML error page in the request's language; never a stack trace."""
    lang = request.query_params.get("lang")
    lang = lang if lang in ("en", "fr") else DEFAULT_LANG
    html = render_error(status, gettext(lang, message), lang=lang)
    return HTMLResponse(html, status_code=status)
