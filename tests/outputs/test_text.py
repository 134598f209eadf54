"""The translatable message type (fairmilk.text) and its rendering in a page language."""

from __future__ import annotations

import copy
import json
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.indicators.frame import Frame
from fairmilk.outputs.i18n import gettext, localise, translator
from fairmilk.outputs.tables import SYNTHETIC_NOTE, Result, localised, to_json
from fairmilk.text import Msg, join, msg, term

FREIGHT = (
    "Freight {freight:g} % of FOB (UNCTAD generic share); importer and retail "
    "margin {margin:g} % (ASSUMPTION: no published margin was found)."
)


def test_a_message_is_its_english_text_and_keeps_template_and_values() -> None:
    note = msg(FREIGHT, freight=11.4, margin=0.0)
    assert isinstance(note, str)
    assert note == (
        "Freight 11.4 % of FOB (UNCTAD generic share); importer and retail margin 0 % "
        "(ASSUMPTION: no published margin was found)."
    )
    assert note.template == FREIGHT
    assert note.values == {"freight": 11.4, "margin": 0.0}
    assert str(note) == note
    assert type(str(note)) is str
    assert f"Note: {note}" == "Note: " + str(note)
    assert "UNCTAD" in note
    assert note.startswith("Freight 11.4")
    assert hash(note) == hash(str(note))
    assert {note: 1}[str(note)] == 1
    assert json.dumps([note]) == json.dumps([str(note)])


def test_a_message_without_values_is_its_template() -> None:
    title = msg("Price series")
    assert title == "Price series"
    assert title.template == "Price series"
    assert title.values == {}
    assert msg("Price series") != msg("Exchange rates per US dollar")


@pytest.mark.parametrize(
    "copier", [copy.copy, copy.deepcopy, lambda m: pickle.loads(pickle.dumps(m))]
)
def test_copies_and_pickles_keep_the_template(copier: object) -> None:
    note = msg("tax gap: {gap}", gap=msg("no litres-per-kg factor for {category}", category="smp"))
    back = copier(note)  # type: ignore[operator]
    assert isinstance(back, Msg)
    assert back == note
    assert back.template == note.template
    assert back.values["gap"].template == "no litres-per-kg factor for {category}"
    assert localise(back, "fr") == "taxe non renseignée : pas de facteur litres par kg pour smp"


def test_french_looks_up_the_template_and_formats_numbers_in_french() -> None:
    note = msg(FREIGHT, freight=11.4, margin=2.5)
    assert localise(note, "fr") == (
        "Fret 11,4 % du FOB (part générique de la CNUCED) ; marge de l’importateur et du "
        "détaillant 2,5 % (HYPOTHÈSE : aucune marge publiée n’a été trouvée)."
    )
    assert localise(note, "en") == note
    assert type(localise(note, "en")) is str
    peg = msg(
        "Units of the currency per US dollar, annual averages. XOF is not listed: it converts "
        "at the fixed peg of {peg} XOF per EUR.",
        peg=655.957,
    )
    assert "655,957 XOF pour 1 EUR" in localise(peg, "fr")


def test_nested_messages_and_terms_are_translated_plain_strings_are_not() -> None:
    by = join([term("year"), term("category")], ", ")
    title = msg("Dairy trade (exports) by {keys}", keys=by)
    assert title == "Dairy trade (exports) by year, category"
    assert localise(title, "fr") == "Commerce laitier (exportations) par année, catégorie"
    gap = msg("no unit value of {category} for {country} in {year} (EU exports, FAO imports)",
              category=term("wmp"), country="BF", year=2023)  # fmt: skip
    assert localise(gap, "fr") == (
        "pas de valeur unitaire de LPE pour BF en 2023 (exportations de l’UE, importations FAO)"
    )
    assert localise("plain text", "fr") == "plain text"
    assert localise(12.5, "fr") == 12.5


def test_a_template_without_translation_stays_english() -> None:
    unknown = msg("a template nobody translated {n}", n=1.5)
    assert localise(unknown, "fr") == "a template nobody translated 1,5"


def test_join_keeps_separators_literal_and_numbers_localised() -> None:
    values = join([-0.5, -1.0, -1.5], " / ")
    assert values == "-0.5 / -1.0 / -1.5"
    assert localise(values, "fr") == "-0,5 / -1,0 / -1,5"
    assert join(["a{", "}b"], "{;}") == "a{{;}}b"
    assert join([]) == ""


def test_translator_and_gettext_accept_messages() -> None:
    title = msg("EU-27 dairy exports to West Africa by category, {year}", year=2023)
    assert translator("fr")(title) == (
        "Exportations laitières de l’UE-27 vers l’Afrique de l’Ouest par catégorie, 2023"
    )
    assert gettext("fr", title) == translator("fr")(title)
    assert translator("en")(title) == title


def _frame() -> Frame:
    notes: list[str] = [msg("Price series"), "a note from data"]
    rows = [("BF", msg("GAP: no sourced figure for this country")), ("SN", "observed")]
    return Frame(msg("Exchange rates per US dollar"), ["geo", "note"], rows, ["src"], notes, True)


def test_localised_result_has_french_title_notes_and_cells() -> None:
    res = localised(_frame(), "fr")
    assert res.title == "Taux de change par dollar américain"
    assert res.notes == ["Séries de prix", "a note from data"]
    assert res.rows == [("BF", "LACUNE : aucun chiffre sourcé pour ce pays"), ("SN", "observed")]
    assert res.all_notes()[0] == gettext("fr", SYNTHETIC_NOTE) != SYNTHETIC_NOTE
    payload = json.loads(to_json(res))
    assert payload["title"] == res.title
    assert payload["notes"][1] == "Séries de prix"
    assert localised(_frame(), "fr", title="Mon titre").title == "Mon titre"


def test_english_result_is_unchanged() -> None:
    res = localised(_frame(), "en")
    assert res.title == "Exchange rates per US dollar"
    assert res.all_notes() == [SYNTHETIC_NOTE, "Price series", "a note from data"]
    assert Result("t", [], []).all_notes() == []


@given(
    word=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    number=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e6, max_value=1e6),
)
def test_any_values_survive_pickling_and_format_like_str_format(word: str, number: float) -> None:
    note = msg("local price {where} left out: {reason}", where=word, reason=number)
    assert note == f"local price {word} left out: {number}"
    back = pickle.loads(pickle.dumps(note))
    assert (back, back.template, back.values) == (note, note.template, note.values)
    french = localise(note, "fr")
    assert french == f"prix local {word} écarté : " + str(number).replace(".", ",")
