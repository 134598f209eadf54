"""Every page, its JSON twin and its downloads answer, on a real server."""

from __future__ import annotations

import httpx
import pytest

from fairmilk.outputs.views import PAGES


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_page_and_json_twin(client: httpx.Client, page: str, lang: str) -> None:
    html = client.get(f"/{page}", params={"lang": lang})
    assert html.status_code == 200, html.text[-500:]
    assert f'<html lang="{lang}">' in html.text
    twin = client.get(f"/{page}.json", params={"lang": lang})
    assert twin.status_code == 200
    body = twin.json()
    assert body["page"] == page
    assert body["lang"] == lang
    for block in body["blocks"]:
        assert block["sources"] or not block["data"], f"{page}/{block['id']} rows without sources"
