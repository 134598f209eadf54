"""Security: CSP without inline scripts, escaping, read-only store, no stack traces, limits."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

from fairmilk.web import create_app, pages
from fairmilk.web.server import running
from fairmilk.web.views.view import PAGES


@pytest.mark.parametrize("page", PAGES)
def test_pages_have_a_csp_and_no_inline_script(client: httpx.Client, page: str) -> None:
    answer = client.get(f"/{page}")
    csp = answer.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    for tag in re.findall(r"<script[^>]*>", answer.text):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_store_text_is_escaped(client: httpx.Client) -> None:
    answer = client.get("/prices", params={"series": "local_fresh_price"})
    assert answer.status_code == 200
    assert "<script>alert(1)</script>" not in answer.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text


def test_parameters_are_escaped_in_error_pages(client: httpx.Client) -> None:
    answer = client.get("/trade", params={"by": "<img src=x onerror=alert(1)>"})
    assert answer.status_code == 422
    assert "<img src=x" not in answer.text
    assert "expected year | exporter | destination | category" in answer.text


def test_public_store_connection_is_read_only(web_store: Path) -> None:
    app = create_app(web_store)
    try:
        with app.state.store.cursor() as con, pytest.raises(duckdb.Error, match="read-only"):
            con.execute("DELETE FROM observations")
    finally:
        app.state.store.close()


def test_overlong_query_is_refused(client: httpx.Client) -> None:
    answer = client.get("/trade", params={"category": "smp," * 1000})
    assert answer.status_code == 422
    assert "query string too long" in answer.text


@pytest.fixture
def broken_url(web_store: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A server whose sources page raises an unexpected error."""

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setitem(pages.BUILDERS, "sources", boom)
    app = create_app(web_store)
    with running(app) as url:
        yield url
    app.state.store.close()


@pytest.mark.parametrize("path", ["/sources", "/sources.json"])
def test_server_errors_show_no_stack_trace(broken_url: str, path: str) -> None:
    answer = httpx.get(broken_url + path)
    assert answer.status_code == 500
    assert "secret internal detail" not in answer.text
    assert "Traceback" not in answer.text
    assert "internal error" in answer.text
    # the 500 answer carries the security headers like every other answer
    assert "default-src" in answer.headers["content-security-policy"]
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["x-frame-options"] == "DENY"
