"""The API's front door, its self-served docs, and one check of country codes everywhere."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import httpx
import pytest


def test_the_api_index_lists_every_endpoint_with_a_link(client: httpx.Client) -> None:
    answer = client.get("/api/v1/")
    assert answer.status_code == 200
    body = answer.json()
    hrefs = {e["href"] for e in body["endpoints"]}
    assert {"/api/v1/trade", "/api/v1/observations", "/api/v1/countries"} <= hrefs
    for href in hrefs:  # every link answers
        assert client.get(href, params={"limit": 1}).status_code == 200, href
    assert client.get(body["docs"]).status_code == 200
    assert client.get(body["openapi"]).status_code == 200
    moved = client.get("/api/v1", follow_redirects=False)
    assert moved.status_code == 308
    assert moved.headers["location"] == "/api/v1/"


def test_the_docs_are_served_by_the_app_itself(client: httpx.Client) -> None:
    html = client.get("/api/v1/docs").text
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "no CDN, no other host"
    for ref in re.findall(r"(?:src|href)=\"([^\"]+)\"", html):
        assert client.get(ref).status_code == 200, ref
    assert "SwaggerUIBundle" in client.get("/static/vendor/swagger-ui-bundle.js").text


@pytest.mark.parametrize(
    ("path", "param"),
    [
        ("/api/v1/trade?destination=ZZ", "destination"),
        ("/api/v1/trade?exporter=QQ", "exporter"),
        ("/trade?destination=ZZ", "destination"),
        ("/trade.json?exporter=QQ", "exporter"),
        ("/per-litre?country=ZZ", "country"),
    ],
)
def test_an_unknown_code_is_a_422_naming_the_parameter(
    client: httpx.Client, path: str, param: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == 422
    assert f"unknown country or region code for {param}" in answer.text
    assert "west-africa" in answer.text
    assert "SN" in answer.text  # what exists is listed


def test_a_known_country_without_rows_says_what_exists(client: httpx.Client) -> None:
    body = client.get("/api/v1/trade", params={"destination": "GH", "from": 1990,
                                                "to": 1991}).json()  # fmt: skip
    assert body["data"] == []
    assert any("No rows for this selection. Stored: years" in n for n in body["notes"])
    obs = client.get("/api/v1/observations", params={"geo": "GH", "from": 1901,
                                                      "to": 1902}).json()  # fmt: skip
    assert any("Stored: years" in n for n in obs["notes"])
    fr = client.get("/trade", params={"destination": "GH", "from": 1990, "to": 1991,
                                      "lang": "fr"}).text  # fmt: skip
    assert "Aucune ligne pour cette sélection. Données stockées : années" in fr


def test_the_cli_names_the_option_and_exits_with_2(web_store: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "fairmilk", "trade", "--destination", "ZZ", "--db",
         str(web_store)], capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "unknown country or region code for --destination" in done.stderr + done.stdout
    assert "destinations:" not in done.stderr + done.stdout  # not the internal field name
