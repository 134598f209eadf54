"""Warnings: missing answers, ambiguous boxes, unknown recommendation ids; facts and ids."""

from __future__ import annotations

import pytest

from fairmilk.register.catalogue import find_cited, lookup
from fairmilk.register.facts import find_facts
from fairmilk.register.reader import read_submission

SMALL = """Title of your submission*
Milk in Kaolack
Country(ies)/ Region(s) covered by your submission
Senegal, Mali
Contact person
Name: A. Diallo
Email address: not given
Affiliation (indicate your affiliation)
☒ Government
☒ Civil Society / NGO
? Farmers' cooperative
· Have you taken any actions to make these policy recommendations known (Please tick)?
☒ No
☒ Yes
☒ Set 2: Connecting Smallholders to Markets
Main purpose(s): advocacy on PR-25 and VII.F, and PR-18.
"""


def _kinds(text: str) -> list[tuple[str | None, str]]:
    return [(w.field, w.kind) for w in read_submission(text, source_name="s.txt").warnings]


def test_small_form_warnings() -> None:
    record = read_submission(SMALL, source_name="small.txt")
    assert record.values["affiliation"] == ["government", "civil_society"]
    assert record.values["awareness_actions"] is None
    assert record.values["contact_email"] == "not given"
    assert record.places == ["ML", "SN"]
    kinds = [(w.field, w.kind) for w in record.warnings]
    assert ("affiliation", "unrecognised") in kinds  # "? Farmers' cooperative" is no box
    assert ("awareness_actions", "ambiguous") in kinds  # both yes and no ticked
    assert ("contact_email", "invalid") in kinds
    assert ("set_2_purpose", "unknown_recommendation") in kinds
    unknown = [c.raw for c in record.citations if not c.known]
    assert unknown == ["PR-25", "VII.F"]
    assert [c.raw for c in record.citations if c.known] == ["PR-18"]


def test_empty_text_warns_for_every_required_field() -> None:
    kinds = _kinds("nothing here\n")
    missing = {f for f, k in kinds if k == "missing"}
    assert {"title", "countries", "contact_name", "contact_email", "affiliation"} <= missing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In line with PR-18- and PR 2 and PR10.", [(2, "18"), (2, "2"), (2, "10")]),
        ("between recommendation I.B. and I.C. As explained", [(3, "I.B"), (3, "I.C")]),
        ("The recommendations III are relevant; see section IV.", [(3, "III"), (3, "IV")]),
        ("I think. In 2019 SDG 2 matters; Question -ii-", []),
    ],
)
def test_cited_ids(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(c.set, c.id) for c in find_cited(text)] == expected


def test_catalogue_lookup() -> None:
    assert lookup(2, "18") is not None
    assert lookup(3, "VII.A") is not None
    assert lookup(2, "99") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("six trainings involving a total of 250 people", [("people", 250.0, "a total of")]),
        ("In 2009, farmers organisations met.", []),
        ("PR-18- promote chains that enable smallholders", []),
        ("SDG 8 – decent work for all producers", []),
        ("1. Prohibit dumping on producers", []),
        ("from 8.04.2019 to 12.04.2019 with producers", []),
        (
            "some 1,200 women in 3 cooperatives",
            [("people", 1200.0, "some"), ("organisations", 3.0, None)],
        ),
        (
            "reaching 2 million households in twelve countries",
            [("people", 2e6, None), ("countries", 12.0, None)],
        ),
    ],
)
def test_facts(text: str, expected: list[tuple[str, float, str | None]]) -> None:
    assert [(f.kind, f.value, f.qualifier) for f in find_facts(text, field="x")] == expected


def test_boxes_on_one_line() -> None:
    text = (
        "Affiliation (indicate your affiliation)\n"
        "☐ Government ☒ Academia ☒ Donor\n"
        "Have you taken any actions to make these policy recommendations known?\n"
        "☐ No   ☒ Yes\n"
    )
    record = read_submission(text, source_name="inline.txt")
    assert record.values["awareness_actions"] == "yes"
    assert record.values["affiliation"] == ["academia", "donor"]
