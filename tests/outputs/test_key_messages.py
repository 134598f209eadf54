"""Key messages: sentences computed from the store's figures, a gap said as a gap."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.outputs.i18n import localise
from fairmilk.outputs.key_messages import (
    TOPICS,
    dependency_message,
    key_messages,
    membership_message,
    tariffs_message,
)
from fairmilk.store.reference import load_reference

FAO = "https://www.fao.org/faostat/en/"
pytestmark = pytest.mark.filterwarnings("ignore:fetch_arrow_table.. is deprecated")


def _observe(con: duckdb.DuckDBPyConnection, series: str, geo: str, year: int, value: float,
             unit: str) -> None:  # fmt: skip
    con.execute(
        "INSERT INTO observations (dataset, series, geo, period, year, value, unit, source_url) "
        "VALUES ('test', ?, ?, ?, ?, ?, ?, ?)",
        [series, geo, str(year), year, value, unit, FAO],
    )


@pytest.fixture
def store(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """A store with the reference data only (no trade, no FAOSTAT rows for ZZ-like tests)."""
    load_reference(con)
    con.execute("DELETE FROM observations WHERE geo = 'SN'")
    return con


def test_dependency_sentence_from_the_figures(store: duckdb.DuckDBPyConnection) -> None:
    # 2015: 30 / (70 + 30) = 30 %; 2022: 60 / (40 + 60) = 60 %.
    for year, prod, imp in ((2015, 70_000.0, 30_000.0), (2022, 40_000.0, 60_000.0)):
        _observe(store, "milk_production_all", "SN", year, prod, "t")
        _observe(store, "milk_imports_me", "SN", year, imp, "t milk equivalent")
    message = dependency_message(store, "SN")
    assert message.available
    assert message.period == "2022"
    assert "In 2022, imports made up 60 % of the milk supply" in message.text
    assert "against 30 % in 2015" in message.text
    assert any(FAO in s for s in message.sources)
    french = localise(message.text, "fr")
    assert french.startswith("En 2022, les importations représentaient 60 %")


def test_missing_imports_make_a_gap_sentence(store: duckdb.DuckDBPyConnection) -> None:
    _observe(store, "milk_production_all", "SN", 2022, 40_000.0, "t")
    message = dependency_message(store, "SN")
    assert not message.available
    assert "not available" in message.text
    assert message.sources == ()


def test_every_topic_has_a_sentence_even_on_an_empty_store(
    store: duckdb.DuckDBPyConnection,
) -> None:
    messages = key_messages(store, "SN")
    assert [m.topic for m in messages] == list(TOPICS)
    assert all(m.text for m in messages)
    gaps = {m.topic for m in messages if not m.available}
    assert {"dependency", "imports", "ffmp", "per-litre", "alerts"} <= gaps
    assert all("not available" in m.text for m in messages if m.topic in gaps)


@pytest.mark.parametrize("iso2", ["BF", "ML", "NE"])
def test_membership_of_the_aes_with_its_dates(store: duckdb.DuckDBPyConnection, iso2: str) -> None:
    message = membership_message(store, iso2)
    assert "member of ECOWAS from 1975-05-28 to 2025-01-28" in message.text
    assert "member of WAEMU since 1994-01-10" in message.text
    assert "member of AES since 2023-09-16" in message.text
    assert (
        "Dates: Liptako-Gourma Charter establishing the Alliance of Sahel States (AES) signed "
        "on 2023-09-16; treaty of the Confederation of Sahel States signed in Niamey on "
        "2024-07-06; exit from ECOWAS effective on 2025-01-29." in message.text
    )
    assert "https://fr.allafrica.com/stories/202309180509.html" in message.sources
    assert any("universalis.fr" in s for s in message.sources)
    french = localise(message.text, "fr")
    assert "CEDEAO : membre du 1975-05-28 au 2025-01-28" in french
    assert "AES : membre depuis le 2023-09-16" in french
    assert "Charte du Liptako-Gourma instituant l’Alliance des États du Sahel" in french
    assert "sortie de la CEDEAO effective le 2025-01-29" in french


def test_no_aes_for_senegal(store: duckdb.DuckDBPyConnection) -> None:
    message = membership_message(store, "SN")
    assert message.text == (
        "Regional blocs: member of ECOWAS since 1975-05-28; member of WAEMU since 1994-01-10."
    )
    assert "https://www.ecowas.int/" in message.sources


def test_a_bloc_missing_from_the_reference_is_a_gap(store: duckdb.DuckDBPyConnection) -> None:
    store.execute("DELETE FROM ref_memberships WHERE region = 'aes'")
    store.execute("DELETE FROM ref_regions WHERE region = 'aes'")
    message = membership_message(store, "SN")
    assert "membership of AES: not recorded (a gap)" in message.text


def test_tariffs_from_the_tax_reference(store: duckdb.DuckDBPyConnection) -> None:
    sn = tariffs_message(store, "SN")
    # CET 5 %; levies: ECOWAS 0.5 + WAEMU PCS 1 + RS 1 + PROMAD 3 = 5.5 %; VAT is a gap.
    assert "customs duty of 5 % and levies of 5.5 %" in sn.text
    assert "VAT: not available" in sn.text
    assert "5,5 %" in localise(sn.text, "fr")


def test_per_litre_sentence_one_local_price_and_product_mid_sentence(
    con: duckdb.DuckDBPyConnection,
) -> None:
    """Guinea-Bissau 2006: one local price (771.4 XOF at the farm gate, low = high) reads as
    one price, not '771–771'; the product name is written in lower case inside the sentence."""
    from fairmilk.outputs.key_messages import per_litre_message
    from fairmilk.store.complete import bring_up_to_date

    bring_up_to_date(con)  # the embedded data: FAOSTAT unit values, local prices, taxes
    m = per_litre_message(con, "GW")
    assert m.available
    assert "against 771 XOF for a litre of local fresh milk" in m.text
    assert "reconstituted from imported skimmed milk powder" in m.text
    fr = localise(m.text, "fr")
    assert "contre 771 XOF pour un litre" in fr
    assert "à partir de lait écrémé en poudre importé" in fr


@pytest.mark.parametrize(
    ("name", "inside"),
    [("Skimmed milk powder", "skimmed milk powder"), ("SMP", "SMP"),
     ("EU-27 exports", "EU-27 exports"),
     ("X", "X"), ("Poudre de lait", "poudre de lait")],
)  # fmt: skip
def test_names_inside_a_sentence(name: str, inside: str) -> None:
    from fairmilk.text import mid_sentence, msg, term

    assert mid_sentence(name) == inside
    assert msg("was {p:mid}.", p=term(name)) == f"was {inside}."
