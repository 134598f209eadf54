"""The real 2019 Oxfam submission imports with every box, SDG and the annex read correctly.

Expected values were read by hand from tests/register/fixtures/oxfam-local-and-fair-milk-2019.txt.
"""

from __future__ import annotations

import pytest

from fairmilk.register.importer import import_bytes
from fairmilk.register.record import Submission


@pytest.fixture(scope="module")
def record(oxfam_text: str) -> Submission:
    return import_bytes(oxfam_text.encode("utf-8"), name="oxfam.txt")


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("title", "Local and Fair Milk in West Africa and Europe"),
        ("coverage", "regional levels (Western Africa and European Union), international level"),
        ("countries", "West Africa and Europe"),
        ("contact_name", "Thierry Kesteloot"),
        ("contact_email", "Thierry.Kesteloot@oxfam.org"),
        ("affiliation", ["civil_society"]),
        ("affiliation_other", None),
        ("awareness_actions", "yes"),
        ("set_1", False),
        ("set_2", True),
        ("set_3", False),
        ("set_1_purpose", None),  # replaced below by a prefix check
        ("sdg_1", True),
        ("sdg_2", True),
        ("sdg_8", True),
        ("sdg_10", True),
        ("sdg_13", True),
        ("sdg_1_explain", None),
        ("sdg_13_explain", None),
        ("youth_actions", None),
        ("potential_use", None),
        ("potential_women", None),
        ("potential_youth", None),
        ("annex_date", "9th of May 2019"),
        ("annex_location", "Brussels"),
        ("annex_participants", ["government", "civil_society", "private_sector", "academia"]),
        ("annex_organizers", ["civil_society"]),
        ("annex_participants_other", None),
    ],
)
def test_exact_values(record: Submission, field: str, expected: object) -> None:
    if field == "set_1_purpose":
        assert str(record.values[field]).startswith("Analysis of constraints and potential.\n")
        return
    assert record.values[field] == expected


@pytest.mark.parametrize(
    ("field", "start", "end"),
    [
        ("awareness_how", "Through the CFS directly.", "actively involved in the CFS negotiations"),
        ("awareness_activities", "As described below (Question -ii-)", "the three policy issues."),
        (
            "set_2_purpose",
            "Analysis and advocacy.\nThe policy",
            "regional markets and food systems”.",
        ),
        (
            "set_3_purpose",
            "Analysis and advocacy.\nThe issue",
            "pastoralist systems and grazing systems.",
        ),
        ("results_short", "In the short term, the use", "organizations of civil society."),
        ("results_medium", "In the medium to long term", "dialogue the EU authorities."),
        ("women_actions", "Half of the West African delegation were women.", "pregnant women."),
        ("youth_benefits", "Young people, especially", "a life in urban centers."),
        ("sdg_general", "Our work on fair and local milk", "across continents."),
        (
            "un_decades",
            "The Policy Recommendations on the three sets",
            "conducive to this process.",
        ),
        ("catalysts", "Small scale food producers and pastoralists", "in our advocacy work."),
        ("constraints", "One key constraint is", "small scale food producers."),
        ("good_practices", "Learning from the joint statement", 'ECOWAS "milk offensive".'),
        ("lessons_learned", "One key lesson learned", "needs to be continuously monitored."),
    ],
)
def test_text_answers_are_whole(record: Submission, field: str, start: str, end: str) -> None:
    value = str(record.values[field])
    assert value.startswith(start)
    assert value.endswith(end)
    assert "Please explain" not in value
    assert "(In addition to providing" not in value


def test_links(record: Submission) -> None:
    base = "https://www.nexportonspasnosproblemes.org"
    assert record.values["links"] == [
        f"{base}/wp-content/uploads/2019/04/Résumé_Dossier_Campagnelait_FR.pdf",
        f"{base}/wp-content/uploads/2019/04/Dossier_Campagnelait_.pdf",
        base,
    ]


def test_citations_in_order_and_all_known(record: Submission) -> None:
    cited = [(c.set, c.raw, c.id, c.known) for c in record.citations]
    assert cited == [
        (2, "PR-18", "18", True),
        (2, "PR-1", "1", True),
        (2, "PR-2", "2", True),
        (2, "PR-10", "10", True),
        (3, "I.B", "I.B", True),
        (3, "I.C", "I.C", True),
        (3, "III", "III", True),
        (3, "VII.A", "VII.A", True),
        (3, "VII.C", "VII.C", True),
    ]
    assert {c.field for c in record.citations} == {"recommendations_useful"}
    assert record.citations[6].sentence == "The recommendations III  are particularly relevant."
    assert record.citations[0].sentence.startswith("In line with PR-18- “promote short food")


def test_quantitative_facts(record: Submission) -> None:
    facts = [(f.kind, f.value, f.qualifier, f.field) for f in record.facts]
    assert facts == [
        ("people", 50_000_000, "nearly", "results_short"),
        ("people", 60, "more than", "results_short"),
        ("countries", 13, None, "results_short"),
        ("people", 10, None, "results_short"),
        ("people", 12, None, "results_short"),
        ("organisations", 50, "more", "results_short"),
        ("countries", 4, "at least", "results_medium"),
        ("organisations", 3, None, "results_medium"),
        ("organisations", 7, None, "results_medium"),
    ]
    assert record.facts[0].sentence.startswith("Beyond this, we have supported the cooperation")
    assert record.facts[4].text == "a dozen of civil servants"


def test_places_dates_and_warnings(record: Submission) -> None:
    assert record.places == ["west-africa", "eu27"]
    assert record.dates == {"annex_date": "2019-05-09"}
    # Sets 1 and 3 have a purpose written but their boxes are not ticked: flagged, not guessed.
    assert [(w.field, w.kind) for w in record.warnings] == [
        ("set_1", "ambiguous"),
        ("set_3", "ambiguous"),
    ]
    assert record.ticked("sdg_") == ["sdg_1", "sdg_2", "sdg_8", "sdg_10", "sdg_13"]
    assert record.form == "cfs-smallholders-2019"
    assert record.year == 2019
