"""Register pages: the CFS form (typed or uploaded), thanks, drafts; more routes are included
from browse (search, records, synthesis, observations) and moderation."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from fairmilk.errors import InputError
from fairmilk.register.answers import ERRORS, read_answers, submission_from_answers
from fairmilk.register.blank import blank_form
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.importer import import_bytes
from fairmilk.register.isolation import run_isolated
from fairmilk.register.limits import allow_post, drop_draft, load_draft, save_draft
from fairmilk.register.record import Submission
from fairmilk.register.submissions import get_submission, save_submission
from fairmilk.text import msg
from fairmilk.web.register import browse, moderation
from fairmilk.web.register.context import (
    MAX_FORM_BYTES,
    MAX_UPLOAD_BYTES,
    client_key,
    cursor,
    draft_limit,
    draft_token,
    error_for,
    form_labels,
    lang_of,
    message,
    post_limit,
    render,
    same_token,
    set_draft_cookie,
    too_large,
    with_lang,
    writable,
)

router = APIRouter(prefix="/register", include_in_schema=False)
router.include_router(browse.router)
router.include_router(moderation.router)
FORM_ID = CFS_2019.id
DRAFT_JS = """document.addEventListener('DOMContentLoaded', function () {
  var form = document.getElementById('cfs-form'); if (!form || !window.fetch) return;
  var timer = null;
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var data = new FormData(form); data.set('action', 'draft'); data.set('ajax', '1');
      fetch(form.getAttribute('action'), {method: 'POST', body: new URLSearchParams(data),
                          credentials: 'same-origin'});
    }, 1500);
  });
});
"""


@router.get("/")
def index(request: Request) -> Response:
    """The register's home: what it is and where to go."""
    return render(request, "index.html")


@router.get("/draft.js")
def draft_js() -> Response:
    """Optional script that saves the draft as one types (the form works without it)."""
    return Response(DRAFT_JS, media_type="text/javascript")


def _form_page(
    request: Request,
    values: dict[str, Any],
    errors: dict[str, str],
    *,
    token: str,
    status: int = 200,
    notice: str | None = None,
) -> Response:
    lang = lang_of(request)
    error_text = {k: ERRORS[v][1 if lang == "fr" else 0] for k, v in errors.items()}
    response = render(request, "form.html", status, form=CFS_2019, values=values,
                      errors=error_text, token=token, nonce=secrets.token_urlsafe(16),
                      notice=notice)  # fmt: skip
    return set_draft_cookie(response, token)


@router.get("/form")
def form_page(request: Request) -> Response:
    """The web form, filled with the browser's draft if there is one (a read-only server
    says it takes no contributions instead of showing a form it would refuse)."""
    if not writable(request):
        return message(request, "read_only", 503)
    token = draft_token(request)
    with cursor(request) as con:
        values = load_draft(con, token, FORM_ID)
    return _form_page(request, values, {}, token=token)


async def _posted(request: Request) -> dict[str, list[str]]:
    form = await request.form(max_files=0, max_fields=400)
    out: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            out.setdefault(key, []).append(value)
    return out


@router.post("/form")
async def form_post(request: Request) -> Response:
    """Save a draft, or check and store the answers as a pending submission."""
    if not writable(request):
        return message(request, "read_only", 503)
    if too_large(request, MAX_FORM_BYTES):
        return message(request, "too_large", 413)
    with cursor(request) as con:  # counted before anything is parsed or kept
        if not allow_post(con, "draft:" + client_key(request), limit=draft_limit(request)):
            return message(request, "too_many", 429)
    posted = await _posted(request)
    values, errors = await run_in_threadpool(read_answers, posted)
    draft = {k: v for k, v in values.items() if v not in (None, [], "", False)}
    token = draft_token(request)
    if not same_token(request, (posted.get("draft_token") or [""])[0]):
        return _form_page(request, draft, {}, token=token, status=403, notice="expired")
    with cursor(request) as con:
        save_draft(con, token, FORM_ID, draft)
    action = (posted.get("action") or ["submit"])[0]
    if action == "draft":
        if posted.get("ajax"):
            return JSONResponse({"saved": True})
        return _form_page(request, draft, {}, token=token, notice="draft_saved")
    if errors:
        return _form_page(request, draft, errors, token=token, status=422, notice="fix_errors")
    with cursor(request) as con:
        if not allow_post(con, client_key(request), limit=post_limit(request)):
            return message(request, "too_many", 429)
    record = await run_in_threadpool(submission_from_answers, values)
    return _store_answers(request, record, token, (posted.get("nonce") or [""])[0])


def _store_answers(request: Request, record: Submission, token: str, nonce: str) -> Response:
    with cursor(request) as con:
        sid, _created = save_submission(con, record, via="web-form", nonce=nonce[:64] or None)
        drop_draft(con, token, FORM_ID)
    return RedirectResponse(with_lang(f"/register/thanks/{sid}", lang_of(request)), 303)


@router.get("/thanks/{sid}")
def thanks(request: Request, sid: str) -> Response:
    """Confirmation: the submission is pending; the points a moderator will check."""
    with cursor(request) as con:
        data = get_submission(con, sid[:32], public=False)
    if data is None:
        raise InputError(msg("no such submission"), column="id", found=sid[:32])
    warnings = data["record"]["warnings"]
    return render(
        request,
        "thanks.html",
        sid=sid,
        warnings=warnings,
        title=data["record"]["values"].get("title"),
    )


@router.get("/blank.txt")
def blank_download() -> Response:
    """The blank form as text, to fill in and upload."""
    headers = {"Content-Disposition": 'attachment; filename="cfs-2019-form.txt"'}
    return Response(blank_form(), media_type="text/plain; charset=utf-8", headers=headers)


@router.get("/upload")
def upload_page(request: Request) -> Response:
    """Upload a filled form instead of typing it."""
    if not writable(request):
        return message(request, "read_only", 503)
    token = draft_token(request)
    return set_draft_cookie(render(request, "upload.html", token=token, error=None), token)


@router.post("/upload")
async def upload_post(request: Request) -> Response:
    """Read an uploaded .docx/.pdf/.txt form and store it as pending."""
    if not writable(request):
        return message(request, "read_only", 503)
    if too_large(request, MAX_UPLOAD_BYTES):
        return message(request, "too_large", 413)
    token = draft_token(request)
    with cursor(request) as con:  # counted before the file is read or parsed
        if not allow_post(con, client_key(request), limit=post_limit(request)):
            return message(request, "too_many", 429)
    async with request.form(max_files=1, max_fields=5) as form:
        upload, sent = form.get("file"), form.get("draft_token")
        if isinstance(upload, str) or upload is None or not isinstance(sent, str):
            upload_ok, data, name = False, b"", ""
        else:
            upload_ok, name = same_token(request, sent), (upload.filename or "upload")[:120]
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if not upload_ok:
        page = render(request, "upload.html", 403, token=token, error=None, notice="expired")
        return set_draft_cookie(page, token)
    try:  # in a child process with time and memory limits, awaited in a thread
        record = await run_in_threadpool(run_isolated, import_bytes, data, name=name)
    except InputError as exc:
        error = error_for(request, exc, form_labels(lang_of(request)))
        page = render(request, "upload.html", 422, token=token, error=error)
        return set_draft_cookie(page, token)
    with cursor(request) as con:
        sid, _created = save_submission(con, record, via="web-upload")
    return RedirectResponse(with_lang(f"/register/thanks/{sid}", lang_of(request)), 303)
