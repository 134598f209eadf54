"""The server keeps answering while a hostile request is parsed; floods are cut before
parsing (drafts, uploads)."""

from __future__ import annotations

import threading
import time

import httpx
from fastapi import FastAPI
from hostile_files import pdf_bomb

from fairmilk.register.answers import SHORT
from fairmilk.register.cfs2019 import CFS_2019


def _heavy_post() -> dict[str, str]:
    # every number is looked at: seconds of parsing on a small machine, linear in the input
    fields = {f.id: ("1 2 3 " * 3_300)[:19_900] for f in CFS_2019.fields() if f.kind == "text"}
    short = dict.fromkeys(SHORT, "A test")
    return {**fields, **short, "contact_email": "a@example.org", "affiliation": "civil_society"}


def test_the_server_answers_others_while_a_huge_form_is_parsed(
    site: tuple[str, FastAPI], browser: httpx.Client
) -> None:
    token = browser.cookies["fm_draft"]
    data = {**_heavy_post(), "draft_token": token, "action": "submit"}
    done: dict[str, float] = {}

    def post() -> None:
        start = time.perf_counter()
        done["status"] = browser.post("/register/form", data=data).status_code
        done["post"] = time.perf_counter() - start

    worker = threading.Thread(target=post)
    worker.start()
    time.sleep(0.3)  # the post is in flight
    delays = []
    with httpx.Client(base_url=site[0], timeout=30) as other:
        while worker.is_alive() and len(delays) < 20:
            start = time.perf_counter()
            assert other.get("/register/").status_code == 200
            delays.append(time.perf_counter() - start)
            time.sleep(0.05)
    worker.join(60)
    assert done["post"] > 1, done  # the post really was heavy
    assert delays, "the post ended before any other request was made"
    assert max(delays) < 1.5, delays


def test_a_draft_flood_from_one_address_is_cut(
    site: tuple[str, FastAPI], browser: httpx.Client
) -> None:
    site[1].state.register_draft_limit = 5
    token = browser.cookies["fm_draft"]
    codes = [
        browser.post(
            "/register/form",
            data={"title": "x" * 200, "draft_token": token, "action": "draft", "ajax": "1"},
        ).status_code
        for _ in range(8)
    ]
    assert codes[:5] == [200] * 5
    assert codes[5:] == [429] * 3


def test_uploads_are_counted_before_parsing(
    site: tuple[str, FastAPI], browser: httpx.Client
) -> None:
    site[1].state.register_post_limit = 2
    token = browser.cookies["fm_draft"]
    bomb = pdf_bomb()
    codes = []
    for _ in range(4):
        start = time.perf_counter()
        answer = browser.post(
            "/register/upload",
            data={"draft_token": token},
            files={"file": ("bomb.pdf", bomb, "application/pdf")},
        )
        codes.append((answer.status_code, time.perf_counter() - start))
    assert [c for c, _t in codes] == [422, 422, 429, 429]
    assert all(t < 0.5 for c, t in codes if c == 429)
