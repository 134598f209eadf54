"""Moderator pages: log in, see what is pending (with contacts), publish or reject (CSRF)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from fairmilk.errors import InputError
from fairmilk.register import moderators
from fairmilk.register.audit import audit_trail
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.limits import allow_post
from fairmilk.register.observation_store import list_observations, set_observation_status
from fairmilk.register.submissions import contact_of, get_submission, list_submissions, set_status
from fairmilk.text import msg
from fairmilk.web.register.context import (
    SESSION_COOKIE,
    client_key,
    cursor,
    lang_of,
    message,
    render,
    too_large,
    with_lang,
    writable,
)
from fairmilk.web.register.text import PRODUCT_NAMES

router = APIRouter()
LOGIN_TRIES = 10
ACTIONS = {"publish": "published", "reject": "rejected"}


def _session(request: Request) -> moderators.Session | None:
    with cursor(request) as con:
        return moderators.session_for(con, request.cookies.get(SESSION_COOKIE))


@router.get("/login")
def login_page(request: Request) -> Response:
    """The moderator login form."""
    return render(request, "login.html", error=False)


@router.post("/login")
async def login_post(request: Request) -> Response:
    """Check the password; on success set an HttpOnly, same-site session cookie."""
    if not writable(request):
        return message(request, "read_only", 503)
    if too_large(request, 10_000):
        return message(request, "too_large", 413)
    form = await request.form(max_files=0, max_fields=5)
    user, password = str(form.get("username") or "")[:40], str(form.get("password") or "")[:200]
    with cursor(request) as con:
        if not allow_post(con, "login:" + client_key(request), limit=LOGIN_TRIES):
            return message(request, "too_many", 429)
        session = moderators.login(con, user, password)
    if session is None:
        return render(request, "login.html", 401, error=True)
    response = RedirectResponse(with_lang("/register/moderate", lang_of(request)), 303)
    response.set_cookie(SESSION_COOKIE, session.token, httponly=True, samesite="strict",
                        path="/register", max_age=moderators.SESSION_HOURS * 3600,
                        secure=request.url.scheme == "https")  # fmt: skip
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session (needs its CSRF token)."""
    session = _session(request)
    form = await request.form(max_files=0, max_fields=5)
    if session is not None and moderators.csrf_ok(session, str(form.get("csrf") or "")):
        with cursor(request) as con:
            moderators.logout(con, session.token)
    response = RedirectResponse(with_lang("/register/", lang_of(request)), 303)
    response.delete_cookie(SESSION_COOKIE, path="/register")
    return response


@router.get("/moderate")
def moderate_page(request: Request) -> Response:
    """Pending submissions and observations, and the latest audit rows."""
    session = _session(request)
    if session is None:
        return message(request, "forbidden", 403)
    with cursor(request) as con:
        pending = list_submissions(con, status="pending")
        observations = list_observations(con, status="pending")
        trail = audit_trail(con, limit=20)
    return render(request, "moderate.html", session=session, pending=pending,
                  observations=observations, trail=trail,
                  product_names=PRODUCT_NAMES)  # fmt: skip


@router.get("/moderate/s/{sid}")
def moderate_record(request: Request, sid: str) -> Response:
    """A submission as a moderator sees it: any status, with the contact details."""
    session = _session(request)
    if session is None:
        return message(request, "forbidden", 403)
    with cursor(request) as con:
        data = get_submission(con, sid[:32], public=False)
        contact = contact_of(con, sid[:32])
    if data is None:
        raise InputError(msg("no such submission"), column="id", found=sid[:32])
    return render(request, "mod_record.html", session=session, data=data, contact=contact,
                  form=CFS_2019, values=data["record"]["values"])  # fmt: skip


@router.post("/moderate/{kind}/{item}")
async def moderate_action(request: Request, kind: str, item: str) -> Response:
    """Publish or reject a submission or observation (session and CSRF token required)."""
    if too_large(request, 20_000):
        return message(request, "too_large", 413)
    session = _session(request)
    form = await request.form(max_files=0, max_fields=5)
    if session is None or not moderators.csrf_ok(session, str(form.get("csrf") or "")):
        return message(request, "forbidden", 403)
    verb = str(form.get("action") or "")
    action = ACTIONS.get(verb)
    if action is None or kind not in ("submission", "observation"):
        raise InputError(msg("unknown moderation action"), expected=msg("publish or reject"),
                         found=kind)  # fmt: skip
    note = str(form.get("note") or "")[:500] or None
    if form.get("confirm") != "yes":  # ask first: a page with one confirm button, no script
        return render(request, "confirm.html", session=session, kind=kind, item=item[:32],
                      action=verb, note=note, title=_title(request, kind, item[:32]))  # fmt: skip
    with cursor(request) as con:
        change = set_status if kind == "submission" else set_observation_status
        change(con, item[:32], action, actor=session.username, note=note)
    request.app.state.publisher.request()  # the analytics data gets it as a new version
    return RedirectResponse(with_lang("/register/moderate", lang_of(request)), 303)


def _title(request: Request, kind: str, item: str) -> str:
    """What the confirmation page names: a submission's title, else the item id."""
    if kind != "submission":
        return item
    with cursor(request) as con:
        data = get_submission(con, item, public=False)
    title = data["record"]["values"].get("title") if data else None
    return str(title or item)


@router.get("/moderators")
def moderators_page(request: Request) -> Response:
    """Administrators only: the moderator accounts, each with a disable or enable button."""
    session = _session(request)
    if session is None:
        return message(request, "forbidden", 403)
    if not session.admin:
        return message(request, "admin_only", 403)
    with cursor(request) as con:
        accounts = moderators.list_moderators(con)
    return render(request, "moderators.html", session=session, accounts=accounts)


@router.post("/moderators/{username}")
async def moderator_action(request: Request, username: str) -> Response:
    """Disable or enable a moderator (administrator session and CSRF token; audited)."""
    if too_large(request, 10_000):
        return message(request, "too_large", 413)
    session = _session(request)
    form = await request.form(max_files=0, max_fields=5)
    if session is None or not moderators.csrf_ok(session, str(form.get("csrf") or "")):
        return message(request, "forbidden", 403)
    if not session.admin:
        return message(request, "admin_only", 403)
    verb = str(form.get("action") or "")
    if verb not in ("disable", "enable") or username[:40] == session.username:
        raise InputError(msg("unknown account action"), expected=msg("disable or enable"),
                         found=verb)  # fmt: skip
    with cursor(request) as con:
        moderators.set_active(con, username[:40], verb == "enable", actor=session.username)
    return RedirectResponse(with_lang("/register/moderators", lang_of(request)), 303)
