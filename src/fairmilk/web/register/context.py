"""Shared plumbing of the register pages: rendering, language, cookies, CSRF, limits."""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from fairmilk.outputs.error_text import error_text
from fairmilk.outputs.i18n import DEFAULT_LANG, check_lang, localise, translator
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.limits import DRAFTS_PER_WINDOW, POSTS_PER_WINDOW
from fairmilk.register.store import Register
from fairmilk.register.warning_text import field_label, kind_label, warning_msg
from fairmilk.register.withhold import MARK
from fairmilk.web.register.text import TEXT, WORDS, label, text_for
from fairmilk.web.render import NAV_LABELS, environment, page_url
from fairmilk.web.views.view import PAGES

DRAFT_COOKIE = "fm_draft"
SESSION_COOKIE = "fm_session"
MAX_FORM_BYTES = 1024 * 1024
MAX_UPLOAD_BYTES = 6 * 1024 * 1024
_URLSAFE = re.compile(r"[A-Za-z0-9_-]+")


def lang_of(request: Request) -> str:
    """The page language from ``?lang=`` (English when absent)."""
    return check_lang(request.query_params.get("lang") or DEFAULT_LANG)


def with_lang(path: str, lang: str) -> str:
    """``path`` in ``lang`` (the query keeps the language across pages and forms)."""
    return path if lang == "en" else f"{path}{'&' if '?' in path else '?'}lang={lang}"


def _nav(lang: str) -> list[tuple[str, str, str]]:
    _ = translator(lang)
    return [
        (p, _(NAV_LABELS[p]), "/register/" if p == "register" else page_url(p, {}, lang))
        for p in PAGES
    ]


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """An HTML register page in the request's language (every value autoescaped)."""
    lang = lang_of(request)
    other = "fr" if lang == "en" else "en"
    page = (
        environment()
        .get_template(f"register/{template}")
        .render(
            _=translator(lang),
            t=text_for(lang),
            lab=lambda item, name="label": label(item, lang, name),
            **_warning_helpers(lang),
            lang=lang,
            nav=_nav(lang),
            view={"page": "register"},
            url=lambda path: with_lang(path, lang),
            other_lang=other,
            other_url=with_lang(request.url.path, other),
            **context,
        )
    )
    return HTMLResponse(page, status_code=status)


def _warning_helpers(lang: str) -> dict[str, Any]:
    """Template functions that show stored warnings and moderation words in ``lang``."""
    index = 1 if lang == "fr" else 0
    return {
        "warning_text": lambda w: str(localise(warning_msg(w, CFS_2019, lang), lang)).replace(
            MARK, TEXT["withheld"][index]
        ),
        "kind_name": lambda kind: kind_label(str(kind), lang),
        "field_name": lambda fid: field_label(CFS_2019, fid, lang),
        "word": lambda key: WORDS[key][index] if key in WORDS else ("" if key is None else key),
        "shown": lambda text: str(text).replace(MARK, TEXT["withheld"][index]),
    }


def error_for(request: Request, exc: Exception, columns: dict[str, str] | None = None) -> str:
    """An error's message in the request's language (``columns``: field id -> label)."""
    return error_text(exc, lang_of(request), columns=columns)


def form_labels(lang: str) -> dict[str, str]:
    """The CFS form's field labels in ``lang`` (how errors name a field)."""
    return {f.id: label(f, lang) for f in CFS_2019.fields()}


def message(request: Request, key: str, status: int) -> HTMLResponse:
    """A short page with one message of TEXT (error or notice)."""
    return render(request, "message.html", status, text_key=key)


@contextmanager
def cursor(request: Request) -> Iterator[Register]:
    """A connection to the register store for this request: read-only for a GET (public
    pages never write), else one that writes (each change commits at once)."""
    source = request.app.state.register
    with source.connect(read_only=request.method in ("GET", "HEAD")) as con:
        yield con


def writable(request: Request) -> bool:
    """True when the app takes contributions (it was created with a writable store)."""
    return not bool(request.app.state.register.read_only)


def too_large(request: Request, limit: int) -> bool:
    """True when the declared body size is missing or over ``limit`` bytes."""
    length = request.headers.get("content-length")
    return length is None or not length.isdigit() or int(length) > limit


def post_limit(request: Request) -> int:
    """Posts allowed per client and window (``app.state.register_post_limit`` overrides)."""
    return int(getattr(request.app.state, "register_post_limit", POSTS_PER_WINDOW))


def draft_limit(request: Request) -> int:
    """Draft saves allowed per client and window (``app.state.register_draft_limit``)."""
    return int(getattr(request.app.state, "register_draft_limit", DRAFTS_PER_WINDOW))


def client_key(request: Request) -> str:
    """The address the rate limit counts posts by."""
    return request.client.host if request.client else "unknown"


def draft_token(request: Request) -> str:
    """The browser's draft token (cookie), or a new one to set."""
    token = request.cookies.get(DRAFT_COOKIE, "")
    good = 20 <= len(token) <= 64 and _URLSAFE.fullmatch(token) is not None
    return token if good else secrets.token_urlsafe(24)


def same_token(request: Request, sent: str | None) -> bool:
    """Double-submit CSRF check: the form sent back the value of the draft cookie."""
    cookie = request.cookies.get(DRAFT_COOKIE)
    if not cookie or not sent:
        return False
    return hmac.compare_digest(str(cookie).encode("utf-8"), str(sent).encode("utf-8"))


def set_draft_cookie(response: Response, token: str, *, secure: bool = False) -> Response:
    """Keep the draft token in the browser (HttpOnly, same-site, 30 days)."""
    response.set_cookie(
        DRAFT_COOKIE, token, max_age=30 * 86400, httponly=True, samesite="lax",
        path="/register", secure=secure,
    )  # fmt: skip
    return response


def known_texts() -> set[str]:
    """Every key of the register page text (for the bilingual test)."""
    return set(TEXT)


def text(key: str, lang: str) -> str:
    """One page text in ``lang``."""
    return text_for(lang)(key)
