"""French pages, JSON twins, CSV downloads and briefs show indicator titles and notes in French.

Runs against a real server on the embedded data plus the SYNTHETIC demo trade file.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from i18n_messages import msg_templates

from fairmilk.outputs.tables import SYNTHETIC_NOTE

# Blocks whose tables come from the converted indicator and policy modules.
BLOCKS = {
    "overview": ("exports", "ffmp-share", "dependency", "published-ffmp"),
    "prices": ("coverage",),
    "per-litre": ("per-litre",),
    "simulators": ("tariff", "mrp", "mrp-2016"),
    "offensive": ("tracker",),
}


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    """A client of the server on the full (embedded + synthetic demo) store."""
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


def _blocks(http: httpx.Client, page: str, lang: str) -> dict[str, dict[str, Any]]:
    answer = http.get(f"/{page}.json", params={"lang": lang})
    assert answer.status_code == 200, answer.text
    return {b["id"]: b for b in answer.json()["blocks"]}


def _notes(block: dict[str, Any]) -> list[str]:
    return [str(n) for n in block["notes"]]


@pytest.mark.parametrize("page", sorted(BLOCKS))
def test_french_json_twin_has_no_english_note(full: httpx.Client, page: str) -> None:
    english, french = _blocks(full, page, "en"), _blocks(full, page, "fr")
    templates = msg_templates()
    for block_id in BLOCKS[page]:
        en, fr = _notes(english[block_id]), _notes(french[block_id])
        assert len(en) == len(fr) > 1, block_id
        for en_note, fr_note in zip(en, fr, strict=True):
            assert fr_note != en_note, f"{page}/{block_id}: note left in English: {en_note}"
            assert fr_note not in templates
        assert french[block_id]["title"] != english[block_id]["title"]


def test_overview_notes_in_french(full: httpx.Client) -> None:
    blocks = _blocks(full, "overview", "fr")
    exports = _notes(blocks["exports"])
    assert exports[0].startswith("DONNÉES SYNTHÉTIQUES : ")
    assert SYNTHETIC_NOTE not in exports
    assert "Les régions sont datées : un pays compte dans une région" in exports[2]
    assert exports[-1].startswith("Exportations laitières de l’UE-27 vers l’Afrique de l’Ouest")
    share = _notes(blocks["ffmp-share"])
    assert any(
        n.startswith("Avant 2020, la poudre de lait réengraissée aux matières") for n in share
    )
    methods = {r["method"] for r in blocks["ffmp-share"]["data"]}
    assert (
        "estimation : tonnes de la NC 19019099 × 50 % / 55 % / 60 % (bas / central / haut)"
        in methods
    )
    assert any(n.startswith("Dépendance aux importations =") for n in _notes(blocks["dependency"]))


def test_per_litre_notes_and_cells_in_french(full: httpx.Client) -> None:
    block = _blocks(full, "per-litre", "fr")["per-litre"]
    notes = _notes(block)
    assert "Fret 11,4 % du FOB (part générique de la CNUCED)" in notes[1]
    assert "Prix local : lait local frais au premier stade, dans l’ordre producteur" in notes[2]
    assert notes[-1] == "Comparaison au litre : poudre importée reconstituée et lait frais local"
    cells = " | ".join(str(r["notes"]) for r in block["data"] if r["notes"])
    assert "taxe non renseignée : " in cells
    assert "tax gap" not in cells


def test_tariff_and_tracker_in_french(full: httpx.Client) -> None:
    tariff = _notes(_blocks(full, "simulators", "fr")["tariff"])
    assert (
        "RÉSULTAT DE MODÈLE (scénario tarifaire fairmilk, pas une projection officielle)" in tariff
    )
    assert (
        "Scénario : TEC : inchangé ; prélèvements : inchangé ; mesures ajoutées : aucune." in tariff
    )
    assert any(
        n.startswith("Élasticités de la demande d’importation -0,5 / -1,0 / -1,5") for n in tariff
    )
    tracker = _blocks(full, "offensive", "fr")["tracker"]
    assert (
        "Suivi : observations sourcées comparées à l’objectif (sans modélisation)"
        in tracker["notes"]
    )
    cells = [str(r["note"]) for r in tracker["data"]]
    assert "LACUNE : aucun chiffre sourcé pour ce pays" in cells
    assert not any(c.startswith(("GAP:", "context, not")) for c in cells)


FR_MODEL = "RÉSULTAT DE MODÈLE (simulation fairmilk, pas un chiffre de l’EMB ni de l’UE)"


def test_mrp_notes_titles_and_cells_in_french(full: httpx.Client) -> None:
    english, french = _blocks(full, "simulators", "en"), _blocks(full, "simulators", "fr")
    notes = _notes(french["mrp"])
    assert notes[0] == FR_MODEL
    assert (
        "Hypothèses : les producteurs de 30 % des livraisons réduisent de 5 % ; réduction "
        "obligatoire de 2,5 % ; bonus de 14 EUR/100 kg (taux du dispositif européen de 2016)."
    ) in notes
    assert any(n.startswith("Livraisons (DÉRIVÉES) : Eurostat apro_mk_farm D1100D") for n in notes)
    assert (
        notes[-1]
        == f"Programme de responsabilité du marché (PRM) de l’EMB, simulé pour DE — {FR_MODEL}"
    )
    en_rows = {r["period"]: r for r in english["mrp"]["data"]}
    fr_rows = {r["period"]: r for r in french["mrp"]["data"]}
    assert fr_rows["2016-01"]["phase_name"] == "réduction obligatoire"
    assert en_rows["2016-01"]["phase_name"] == "compulsory cut"
    for period, row in fr_rows.items():  # the numbers do not change with the language
        same = ("market_index", "phase", "deliveries_t", "withheld_t", "bonus_eur")
        assert all(row[c] == en_rows[period][c] for c in same), period
    comparison = french["mrp-2016"]
    first = comparison["data"][0]
    assert first["item"] == "réduction de volume, chiffre final (CE, juillet 2017)"
    assert first["compared_with"].startswith("DE seul face au total de l’UE : périmètres NON")
    scale = "Pour l’échelle : DE a livré 31\u202f332\u202f610 t de lait cru aux laiteries en 2016"
    assert any(n.startswith(scale) and "soit 22,2 % des" in n for n in _notes(comparison))
    assert comparison["title"] == "Simulation du PRM face au dispositif européen de 2016"


def test_french_html_page_shows_french_notes_and_headers(full: httpx.Client) -> None:
    html = full.get("/prices", params={"lang": "fr"}).text
    assert "couverture (%) = 100 × prix à la ferme / coût de production complet" in html
    assert "coverage_pct = 100" not in html
    assert '<th scope="col" title="coverage_pct">couverture (%)</th>' in html
    english = full.get("/prices").text
    assert "coverage_pct = 100 × farm-gate price / full production cost" in english


def test_french_csv_download_has_french_note_cells(full: httpx.Client) -> None:
    csv_fr = full.get("/per-litre/per-litre.csv", params={"lang": "fr"}).text
    csv_en = full.get("/per-litre/per-litre.csv").text
    assert "taxe non renseignée : " in csv_fr
    assert "tax gap: " in csv_en
    assert "tax gap: " not in csv_fr


def test_french_brief_has_french_titles_and_notes(full: httpx.Client) -> None:
    query = {"country": "SN", "format": "html"}
    english = full.get("/brief", params=query).text
    html = full.get("/brief", params={**query, "lang": "fr"}).text
    assert "<h2>Exportations laitières de l’UE-27 vers ce pays, par produit</h2>" in html
    assert "<h2>Dépendance aux importations (%)</h2>" in html
    assert "DONNÉES SYNTHÉTIQUES : contient des lignes de démonstration synthétiques" in html
    assert SYNTHETIC_NOTE not in html
    assert SYNTHETIC_NOTE in english
    assert "<th>Équivalent lait (t)</th>" in html
