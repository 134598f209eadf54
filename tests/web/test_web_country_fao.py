"""Country pages carry FAOSTAT's imports from all origins and the AES membership, EN and FR.

Figures by hand from reference/data/fao_trade (FAO area 195 = Senegal, 159 = Nigeria):
Senegal 2020 SMP 1,290 t + WMP 7,718 t = 9,008 t, worth 4,052 + 28,946 = 32,998 kUSD;
Senegal 2010 459 + 28,947 = 29,406 t. Nigeria 2020 49,070 + 56,132 = 105,202 t.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the full (embedded + synthetic demo) store."""
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


CASES = {
    ("SN", "en"): (
        "In 2020, Senegal imported 9,008 t of milk powder (skimmed and whole, SMP + WMP) from "
        "all origins, worth USD 33.0 million; ten years earlier, in 2010: 29,406 t.",
        "Break in the source: Senegal&#39;s powder imports move from skimmed (SMP)",
        "Dairy imports from all origins, by product (FAOSTAT)",
        ">value (1000 USD)<",
    ),
    ("SN", "fr"): (
        "Sénégal, importations de lait en poudre (écrémé et entier, LEP + LPE) toutes "
        "origines : 9\u202f008 t en 2020, d’une valeur de 33,0 millions d’USD ; dix ans plus "
        "tôt, en 2010 : 29\u202f406 t.",
        "Rupture dans la source : les importations de poudre du Sénégal",
        "Importations de produits laitiers toutes origines, par produit (FAOSTAT)",
        ">valeur (milliers d’USD)<",
    ),
    ("NG", "en"): (
        "In 2020, Nigeria imported 105,202 t of milk powder",
        "Spike in the source: Nigeria 2007, SMP 72,982 t",
        "Dairy imports from all origins, by product (FAOSTAT)",
        ">unit value (local currency/kg)<",
    ),
    ("NG", "fr"): (
        "Nigeria, importations de lait en poudre (écrémé et entier, LEP + LPE) toutes "
        "origines : 105\u202f202 t en 2020",
        "Pic dans la source : Nigeria 2007, LEP 72\u202f982 t",
        "Importations de produits laitiers toutes origines, par produit (FAOSTAT)",
        ">valeur unitaire (monnaie locale/kg)<",
    ),
}


@pytest.mark.parametrize(("iso", "lang"), sorted(CASES))
def test_faostat_message_chart_table_and_break_note(
    full: httpx.Client, iso: str, lang: str
) -> None:
    message, note, title, header = CASES[(iso, lang)]
    html = full.get(f"/country/{iso}", params={"lang": lang}).text
    assert message in html
    assert note in html
    assert title in html
    assert header in html
    assert 'id="chart-fao-imports"' in html  # the chart of imports by product over time
    data = full.get(f"/country/{iso}.json", params={"lang": lang}).json()
    block = next(b for b in data["blocks"] if b["id"] == "fao-imports")
    assert block["synthetic"] is False  # real FAOSTAT figures, even on the demo store
    assert block["sources"][0] == "https://www.fao.org/faostat/en/#data/TCL"
    assert block["data"][0]["year"] == 2020
    fao = next(m for m in data["messages"] if m["text"].startswith(message[:20]))
    assert fao["period"] == "2020"
    assert fao["sources"] == ["FAOSTAT (FAO), CC BY 4.0: https://www.fao.org/faostat/en/#data/TCL"]


def test_faostat_block_downloads(full: httpx.Client) -> None:
    csv = full.get("/country/SN/fao-imports.csv")
    assert csv.status_code == 200
    head, first = csv.text.splitlines()[:2]
    assert head.startswith("year,product,quantity_t,value_kusd,unit_value_usd_per_t")
    assert first.startswith("2020,Skimmed milk powder,1290")
    svg = full.get("/country/SN/fao-imports.svg")
    assert svg.text.lstrip().startswith("<svg")


@pytest.mark.parametrize("iso", ["ML", "BF", "NE"])
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_aes_membership_with_dates(full: httpx.Client, iso: str, lang: str) -> None:
    html = full.get(f"/country/{iso}", params={"lang": lang}).text
    if lang == "en":
        assert "member of AES since 2023-09-16" in html
        assert "signed in Niamey on 2024-07-06" in html
        assert "exit from ECOWAS effective on 2025-01-29" in html
    else:
        assert "AES : membre depuis le 2023-09-16" in html
        assert "signé à Niamey le 2024-07-06" in html
        assert "sortie de la CEDEAO effective le 2025-01-29" in html
    assert "not recorded" not in html
    # each dated fact with its source, all four shown (they are in no table below)
    for source in ("fr.allafrica.com/stories/202309180509", "universalis.fr/evenement/6-juillet",
                   "www.eziguide.com/news/world/ecowas-gives", "www.uemoa.int"):  # fmt: skip
        assert f'href="https://{source}' in html
    assert "non enregistr" not in html


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_no_aes_on_the_senegal_page(full: httpx.Client, lang: str) -> None:
    data = full.get("/country/SN.json", params={"lang": lang}).json()
    blocs = next(
        m["text"] for m in data["messages"] if "CEDEAO" in m["text"] or "ECOWAS" in m["text"]
    )
    assert "AES" not in blocs
    assert "2023-09-16" not in blocs
