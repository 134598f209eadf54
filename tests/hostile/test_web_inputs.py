"""Hostile request details answer 4xx (never 500): non-ASCII cookies and CSRF tokens."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI


@pytest.mark.parametrize("cookie", ["fm_session", "fm_draft"])
@pytest.mark.parametrize("path", ["/register/moderate", "/register/form", "/register/upload"])
def test_a_non_ascii_cookie_is_ignored(site: tuple[str, FastAPI], cookie: str, path: str) -> None:
    raw = f"{cookie}=caf\u00e9-\u2603-{'x' * 30}".encode()
    answer = httpx.get(site[0] + path, headers={"cookie": raw})
    assert answer.status_code in (200, 403)
    assert "x-content-type-options" in answer.headers


def test_a_non_ascii_csrf_token_is_refused(browser: httpx.Client) -> None:
    answer = browser.post(
        "/register/form", data={"title": "t", "draft_token": "caf\u00e9" * 8, "action": "draft"}
    )
    assert answer.status_code == 403


def test_a_non_ascii_session_on_a_post_is_refused(site: tuple[str, FastAPI]) -> None:
    answer = httpx.post(
        site[0] + "/register/moderate/submission/x",
        data={"csrf": "\u00e9", "action": "publish"},
        headers={"cookie": "fm_session=\u00e9t\u00e9".encode()},
    )
    assert answer.status_code == 403
