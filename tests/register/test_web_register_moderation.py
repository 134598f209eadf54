"""Moderation on a real server: login, session cookie, CSRF, publish, contacts kept private."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

import httpx
from fastapi import FastAPI

from fairmilk.register.moderators import create_moderator
from fairmilk.register.reader import read_submission
from fairmilk.register.submissions import list_submissions, save_submission

Web = tuple[str, FastAPI]


def _seed(web: Web, oxfam_text: str) -> str:
    with web[1].state.register.connect() as con:
        create_moderator(con, "ama", "a long secret 42", actor="test")
        sid, _ = save_submission(con, read_submission(oxfam_text, source_name="o.txt"), via="cli")
    return sid


def _login(http: httpx.Client) -> str:
    done = http.post("/register/login", data={"username": "ama", "password": "a long secret 42"})
    assert done.status_code == 303
    assert "httponly" in done.headers["set-cookie"].lower()
    assert "samesite=strict" in done.headers["set-cookie"].lower()
    page = http.get("/register/moderate").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def test_moderation_needs_login(browser_client: httpx.Client, web: Web, oxfam_text: str) -> None:
    sid = _seed(web, oxfam_text)
    refused = browser_client.get("/register/moderate")
    assert refused.status_code == 403
    assert 'href="/register/login"' in refused.text  # the refusal links to the login
    assert browser_client.get(f"/register/moderate/s/{sid}").status_code == 403
    wrong = browser_client.post("/register/login", data={"username": "ama", "password": "guess"})
    assert wrong.status_code == 401
    forged = browser_client.post(f"/register/moderate/submission/{sid}", data={"action": "publish"})
    assert forged.status_code == 403


def test_publish_with_csrf_then_public(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    sid = _seed(web, oxfam_text)
    csrf = _login(browser_client)
    private = browser_client.get(f"/register/moderate/s/{sid}").text
    assert "Thierry.Kesteloot@oxfam.org" in private
    no_token = browser_client.post(
        f"/register/moderate/submission/{sid}", data={"action": "publish"}
    )
    assert no_token.status_code == 403
    asked = browser_client.post(
        f"/register/moderate/submission/{sid}",
        data={"action": "publish", "csrf": csrf, "note": "ok"},
    )
    assert asked.status_code == 200  # a confirmation page first; nothing published yet
    assert 'name="confirm" value="yes"' in asked.text
    assert "Local and Fair Milk" in asked.text
    assert browser_client.get(f"/register/s/{sid}").status_code >= 400  # not public yet
    done = browser_client.post(
        f"/register/moderate/submission/{sid}",
        data={"action": "publish", "csrf": csrf, "note": "ok", "confirm": "yes"},
    )
    assert done.status_code == 303
    public = browser_client.get(f"/register/s/{sid}")
    assert public.status_code == 200
    assert "Local and Fair Milk in West Africa and Europe" in public.text
    assert "Support short supply chains" in public.text  # PR-18 with its catalogue title
    twin = browser_client.get(f"/register/s/{sid}.json").json()
    assert twin["record"]["values"]["sdg_13"] is True
    for page in (public.text, str(twin), browser_client.get("/register/search?q=milk").text):
        assert "Kesteloot" not in page
        assert "oxfam.org" not in page
    found = browser_client.get("/register/search.json?q=fat-filled&recommendation=PR-18").json()
    assert [r["id"] for r in found["results"]] == [sid]
    synth = browser_client.get("/register/synthesis?lang=fr").text
    assert "Ensemble 2 : Relier les petits producteurs aux marchés" in synth
    assert "set,2,Set 2: Connecting" in browser_client.get("/register/synthesis.csv").text


def test_logout_ends_the_session(browser_client: httpx.Client, web: Web, oxfam_text: str) -> None:
    _seed(web, oxfam_text)
    csrf = _login(browser_client)
    assert browser_client.post("/register/logout", data={"csrf": csrf}).status_code == 303
    assert browser_client.get("/register/moderate").status_code == 403


def test_observation_form_and_moderation(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    _seed(web, oxfam_text)
    page = browser_client.get("/register/observe?lang=fr").text
    assert "Mentions de l'étiquette" in page or "Mentions de l&#39;étiquette" in page
    token = re.search(r'name="draft_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = {"draft_token": token, "date": "2024-03-02", "country": "SN", "place": "Dakar",
            "product": "ffmp", "package_size": "400", "package_unit": "g", "price": "1500",
            "currency": "XOF", "labels": ["contains_vegetable_fat"]}  # fmt: skip
    bad = browser_client.post("/register/observe", data={**data, "price": "free"})
    assert bad.status_code == 422
    assert "column price" in bad.text
    assert browser_client.post("/register/observe", data=data).status_code == 200
    csrf = _login(browser_client)
    moderation = browser_client.get("/register/moderate").text
    oid = re.search(r'id="o-([0-9a-f]+)"', moderation).group(1)  # type: ignore[union-attr]
    published = browser_client.post(
        f"/register/moderate/observation/{oid}",
        data={"action": "publish", "csrf": csrf, "confirm": "yes"},
    )
    assert published.status_code == 303


def test_parallel_posts_to_the_server(web: Web) -> None:
    """40 clients post at once (10 of them twice with the same nonce): 30 rows, no loss."""

    def post(n: int) -> int:
        with httpx.Client(base_url=web[0], timeout=60) as http:
            page = http.get("/register/form").text
            token = re.search(r'name="draft_token" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
            data = {"draft_token": token, "nonce": f"n-{n % 30}", "title": f"Post {n % 30}",
                    "countries": "Mali", "contact_name": "X", "contact_email": "x@example.org",
                    "affiliation": "donor", "action": "submit"}  # fmt: skip
            return http.post("/register/form", data=data).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        codes = list(pool.map(post, range(40)))
    assert codes == [303] * 40
    with web[1].state.register.connect() as con:
        titles = sorted(str(s["title"]) for s in list_submissions(con))
    assert titles == sorted(f"Post {n}" for n in range(30))


def test_an_administrator_disables_a_moderator_on_the_web(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    _seed(web, oxfam_text)
    with web[1].state.register.connect() as con:
        create_moderator(con, "boss", "chief secret 7788", actor="test", admin=True)
    csrf = _login(browser_client)  # ama: a moderator, not an administrator
    assert browser_client.get("/register/moderators").status_code == 403
    refused = browser_client.post(
        "/register/moderators/boss", data={"action": "disable", "csrf": csrf}
    )
    assert refused.status_code == 403
    with httpx.Client(base_url=web[0], timeout=30) as admin:
        done = admin.post(
            "/register/login", data={"username": "boss", "password": "chief secret 7788"}
        )
        assert done.status_code == 303
        page = admin.get("/register/moderators").text
        token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
        assert 'id="m-ama"' in page
        no_csrf = admin.post("/register/moderators/ama", data={"action": "disable"})
        assert no_csrf.status_code == 403
        off = admin.post("/register/moderators/ama", data={"action": "disable", "csrf": token})
        assert off.status_code == 303
    assert browser_client.get("/register/moderate").status_code == 403  # ama's session ended
    with web[1].state.register.connect() as con:
        trail = con.execute(
            "SELECT actor, action, target_id FROM register_audit WHERE action = 'disable'"
        ).fetchall()
    assert trail == [("boss", "disable", "ama")]
