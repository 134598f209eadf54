"""Country pages: all 16 West African countries and an EU exporter, HTML and JSON twins."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from fairmilk.outputs.key_messages import TOPICS
from fairmilk.reference.geo import members

WEST_AFRICA = sorted(members("west-africa", date.today()))


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the full (embedded + synthetic demo) store."""
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


def test_sixteen_west_african_countries() -> None:
    assert len(WEST_AFRICA) == 16


@pytest.mark.parametrize("iso", WEST_AFRICA)
def test_country_page_and_json_twin(full: httpx.Client, iso: str) -> None:
    page = full.get(f"/country/{iso}")
    assert page.status_code == 200
    assert "Key messages" in page.text
    data = full.get(f"/country/{iso}.json").json()
    assert data["page"] == "country"
    assert data["params"] == {"country": iso}
    assert len(data["messages"]) == len(TOPICS)
    for message in data["messages"]:
        assert message["text"]
        if message["available"]:
            assert message["period"], message
            assert message["sources"], message
        else:
            assert "not available" in message["text"] or "Not computed" in message["text"]
    assert {b["id"] for b in data["blocks"]} == {
        "fao-imports", "imports", "dependency", "ffmp", "per-litre",
    }  # fmt: skip
    assert data["synthetic"] is True  # the demo trade file is synthetic
    french = full.get(f"/country/{iso}.json", params={"lang": "fr"}).json()
    assert french["messages"][0]["text"] != message["text"]


def test_messages_carry_the_synthetic_label_where_trade_is_used(full: httpx.Client) -> None:
    data = full.get("/country/SN.json").json()
    by_topic = dict(zip(TOPICS, data["messages"], strict=True))
    assert by_topic["imports"]["synthetic"]
    assert by_topic["ffmp"]["synthetic"]
    assert not by_topic["dependency"]["synthetic"]  # FAOSTAT figures are real
    html = full.get("/country/SN").text
    assert 'class="tag">SYNTHETIC DATA' in html


def test_an_eu_member_state_as_exporter(full: httpx.Client) -> None:
    data = full.get("/country/DE.json", params={"lang": "fr"}).json()
    assert data["title"] == "Allemagne"
    assert [b["id"] for b in data["blocks"]] == ["exports", "ffmp"]
    assert "vers l’Afrique de l’Ouest" in data["messages"][0]["text"]


def test_unknown_country_is_a_422_naming_the_parameter(full: httpx.Client) -> None:
    answer = full.get("/country/ZZ.json")
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert "country" in error
    assert "SN" in error
    assert "BF" in error


def test_downloads_of_a_country_block(full: httpx.Client) -> None:
    csv = full.get("/country/BF/imports.csv")
    assert csv.status_code == 200
    assert csv.text.startswith("year,product,tonnes,milk_equivalent_t")
    svg = full.get("/country/BF/dependency.svg")
    assert svg.status_code == 200
    assert svg.text.lstrip().startswith("<svg")


def test_home_page_leads_to_every_country(full: httpx.Client) -> None:
    for lang in ("en", "fr"):
        html = full.get("/", params={"lang": lang}).text
        suffix = "?lang=fr" if lang == "fr" else ""
        for iso in WEST_AFRICA:
            assert f'href="/country/{iso}{suffix}"' in html


def test_home_page_is_short_and_says_what_ffmp_is(full: httpx.Client) -> None:
    data = full.get("/overview.json").json()
    assert "FFMP (fat-filled milk powder) is skimmed milk powder" in data["intro"]
    assert 4 <= len(data["figures"]) <= 6
    assert all(len(f["sources"]) == 1 for f in data["figures"])
    html = full.get("/").text
    assert "Where to start" in html
    assert "Data shown:" in html
    assert "SYNTHETIC" in html
    french = full.get("/", params={"lang": "fr"}).text
    # Countries sort by name ignoring accents: Sénégal before Sierra Leone.
    assert french.index(">Sénégal<") < french.index(">Sierra Leone<")


def test_home_page_leads_with_real_faostat_imports(full: httpx.Client) -> None:
    """The first figure is real: FAOSTAT's Western Africa total (area 5105), SMP + WMP, 2020.

    By hand from the embedded FAOSTAT files: 97,038 t skimmed + 134,777 t whole powder.
    """
    first = full.get("/overview.json").json()["figures"][0]
    assert first["value"] == 97_038 + 134_777
    assert first["period"] == "2020"
    assert first["sources"] == [
        "FAOSTAT (FAO), CC BY 4.0: https://www.fao.org/faostat/en/#data/TCL"
    ]
    assert "SYNTHETIC" not in first["sources"][0]
    french = full.get("/overview.json", params={"lang": "fr"}).json()["figures"][0]
    assert french["label"].startswith("Importations de lait en poudre de l’Afrique de l’Ouest")
