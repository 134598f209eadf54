"""The FastAPI app factory: dashboard pages, their JSON twins, the open API, static files.

The register's router (``fairmilk.web.register.routes``) is included first, so its paths
(``/register`` and below) win over the dashboard's register page. Its handlers reach the
register store through ``request.app.state.register`` (a ``RegisterSource``); posts need
``create_app(..., read_only=False)``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fairmilk import __version__
from fairmilk.errors import FairmilkError, InputError
from fairmilk.outputs.error_text import error_text
from fairmilk.outputs.i18n import LANGS
from fairmilk.register.opener import register_source
from fairmilk.web import api, pages
from fairmilk.web.api_index import mount_docs
from fairmilk.web.disk_cache import open_results
from fairmilk.web.register.publisher import Publisher
from fairmilk.web.register.routes import router as register_router
from fairmilk.web.snapshot import Snapshot
from fairmilk.web.state import Store, ViewCache

ErrorPage = Callable[[Request, int, str], Response]

STATIC = Path(__file__).parent / "static"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def create_app(
    db_path: Path,
    *,
    read_only: bool = True,
    warm: bool = False,
    results_dir: Path | None = None,
    register_url: str | None = None,
    sync_every: float | None = None,
) -> FastAPI:
    """The observatory web app reading the store at ``db_path`` (read-only by default).

    With ``results_dir``, computed results are also kept on disk there (keyed by the
    store's fingerprint), so that the next start of the app is warm.

    The register lives in its own store (``register_url``, else ``FAIRMILK_REGISTER_URL``,
    else a SQLite file beside ``db_path``); a read-only app takes no contributions. With
    ``sync_every`` (seconds), a writable app also copies publications made elsewhere (other
    servers sharing the register, commands) into its analytics store.

    With ``warm``, a background thread builds every page's default view at once, so the
    first visitors do not wait for it; and when a new version of the store is published,
    the app builds them on it before switching to it (answering from the old version
    meanwhile). Without, the app switches at the next request. Cached answers are keyed by
    the store's fingerprint: a new version makes the answers that depend on it rebuild.
    """
    app = FastAPI(
        title="fairmilk open API",
        version=__version__,
        description=api.DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.store = Store(db_path, read_only=read_only)
    app.state.register = register_source(db_path, url=register_url, read_only=read_only)
    app.state.publisher = Publisher(app.state.register)
    if sync_every and not read_only:
        app.state.publisher.every(sync_every)
    app.state.cache = ViewCache()  # built answers (views, pages, JSON, downloads)
    disk = open_results(results_dir, db_path)
    app.state.results = ViewCache(disk=disk)  # language-independent results (outputs.memo)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(register_router)
    mount_docs(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=6)
    _add_security(app)
    _add_error_handlers(app)
    app.state.warm_updates = _warmer(app) if warm else None
    if warm:
        threading.Thread(target=pages.warm_cache, args=(app.state,), daemon=True).start()
    return app


def _warmer(app: FastAPI) -> Callable[[Snapshot], None]:
    """Build every page's default view on a new version before the app switches to it."""
    state = app.state

    def warm(snapshot: Snapshot) -> None:
        pages.warm_cache(SimpleNamespace(store=snapshot, cache=state.cache, results=state.results))

    return warm


LOG = logging.getLogger("fairmilk.web")


def _add_security(app: FastAPI) -> None:
    app.add_middleware(SecurityHeaders)
    app.add_middleware(NewestVersion)


class NewestVersion:
    """ASGI middleware: before each request, switch to the store's newest published version."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refresh the store (a ``readlink``; a new version opens in the thread pool)."""
        if scope["type"] == "http" and not scope["path"].startswith("/static/"):
            state = scope["app"].state
            store: Store = state.store
            if not store.stale():
                pass
            elif state.warm_updates is None:
                await run_in_threadpool(store.refresh)
            else:
                store.warm_then_switch(state.warm_updates)
        await self.app(scope, receive, send)


class SecurityHeaders:
    """ASGI middleware adding the security headers to every answer (unless already set)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response start message."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    if key not in headers:
                        headers[key] = value
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:  # the 500 answer is sent from here, so it has the headers too
            if started:
                raise
            LOG.exception("unhandled error on %s", scope.get("path"))
            request = Request(scope)
            answer = _error(request, 500, pages.INTERNAL_ERROR, pages.error_page)
            await answer(scope, receive, send_with_headers)


def _add_error_handlers(app: FastAPI) -> None:
    error_page = pages.error_page

    @app.exception_handler(InputError)
    async def bad_input(request: Request, exc: InputError) -> Response:
        if request.url.path.startswith("/api/"):  # the documented 422 shape, naming the field
            where = ["query", exc.column] if exc.column else ["query"]
            detail = [{"loc": where, "msg": str(exc), "type": "value_error"}]
            return JSONResponse({"detail": detail}, status_code=422)
        lang = request.query_params.get("lang")
        text = error_text(exc, lang) if lang in LANGS else str(exc)
        return _error(request, 422, text, error_page)

    @app.exception_handler(FairmilkError)
    async def fairmilk_error(request: Request, exc: FairmilkError) -> Response:
        return _error(request, 400, str(exc), error_page)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), error_page)

    _ = RequestValidationError  # FastAPI's own 422 answer is kept for the API (documented)


def _error(request: Request, status: int, message: str, page: ErrorPage) -> Response:
    """An error answer without a stack trace: JSON for the API, HTML for pages."""
    path = request.url.path
    if path.startswith("/api/") or path.endswith(".json"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    if path.endswith((".csv", ".svg", ".png", ".pdf")):
        return PlainTextResponse(message, status_code=status)
    return page(request, status, message)
