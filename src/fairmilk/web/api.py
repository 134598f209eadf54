"""The open JSON API under /api/v1: every answer is a page of rows with its sources.

Pagination is explicit: ``limit`` (1-1000) and ``offset``; the answer gives ``total`` and
a ``next`` link while rows remain, so nothing is ever cut silently. Add ``format=csv`` (or
``.csv`` to the path) for CSV; its ``Link`` header points to the JSON with the sources.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

import duckdb
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel

from fairmilk.outputs import memo, queries
from fairmilk.outputs.availability import (
    ALL,
    known_areas,
    observations_available,
    trade_available,
)
from fairmilk.outputs.tables import Result, _plain, labelled, to_csv
from fairmilk.web.state import respond, stamp
from fairmilk.web.views.trade import trade_filter

DESCRIPTION = (
    "Open data on EU dairy exports to West Africa (including fat-filled milk powder), milk "
    "prices and costs, and local milk. Every answer carries its sources; a gap is null. "
    "Pagination: limit/offset with total and next. CSV: format=csv or a .csv path."
)
MAX_LIMIT = 1000
AREA = r"^([A-Za-z]{2}|all|eu27|eu28|ecowas|waemu|west-africa)$"

router = APIRouter(prefix="/api/v1", tags=["open data"])

Compute = Callable[[duckdb.DuckDBPyConnection], Result]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page (1-1000).")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Format = Annotated[Literal["json", "csv"], Query(description="json (default) or csv.")]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"text/csv": {}}}}


class Page(BaseModel):
    """One page of rows with its provenance."""

    title: str
    columns: list[str]
    data: list[dict[str, Any]]
    total: int
    limit: int
    offset: int
    next: str | None
    sources: list[str]
    notes: list[str]
    synthetic: bool


async def _answer(
    request: Request,
    what: tuple[Any, ...],
    compute: Compute,
    page: tuple[int, int, str],
    *,
    title: str = "",
) -> Response:
    """The page (limit, offset, format) of the rows ``what`` names, as JSON or CSV."""
    limit, offset, fmt = page
    key = ("answer", request.url.path, str(request.url.query))
    csv = fmt == "csv" or request.url.path.endswith(".csv")
    headers = {}
    if csv:
        json_params = dict(request.query_params) | {"format": "json"}
        path = request.url.path.removesuffix(".csv")
        headers["Link"] = f'<{path}?{urlencode(json_params)}>; rel="describedby"'
    media = "text/csv; charset=utf-8" if csv else "application/json"

    def build() -> tuple[bytes, dict[str, str]]:
        result = _result(request, what, compute)
        if title:
            result = Result(title, result.columns, result.rows, result.sources, result.notes,
                            result.synthetic)  # fmt: skip
        body = _page(request, result, limit, offset, csv=csv)
        return body, {"X-Total-Count": str(len(result.rows))}

    return await respond(request, key, build, media=media, headers=headers)


def _page(request: Request, result: Result, limit: int, offset: int, *, csv: bool) -> bytes:
    """The page as JSON (a Page with ``next`` while rows remain) or as CSV."""
    total = len(result.rows)
    chunk = Result(result.title, result.columns, result.rows[offset : offset + limit])
    chunk.synthetic = result.synthetic
    if csv:
        return to_csv(labelled(chunk)).encode("utf-8")
    nxt = None
    if offset + limit < total:
        params = dict(request.query_params) | {"offset": str(offset + limit), "limit": str(limit)}
        nxt = f"{request.url.path}?{urlencode(params)}"
    page = {
        "title": result.title,
        "columns": result.columns,
        "data": [{k: _plain(v) for k, v in rec.items()} for rec in chunk.records()],
        "total": total,
        "limit": limit,
        "offset": offset,
        "next": nxt,
        "sources": result.sources,
        "notes": result.all_notes(),
        "synthetic": result.synthetic,
    }
    return json.dumps(page, ensure_ascii=False, allow_nan=False).encode("utf-8")


def _or_what_exists(result: Result, note: Callable[[], str]) -> Result:
    """The result; when it has no rows, with a note saying which years and places exist."""
    if result.rows:
        return result
    out = Result(result.title, result.columns, [], result.sources, [*result.notes, note()],
                 result.synthetic, result.lang)  # fmt: skip
    return out


def _result(request: Request, what: tuple[Any, ...], compute: Compute) -> Result:
    """The full result ``what`` names, computed once on a cursor of the store."""
    state = request.app.state
    parts = stamp(request)

    def run() -> Result:
        with memo.scope(state.results, parts), state.store.cursor() as con:
            return compute(con)

    found: Result = state.cache.get(("result", *what, *parts), run)
    return found


@router.get("/datasets", response_model=Page, responses=CSV_RESPONSE)
@router.get("/datasets.csv", response_model=Page, responses=CSV_RESPONSE, include_in_schema=False)
async def datasets(
    request: Request, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> Any:
    """Every loaded file (vintage) with its producer, address, licence and row counts."""
    page = (limit, offset, format)
    title = "Loaded files and vintages"
    return await _answer(request, ("datasets",), queries.source_files, page, title=title)


@router.get("/countries", response_model=Page, responses=CSV_RESPONSE)
@router.get("/countries.csv", response_model=Page, include_in_schema=False)
async def countries(
    request: Request, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> Any:
    """Countries: ISO codes, Comext and Comtrade codes, English and French names."""
    return await _answer(request, ("countries",), queries.countries, (limit, offset, format))


@router.get("/regions", response_model=Page, responses=CSV_RESPONSE)
@router.get("/regions.csv", response_model=Page, include_in_schema=False)
async def regions(
    request: Request, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> Any:
    """Regions (eu27, eu28, ecowas, waemu, aes, west-africa) with dated memberships."""
    return await _answer(request, ("regions",), queries.regions, (limit, offset, format))


# The codes that exist are listed in the schema, so a client (and a schema test) knows them.
Area = Annotated[
    str, Query(pattern=AREA, max_length=11, json_schema_extra={"enum": [ALL, *known_areas()]})
]
_CAT = "(" + "|".join(queries.CATEGORIES) + ")"
Category = Annotated[
    str,
    Query(
        pattern=f"^{_CAT}(,{_CAT}){{0,11}}$",
        max_length=200,
        description="Comma-separated product categories.",
    ),
]
Year = Annotated[int, Query(ge=1900, le=2100)]


@router.get("/trade", response_model=Page, responses=CSV_RESPONSE)
@router.get("/trade.csv", response_model=Page, include_in_schema=False)
async def trade(
    request: Request,
    exporter: Area = "eu27",
    destination: Area = "west-africa",
    category: Category = "smp,wmp,ffmp",
    year_from: Annotated[Year, Query(alias="from")] = 1999,
    year_to: Annotated[Year, Query(alias="to")] = 2100,
    flow: Literal["export", "import"] = "export",
    by: Literal["year", "exporter", "destination", "category"] = "year",
    limit: Limit = 100,
    offset: Offset = 0,
    format: Format = "json",
) -> Any:
    """Tonnes, euros and milk equivalent of dairy flows by year, exporter, destination, product."""
    query = {
        "exporter": exporter,
        "destination": destination,
        "category": category,
        "from": str(year_from),
        "to": str(year_to),
        "flow": flow,
    }
    filt = trade_filter(query)

    def compute(con: duckdb.DuckDBPyConnection) -> Result:
        found = queries.trade_table(con, filt, by=by)
        return _or_what_exists(found, lambda: trade_available(con, flow=flow))

    what = ("trade", filt, by)
    title = f"Dairy trade by {by}"
    return await _answer(request, what, compute, (limit, offset, format), title=title)


Text = Annotated[str, Query(max_length=100, pattern=r"^[\w\-/. ]*$")]
FaoGeo = Literal[
    "all",
    "west-africa",
    "BF",
    "BJ",
    "CI",
    "CV",
    "GH",
    "GM",
    "GN",
    "GW",
    "LR",
    "ML",
    "MR",
    "NE",
    "NG",
    "SL",
    "SN",
    "TG",
]  # the 16 countries of FAOSTAT's Western Africa, its total (west-africa) or all


@router.get("/fao-trade", response_model=Page, responses=CSV_RESPONSE)
@router.get("/fao-trade.csv", response_model=Page, include_in_schema=False)
async def fao_trade(
    request: Request,
    country: FaoGeo = "all",
    product: Literal["all", "smp", "wmp", "butter", "cheese"] = "all",
    year_from: Annotated[Year, Query(alias="from")] = 1961,
    year_to: Annotated[Year, Query(alias="to")] = 2100,
    limit: Limit = 100,
    offset: Offset = 0,
    format: Format = "json",
) -> Any:
    """FAOSTAT dairy imports of West Africa: tonnes, US dollars, unit values (USD/t, EUR/kg,
    local currency/kg), with known breaks flagged."""
    from fairmilk.indicators.fao_trade import fao_trade_frame
    from fairmilk.outputs.exports import to_result

    countries = () if country == "all" else (country,)
    products = () if product == "all" else (product,)

    def compute(con: duckdb.DuckDBPyConnection) -> Result:
        return to_result(fao_trade_frame(
            con, countries=countries, products=products, start=year_from, end=year_to
        ))  # fmt: skip

    what = ("fao-trade", country, product, year_from, year_to)
    return await _answer(request, what, compute, (limit, offset, format))


@router.get("/observations", response_model=Page, responses=CSV_RESPONSE)
@router.get("/observations.csv", response_model=Page, include_in_schema=False)
async def observations(
    request: Request,
    dataset: Text = "",
    series: Text = "",
    geo: Text = "",
    year_from: Annotated[Year, Query(alias="from")] = 1900,
    year_to: Annotated[Year, Query(alias="to")] = 2100,
    limit: Limit = 100,
    offset: Offset = 0,
    format: Format = "json",
) -> Any:
    """Published figures and series, each value with its producer and source address."""
    filt = queries.ObsFilter(dataset, series, geo, year_from, year_to)

    def compute(con: duckdb.DuckDBPyConnection) -> Result:
        found = queries.observations(con, filt)
        return _or_what_exists(found, lambda: observations_available(con))

    return await _answer(request, ("obs", filt), compute, (limit, offset, format))


@router.get("/indicators", response_model=Page, responses=CSV_RESPONSE)
@router.get("/indicators.csv", response_model=Page, include_in_schema=False)
async def indicators(
    request: Request, limit: Limit = 100, offset: Offset = 0, format: Format = "json"
) -> Any:
    """The declared indicators: id, English and French titles, unit and method."""
    return await _answer(
        request, ("indicators",), lambda _con: indicator_list(), (limit, offset, format)
    )


def indicator_list() -> Result:
    """The indicator registry as a table: id, titles, unit, method and documentation page."""
    from fairmilk.indicators.registry import all_indicators

    columns = ["id", "title_en", "title_fr", "unit", "method_en", "method_fr", "inputs", "doc"]
    rows = [
        (i.id, i.title_en, i.title_fr, i.unit, i.method_en, i.method_fr, ", ".join(i.inputs), i.doc)
        for i in all_indicators()
    ]
    result = Result("Indicators", columns, rows)
    result.sources = sorted({i.doc for i in all_indicators()})
    result.notes.append("Each indicator's sources travel with its results; doc is its method page.")
    return result
