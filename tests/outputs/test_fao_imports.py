"""FAOSTAT imports on the country profile: the key message, the table, the chart data, notes.

Hand-checked from the embedded files under reference/data/fao_trade (FAO area 195 =
Senegal, 159 = Nigeria; quantities in t, values in 1000 US$):
Senegal 2020: SMP 1,290 t + WMP 7,718 t = 9,008 t; 4,052 + 28,946 = 32,998 kUSD.
Senegal 2010: SMP 459 t + WMP 28,947 t = 29,406 t.
Nigeria 2020: SMP 49,070 t + WMP 56,132 t = 105,202 t; 145,976 + 207,022 = 352,998 kUSD.
"""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.outputs import fao_imports
from fairmilk.outputs.country_profile import fao_imports_section
from fairmilk.outputs.i18n import localise
from fairmilk.outputs.key_messages import fao_imports_message
from fairmilk.reference.geo import countries, members
from fairmilk.store.reference import load_reference
from fairmilk.text import term

pytestmark = pytest.mark.filterwarnings("ignore:fetch_arrow_table.. is deprecated")
TCL = "https://www.fao.org/faostat/en/#data/TCL"


@pytest.fixture
def ref(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A store holding the embedded reference data (FAOSTAT trade and exchange rates)."""
    load_reference(con)
    return con


def _drop(con: duckdb.DuckDBPyConnection, series: str, product: str, year: int) -> None:
    con.execute(
        "DELETE FROM observations WHERE series = ? AND geo = 'SN' AND product = ? AND year = ?",
        [series, product, year],
    )


def test_senegal_sentence_from_the_figures(ref: duckdb.DuckDBPyConnection) -> None:
    message = fao_imports_message(ref, "SN")
    assert message.available
    assert message.period == "2020"
    assert message.text == (
        "In 2020, Senegal imported 9,008 t of milk powder (skimmed and whole, SMP + WMP) from "
        "all origins, worth USD 33.0 million; ten years earlier, in 2010: 29,406 t."
    )
    assert message.sources == (f"FAOSTAT (FAO), CC BY 4.0: {TCL}",)
    assert localise(message.text, "fr") == (
        "Sénégal, importations de lait en poudre (écrémé et entier, LEP + LPE) toutes "
        "origines : 9\u202f008 t en 2020, d’une valeur de 33,0 millions d’USD ; dix ans plus "
        "tôt, en 2010 : 29\u202f406 t."
    )


def test_nigeria_sentence_from_the_figures(ref: duckdb.DuckDBPyConnection) -> None:
    text = fao_imports_message(ref, "NG").text
    assert "In 2020, Nigeria imported 105,202 t of milk powder" in text
    assert "worth USD 353.0 million" in text
    assert "in 2010: 99,929 t." in text


def test_a_gap_is_said_as_a_gap(ref: duckdb.DuckDBPyConnection) -> None:
    _drop(ref, "fao_import_quantity_t", "wmp", 2010)  # no WMP tonnes in 2010
    _drop(ref, "fao_import_value_usd", "smp", 2020)  # no SMP value in 2020
    text = fao_imports_message(ref, "SN").text
    assert "In 2020, Senegal imported 9,008 t" in text  # tonnes of both powders are there
    assert "value not available (a gap in FAOSTAT)" in text
    assert "in 2010: not available (a gap in FAOSTAT)." in text
    _drop(ref, "fao_import_quantity_t", "smp", 2020)  # 2020 has only WMP tonnes now
    assert "In 2019, Senegal imported 8,233 t" in fao_imports_message(ref, "SN").text


def test_no_row_at_all_is_a_gap_message(ref: duckdb.DuckDBPyConnection) -> None:
    ref.execute("DELETE FROM observations WHERE geo = 'SN' AND series LIKE 'fao_import%'")
    message = fao_imports_message(ref, "SN")
    assert not message.available
    assert "not available" in message.text


def test_the_table_in_reader_units(ref: duckdb.DuckDBPyConnection) -> None:
    section = fao_imports_section(ref, "SN", "en")
    result = section.result
    assert result.columns == list(fao_imports.TABLE_COLUMNS)
    assert [r[0] for r in result.rows] == [2020] * 4 + [2010] * 4
    smp = dict(zip(result.columns, result.rows[0], strict=True))
    assert smp["product"] == "Skimmed milk powder"
    assert smp["quantity_t"] == 1290.0
    assert smp["value_kusd"] == pytest.approx(4052.0)  # as FAO publishes it
    assert smp["unit_value_usd_per_t"] == pytest.approx(4_052_000 / 1290)
    eur = ref.execute(
        "SELECT value FROM observations WHERE series = 'eur_per_usd' AND year = 2020 "
        "AND month IS NULL ORDER BY dataset LIMIT 1"
    ).fetchone()[0]
    assert smp["unit_value_eur_per_kg"] == pytest.approx(4_052_000 / 1290 / 1000 * eur)
    assert smp["unit_value_lcu_per_kg"] == pytest.approx(smp["unit_value_eur_per_kg"] * 655.957)
    assert result.sources[0] == TCL


def test_the_chart_keeps_gaps_and_colours_by_product(ref: duckdb.DuckDBPyConnection) -> None:
    section = fao_imports_section(ref, "SN", "fr")
    assert section.chart is not None
    values = section.chart["data"]["values"]
    wmp = {v["year"]: v["quantity_t"] for v in values if v["category"] == "wmp"}
    assert sorted(wmp) == list(range(2000, 2021))  # every year of the range
    assert wmp[2000] is None  # FAOSTAT has no Senegal WMP row before 2001: a gap, not 0
    assert wmp[2001] == 13_233.0
    assert {v["product"] for v in values} >= {"Lait écrémé en poudre", "Lait entier en poudre"}
    colours = section.chart["encoding"]["color"]["scale"]
    assert (
        dict(zip(colours["domain"], colours["range"], strict=True))["Lait entier en poudre"]
        == "#6a3d9a"
    )  # the shared colour of category wmp
    assert section.chart["mark"]["invalid"] == "break-paths-show-domains"


@pytest.mark.parametrize(
    ("iso2", "lang", "start"),
    [
        ("SN", "en", "Break in the source: Senegal's powder imports move from skimmed (SMP)"),
        ("SN", "fr", "Rupture dans la source : les importations de poudre du Sénégal"),
        ("NG", "en", "Spike in the source: Nigeria 2007, SMP 72,982 t"),
        ("NG", "fr", "Pic dans la source : Nigeria 2007, LEP 72\u202f982 t"),
    ],
)
def test_break_notes_where_they_apply(
    ref: duckdb.DuckDBPyConnection, iso2: str, lang: str, start: str
) -> None:
    notes = fao_imports_section(ref, iso2, lang).result.notes
    assert notes[0].startswith(start)
    assert len([n for n in notes if "2001" in n or "2007" in n]) == 1


def test_no_break_note_for_a_country_without_one(ref: duckdb.DuckDBPyConnection) -> None:
    notes = fao_imports_section(ref, "ML", "en").result.notes
    assert len(notes) == 1
    assert "local currency (XOF)" in notes[0]


def test_country_names_of_the_message_in_french() -> None:
    west_africa = members("west-africa", 2020)
    for country in countries():
        if country.iso2 in west_africa:
            assert localise(term(country.name_en), "fr") == country.name_fr
