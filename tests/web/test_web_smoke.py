"""Every page, its JSON twin and its downloads answer, on a real server."""

from __future__ import annotations

import httpx
import pytest

from fairmilk.web.views.view import PAGES

# The tiny test store holds no FAOSTAT production, no published FFMP figures and no price and
# cost series long enough for the MRP index: these blocks are empty there (gaps, with notes).
EMPTY_IN_TINY_STORE = {("overview", "dependency"), ("overview", "published-ffmp"),
                       ("simulators", "mrp")}  # fmt: skip
NO_BLOCKS = {"register", "methodology"}  # experiences and method pages: text, not tables


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
    assert bool(body["blocks"]) is (page not in NO_BLOCKS), page
    for block in body["blocks"]:
        where = f"{page}/{block['id']}"
        if (page, block["id"]) in EMPTY_IN_TINY_STORE:
            assert not block["data"], f"{where}: the tiny store has rows for it now; update EMPTY"
            assert block["notes"], f"{where}: an empty table must say what it would show"
            continue
        assert block["data"], f"{where}: no rows from the tiny store"
        assert block["sources"], f"{where}: rows without sources"
        assert all(isinstance(s, str) and s.strip() for s in block["sources"]), where


def test_a_table_of_gaps_gets_no_chart(client: httpx.Client) -> None:
    # In the tiny store the only 2020 WMP row to Mali has no quantity: tonnes are a gap.
    query = {"category": "wmp", "destination": "ML", "from": "2020", "to": "2020"}
    body = client.get("/trade.json", params=query).json()
    block = body["blocks"][0]
    assert [row["tonnes"] for row in block["data"]] == [None]
    assert block["chart"] is None
    assert client.get("/trade/trade.svg", params=query).status_code == 422
    with_value = client.get("/trade.json", params=query | {"measure": "value_eur"}).json()
    assert with_value["blocks"][0]["chart"] is not None
