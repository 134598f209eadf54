"""The API's front door: ``/api/v1/`` lists every endpoint with a link, and ``/api/v1/docs``
serves interactive documentation (Swagger UI) from files shipped with the app, never a CDN.

Swagger UI 5 (Apache-2.0) is vendored under ``static/vendor`` (provenance in
``static/vendor/PROVENANCE.md``); ``static/api-docs.js`` starts it on our OpenAPI document.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from fairmilk import __version__

PREFIX = "/api/v1"
ASSETS = "/static/vendor"
# Swagger UI sets inline styles from its scripts: the docs page alone allows them.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)
DOCS_HTML = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>fairmilk open API: interactive documentation</title>
<link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<main><div id="swagger-ui" data-openapi="{PREFIX}/openapi.json"></div></main>
<script src="{ASSETS}/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""

router = APIRouter(include_in_schema=False)


def endpoints(app: FastAPI) -> list[dict[str, Any]]:
    """Every documented GET endpoint of the API (from its OpenAPI document), with a link."""
    out = []
    for path, operations in app.openapi().get("paths", {}).items():
        get = operations.get("get")
        if not path.startswith(PREFIX) or not get:
            continue
        text = str(get.get("description") or get.get("summary") or path).strip()
        out.append({"href": path, "title": text.splitlines()[0], "csv": f"{path}.csv"})
    return sorted(out, key=lambda e: e["href"])


@router.get(PREFIX)
async def index_without_slash() -> Response:
    """The index lives at ``/api/v1/``."""
    return RedirectResponse(f"{PREFIX}/", status_code=308)


@router.get(f"{PREFIX}/")
async def index(request: Request) -> Response:
    """What the API offers, as links (JSON)."""
    body = {
        "title": "fairmilk open API",
        "version": __version__,
        "description": request.app.description,
        "endpoints": endpoints(request.app),
        "docs": f"{PREFIX}/docs",
        "openapi": f"{PREFIX}/openapi.json",
        "pagination": "limit (1-1000) and offset; each answer gives total and next",
        "errors": "422 names the parameter and lists what it accepts",
    }
    return JSONResponse(body)


@router.get(f"{PREFIX}/docs")
async def docs() -> Response:
    """Interactive documentation of the API (Swagger UI, served by the app itself)."""
    return HTMLResponse(DOCS_HTML, headers={"Content-Security-Policy": DOCS_CSP})


def mount_docs(app: FastAPI) -> None:
    """Add the index and the docs page (their files are among the app's static files)."""
    app.include_router(router)
