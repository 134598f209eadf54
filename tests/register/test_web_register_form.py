"""The web form on a real server: EN/FR, drafts, server validation, CSRF, uploads, limits."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from fastapi import FastAPI

from fairmilk.register.submissions import list_submissions


def _tokens(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(draft_token|nonce)" value="([^"]+)"', page))


def _good(tokens: dict[str, str], **extra: object) -> dict[str, object]:
    return {
        **tokens, "title": "Lait local à Kaolack", "countries": "Senegal", "contact_name": "Awa",
        "contact_email": "awa@example.org", "affiliation": ["academia"], "set_2": "on",
        "set_2_purpose": "PR-18 helped 120 herders", "sdg_2": "on", "action": "submit", **extra,
    }  # fmt: skip


def test_form_mirrors_the_form_in_both_languages(browser_client: httpx.Client) -> None:
    en = browser_client.get("/register/form").text
    fr = browser_client.get("/register/form?lang=fr").text
    assert (
        "(iv–v) Present and expected benefits for smallholders" not in en
    )  # titles are per section
    assert "(viii) Contribution to the SDGs" in en
    assert "(viii) Contribution aux ODD" in fr
    assert "Ensemble 2 : Relier les petits producteurs aux marchés" in fr
    assert 'name="annex_participants" value="academia"' in en
    assert 'lang="fr"' in fr
    for field in ("title", "set_1_purpose", "sdg_13_explain", "lessons_learned", "annex_date"):
        assert f'name="{field}"' in en


def test_draft_is_kept_and_reloaded(browser_client: httpx.Client) -> None:
    tokens = _tokens(browser_client.get("/register/form").text)
    saved = browser_client.post(
        "/register/form", data={**tokens, "title": "Brouillon <b>", "action": "draft"}
    )
    assert saved.status_code == 200
    assert "Draft saved" in saved.text
    again = browser_client.get("/register/form").text
    assert 'value="Brouillon &lt;b&gt;"' in again


def test_failed_submit_keeps_answers_and_explains(
    browser_client: httpx.Client, web: tuple[str, FastAPI]
) -> None:
    tokens = _tokens(browser_client.get("/register/form").text)
    data = {**tokens, "title": "Only a title", "contact_email": "nope", "action": "submit"}
    bad = browser_client.post("/register/form", data=data)
    assert bad.status_code == 422
    assert "Enter an email address" in bad.text
    assert "This answer is required." in bad.text
    assert 'value="Only a title"' in bad.text
    with web[1].state.register.connect() as con:
        assert list_submissions(con) == []
    reloaded = browser_client.get("/register/form").text
    assert 'value="Only a title"' in reloaded


def test_valid_submit_is_pending_and_private(
    browser_client: httpx.Client, web: tuple[str, FastAPI]
) -> None:
    tokens = _tokens(browser_client.get("/register/form?lang=fr").text)
    done = browser_client.post("/register/form?lang=fr", data=_good(tokens))
    assert done.status_code == 303
    thanks = browser_client.get(done.headers["location"])
    assert "Merci" in thanks.text
    with web[1].state.register.connect() as con:
        (row,) = list_submissions(con)
    assert (row["status"], row["title"], row["source_format"]) == (
        "pending",
        "Lait local à Kaolack",
        "web",
    )
    assert browser_client.get("/register/search.json?q=kaolack").json()["results"] == []
    assert browser_client.get(f"/register/s/{row['id']}").status_code == 422
    # the draft is gone after a successful submit
    assert 'value="Lait local' not in browser_client.get("/register/form").text


def test_resubmitting_the_same_post_is_not_duplicated(
    browser_client: httpx.Client, web: tuple[str, FastAPI]
) -> None:
    tokens = _tokens(browser_client.get("/register/form").text)
    first = browser_client.post("/register/form", data=_good(tokens))
    second = browser_client.post("/register/form", data=_good(tokens))
    assert first.headers["location"] == second.headers["location"]
    with web[1].state.register.connect() as con:
        assert len(list_submissions(con)) == 1


def test_post_without_the_form_token_is_refused(web: tuple[str, FastAPI]) -> None:
    with httpx.Client(base_url=web[0]) as stranger:
        refused = stranger.post("/register/form", data=_good({}))
    assert refused.status_code == 403
    assert "session expired" in refused.text
    assert "Lait local à Kaolack" in refused.text  # answers shown again, not lost
    with web[1].state.register.connect() as con:
        assert list_submissions(con) == []


def test_upload_of_a_docx_form(
    browser_client: httpx.Client, oxfam_docx: bytes, web: tuple[str, FastAPI]
) -> None:
    tokens = _tokens(browser_client.get("/register/upload").text)
    files = {"file": ("oxfam.docx", oxfam_docx, "application/octet-stream")}
    done = browser_client.post("/register/upload", data=tokens, files=files)
    assert done.status_code == 303
    thanks = browser_client.get(done.headers["location"]).text
    assert "Local and Fair Milk in West Africa and Europe" in thanks
    assert "is not ticked, but" in thanks
    with web[1].state.register.connect() as con:
        assert list_submissions(con)[0]["source_format"] == "docx"


def test_hostile_upload_is_refused_clearly(
    browser_client: httpx.Client, make_docx: Callable[..., bytes]
) -> None:
    tokens = _tokens(browser_client.get("/register/upload").text)
    files = {"file": ("cv.docx", b"\x00\x01binary", "application/msword")}
    fake = browser_client.post("/register/upload", data=tokens, files=files)
    assert fake.status_code == 422
    assert "neither .docx nor .pdf" in fake.text
    files = {"file": ("big.txt", b"x" * (7 * 1024 * 1024), "text/plain")}
    big = browser_client.post("/register/upload", data=tokens, files=files)
    assert big.status_code == 413


def test_user_text_is_escaped(browser_client: httpx.Client, web: tuple[str, FastAPI]) -> None:
    tokens = _tokens(browser_client.get("/register/form").text)
    evil = "<script>alert(1)</script>"
    done = browser_client.post("/register/form", data=_good(tokens, title=evil))
    page = browser_client.get(done.headers["location"]).text
    assert evil not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_rate_limit(browser_client: httpx.Client, web: tuple[str, FastAPI]) -> None:
    web[1].state.register_post_limit = 1
    tokens = _tokens(browser_client.get("/register/form").text)
    assert browser_client.post("/register/form", data=_good(tokens)).status_code == 303
    tokens = _tokens(browser_client.get("/register/form").text)
    limited = browser_client.post("/register/form", data=_good(tokens, title="Another one"))
    assert limited.status_code == 429
    assert "Too many submissions" in limited.text


def test_read_only_server_refuses_posts(tmp_path: object) -> None:
    from pathlib import Path

    from fairmilk.store import open_store
    from fairmilk.web import create_app
    from fairmilk.web.server import running

    path = Path(str(tmp_path)) / "ro.duckdb"
    open_store(path).close()
    app = create_app(path, read_only=True)
    with running(app) as url, httpx.Client(base_url=url) as http:
        http.get("/register/form")
        refused = http.post("/register/form", data={"title": "x"})
    app.state.store.close()
    assert refused.status_code == 503
    assert "read-only" in refused.text
