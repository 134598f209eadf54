"""Public register pages: search, one published record, synthesis, and the observation form.
Each data page has a JSON twin (add ``.json``); the synthesis also a CSV download."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from fairmilk.errors import InputError
from fairmilk.outputs.tables import Result, to_csv
from fairmilk.register.catalogue import lookup
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.cfs_options import AFFILIATIONS, SDGS, SETS
from fairmilk.register.limits import allow_post
from fairmilk.register.observation_store import save_observation
from fairmilk.register.observations import (
    LABELS,
    OBSERVATION_FIELDS,
    PRODUCTS,
    UNITS,
    validate_observation,
)
from fairmilk.register.search import Filters, search
from fairmilk.register.submissions import get_submission
from fairmilk.register.synthesis import CSV_COLUMNS, synthesis, synthesis_rows
from fairmilk.text import msg
from fairmilk.web.register.context import (
    MAX_FORM_BYTES,
    client_key,
    cursor,
    draft_token,
    error_for,
    lang_of,
    message,
    post_limit,
    render,
    same_token,
    set_draft_cookie,
    too_large,
    writable,
)
from fairmilk.web.register.text import PRODUCT_NAMES

router = APIRouter()
FILTER_KEYS = ("q", "set", "recommendation", "sdg", "country", "affiliation", "year")


def _int(value: str | None, name: str) -> int | None:
    if not value:
        return None
    if not value.strip().isdigit() or len(value) > 6:
        raise InputError(msg("not a whole number"), column=name, expected=msg("a number"),
                         found=value[:20])  # fmt: skip
    return int(value)


def _filters(request: Request) -> tuple[str, Filters, dict[str, str]]:
    params = {k: request.query_params.get(k, "")[:100] for k in FILTER_KEYS}
    filters = Filters(
        set=_int(params["set"], "set"), recommendation=params["recommendation"] or None,
        sdg=_int(params["sdg"], "sdg"), place=params["country"] or None,
        affiliation=params["affiliation"] or None, year=_int(params["year"], "year"),
    )  # fmt: skip
    return params["q"], filters, params


def _search_data(request: Request) -> tuple[list[dict[str, Any]], dict[str, str], str | None]:
    try:
        query, filters, params = _filters(request)
        with cursor(request) as con:
            return search(con, query, filters), params, None
    except InputError as exc:
        params = {k: request.query_params.get(k, "")[:100] for k in FILTER_KEYS}
        return [], params, error_for(request, exc)


@router.get("/search")
def search_page(request: Request) -> Response:
    """Full-text search with filters over published submissions."""
    rows, params, error = _search_data(request)
    status = 422 if error else 200
    return render(request, "search.html", status, rows=rows, params=params, error=error,
                  sets=SETS, sdgs=SDGS, affiliations=AFFILIATIONS)  # fmt: skip


@router.get("/search.json")
def search_json(request: Request) -> Response:
    """The search results as JSON."""
    rows, params, error = _search_data(request)
    if error:
        return JSONResponse({"error": error, "status": 422}, status_code=422)
    return JSONResponse({"query": params, "results": rows})


def _published(request: Request, sid: str) -> dict[str, Any]:
    with cursor(request) as con:
        data = get_submission(con, sid[:32])
    if data is None:
        unknown = msg("no published submission with this id")
        raise InputError(unknown, column="id", found=sid[:32])
    return data


@router.get("/s/{sid}.json")
def record_json(request: Request, sid: str) -> Response:
    """One published record as JSON (never contact details)."""
    data = jsonable_encoder(_published(request, sid))
    return JSONResponse(data, headers={"Cache-Control": "no-store"})


@router.get("/s/{sid}")
def record_page(request: Request, sid: str) -> Response:
    """One published record, section by section."""
    data = _published(request, sid)
    cited = [(c, lookup(c["set"], c["id"])) for c in data["record"]["citations"]]
    return render(
        request,
        "record.html",
        data=data,
        form=CFS_2019,
        values=data["record"]["values"],
        cited=cited,
    )


@router.get("/synthesis")
def synthesis_page(request: Request) -> Response:
    """Counts and breakdowns of the published submissions."""
    with cursor(request) as con:
        data = synthesis(con)
    return render(request, "synthesis.html", data=data)


@router.get("/synthesis.json")
def synthesis_json(request: Request) -> Response:
    """The synthesis as JSON."""
    with cursor(request) as con:
        return JSONResponse(synthesis(con))


@router.get("/synthesis.csv")
def synthesis_download(request: Request) -> Response:
    """The synthesis breakdowns as CSV."""
    with cursor(request) as con:
        rows = synthesis_rows(synthesis(con))
    text = to_csv(Result("Register synthesis", list(CSV_COLUMNS), rows))
    headers = {"Content-Disposition": 'attachment; filename="register-synthesis.csv"'}
    return Response(text, media_type="text/csv; charset=utf-8", headers=headers)


def _observe(
    request: Request,
    values: dict[str, Any],
    *,
    status: int = 200,
    error: str | None = None,
    done: bool = False,
) -> Response:
    token = draft_token(request)
    page = render(request, "observe.html", status, fields=OBSERVATION_FIELDS, products=PRODUCTS,
                  product_names=PRODUCT_NAMES, units=tuple(UNITS), labels=LABELS, values=values,
                  error=error, done=done, token=token)  # fmt: skip
    return set_draft_cookie(page, token)


@router.get("/observe")
def observe_page(request: Request) -> Response:
    """The field observation form (a read-only server says it takes no contributions)."""
    if not writable(request):
        return message(request, "read_only", 503)
    return _observe(request, {})


@router.post("/observe")
async def observe_post(request: Request) -> Response:
    """Check and store one observation as pending."""
    if not writable(request):
        return message(request, "read_only", 503)
    if too_large(request, MAX_FORM_BYTES):
        return message(request, "too_large", 413)
    with cursor(request) as con:  # counted before anything is parsed
        if not allow_post(con, client_key(request), limit=post_limit(request)):
            return message(request, "too_many", 429)
    form = await request.form(max_files=0, max_fields=40)
    raw = {f.id: str(form.get(f.id) or "")[:1000] for f in OBSERVATION_FIELDS}
    raw["labels"] = ";".join(str(v) for v in form.getlist("labels"))
    if not same_token(request, str(form.get("draft_token") or "")):
        return _observe(request, raw, status=403, error="expired")
    try:
        obs = validate_observation(raw, file="form")
    except InputError as exc:
        lang = lang_of(request)
        labels = {f.id: f.label_fr if lang == "fr" else f.label_en for f in OBSERVATION_FIELDS}
        return _observe(request, raw, status=422, error=error_for(request, exc, labels))
    with cursor(request) as con:
        save_observation(con, obs, source="web form")
    return _observe(request, {}, done=True)
