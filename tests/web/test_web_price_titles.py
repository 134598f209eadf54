"""The prices page names series by their catalogue titles in the page language; ids stay ids.

Runs on the tiny SYNTHETIC test store (tests/web/fixtures/store.sql).
"""

from __future__ import annotations

from pathlib import Path

import httpx

from fairmilk.store import open_store
from fairmilk.web.views.prices import prices_view, stored_series
from fairmilk.web.views.view import to_dict

STORE_SQL = Path(__file__).parent / "fixtures" / "store.sql"


def test_french_prices_page_shows_french_series_titles(client: httpx.Client) -> None:
    html = client.get("/prices", params={"lang": "fr"}).text
    assert (
        '<option value="farmgate_milk_price" selected>'
        "Prix du lait à la ferme (farmgate_milk_price)</option>"
    ) in html
    assert "Coût de production complet du lait (production_cost_full)</option>" in html
    assert ">farmgate_milk_price</option>" not in html
    english = client.get("/prices").text
    assert "Farm-gate milk price (farmgate_milk_price)</option>" in english


def test_json_twin_keeps_ids_and_titles_the_block(client: httpx.Client) -> None:
    doc = client.get("/prices.json", params={"lang": "fr"}).json()
    (control,) = [c for c in doc["controls"] if c["name"] == "series"]
    assert [o["value"] for o in control["options"]] == [
        "farmgate_milk_price",
        "production_cost_full",
        "local_fresh_price",
    ]  # catalogue order
    assert control["options"][2]["label"] == (
        "Prix du lait frais local (Afrique de l'Ouest) (local_fresh_price)"
    )
    assert doc["params"]["series"] == "farmgate_milk_price"
    block = next(b for b in doc["blocks"] if b["id"] == "prices")
    assert block["title"] == "Prix du lait à la ferme"
    assert {r["series"] for r in block["data"]} == {"farmgate_milk_price"}
    assert any(
        n.startswith("Prix payé aux éleveurs pour le lait de vache cru") for n in block["notes"]
    )


def test_a_users_own_series_is_shown_with_its_raw_id(tmp_path: Path) -> None:
    con = open_store(tmp_path / "store.duckdb")
    try:
        con.execute(STORE_SQL.read_text(encoding="utf-8"))
        con.execute(
            "INSERT INTO prices (file_id, dataset, series, geo, period, period_type, year, value, "
            "unit, synthetic, source_url) VALUES (NULL, 'test_prices', 'coop_milk_price', 'SN', "
            "'2023', 'year', 2023, 350.0, 'XOF/L', TRUE, 'https://example.org/coop')"
        )
        assert stored_series(con)[-1] == "coop_milk_price"  # after the catalogued ones
        doc = to_dict(prices_view(con, {"series": "coop_milk_price"}, lang="fr"))
    finally:
        con.close()
    (control,) = [c for c in doc["controls"] if c["name"] == "series"]
    assert {"value": "coop_milk_price", "label": "coop_milk_price"} in control["options"]
    block = next(b for b in doc["blocks"] if b["id"] == "prices")
    assert block["title"] == "coop_milk_price"
    assert [r["value"] for r in block["data"]] == [350.0]
