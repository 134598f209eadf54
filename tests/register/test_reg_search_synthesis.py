"""Full-text search with filters, and the synthesis report (EN/FR, CSV and JSON)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from fairmilk.errors import InputError
from fairmilk.outputs.tables import Result, to_csv
from fairmilk.register.reader import read_submission
from fairmilk.register.search import Filters, normalise_recommendation, search
from fairmilk.register.store import Register
from fairmilk.register.submissions import save_submission, set_status
from fairmilk.register.synthesis import CSV_COLUMNS, synthesis, synthesis_rows

SECOND = """Title of your submission*
Mini-laiteries au Sénégal
Country(ies)/ Region(s) covered by your submission
Senegal
Contact person
Name: Awa Ndiaye
Email address: awa@example.org
Affiliation (indicate your affiliation)
☐ Government
☒ Academia
☒ Set 1: Investing in Smallholder Agriculture
Main purpose(s): training of 120 herders, see PR-25.
☒ SDG 2 (zero hunger)
Please explain: collecte de lait local
"""


@pytest.fixture
def two(
    stored: tuple[Register, str],
) -> tuple[Register, str, str]:
    con, first = stored
    second, _ = save_submission(con, read_submission(SECOND, source_name="s.txt"), via="web-form")
    set_status(con, first, "published", actor="ama")
    set_status(con, second, "published", actor="ama")
    return con, first, second


def _ids(rows: list[dict[str, object]]) -> list[object]:
    return [r["id"] for r in rows]


def test_public_search_sees_published_only(stored: tuple[Register, str]) -> None:
    con, sid = stored
    assert search(con, "milk") == []
    assert _ids(search(con, "milk", public=False)) == [sid]


@pytest.mark.parametrize(
    ("query", "filters", "which"),
    [
        ("fat-filled powder", Filters(), ["first"]),
        ("Senegal", Filters(), ["second"]),
        ("laiteries", Filters(), ["second"]),
        ("lait", Filters(), ["first", "second"]),  # word prefix, accents folded
        ("", Filters(set=2), ["first"]),
        ("", Filters(set=1), ["second"]),
        ("", Filters(sdg=13), ["first"]),
        ("", Filters(sdg=2), ["first", "second"]),
        ("", Filters(place="SN"), ["second"]),
        ("", Filters(place="west-africa"), ["first"]),
        ("", Filters(affiliation="academia"), ["second"]),
        ("", Filters(recommendation="PR-18"), ["first"]),
        ("", Filters(recommendation="VII.A"), ["first"]),
        ("", Filters(recommendation="2:25"), ["second"]),
        ("", Filters(year=2019), ["first", "second"]),
        ("", Filters(year=2020), []),
        ("milk", Filters(set=1), []),
    ],
)
def test_search_filters(
    two: tuple[Register, str, str], query: str, filters: Filters, which: list[str]
) -> None:
    con, first, second = two
    names = {first: "first", second: "second"}
    assert sorted(names[i] for i in _ids(search(con, query, filters))) == which  # type: ignore[index]


@pytest.mark.parametrize(
    "filters",
    [Filters(set=4), Filters(sdg=3), Filters(affiliation="army"), Filters(recommendation="??")],
)
def test_bad_filters_are_explained(two: tuple[Register, str, str], filters: Filters) -> None:
    with pytest.raises(InputError):
        search(two[0], "", filters)


def test_normalise_recommendation() -> None:
    assert normalise_recommendation("PR-18") == "2:18"
    assert normalise_recommendation("VII.A") == "3:VII.A"
    assert normalise_recommendation("III") == "3:III"
    assert normalise_recommendation("3:I.B") == "3:I.B"


def test_synthesis_counts_and_labels(two: tuple[Register, str, str]) -> None:
    con, first, second = two
    data = synthesis(con)
    assert data["total"] == 2
    rows = {b: {r["key"]: r["count"] for r in v["rows"]} for b, v in data["breakdowns"].items()}
    assert rows["set"] == {"1": 1, "2": 1}
    assert rows["sdg"] == {"2": 2, "1": 1, "8": 1, "10": 1, "13": 1}
    assert rows["affiliation"] == {"academia": 1, "civil_society": 1}
    assert rows["place"] == {"SN": 1, "eu27": 1, "west-africa": 1}
    assert rows["year"] == {"2019": 2}
    assert rows["recommendation"]["2:18"] == 1
    recs = {r["key"]: r for r in data["breakdowns"]["recommendation"]["rows"]}
    assert recs["2:25"]["known"] is False
    assert recs["2:25"]["label_fr"] == "Ensemble 2 25 (hors catalogue)"
    assert recs["2:18"]["label_fr"].startswith("Ensemble 2 18 : Soutenir les circuits courts")
    sdg2 = next(r for r in data["breakdowns"]["sdg"]["rows"] if r["key"] == "2")
    assert (sdg2["label_en"], sdg2["label_fr"]) == ("SDG 2 (zero hunger)", "ODD 2 (faim « zéro »)")
    herders = [f for f in data["facts"] if f["submission"] == second]
    assert [(f["kind"], f["value"]) for f in herders] == [("people", 120.0)]
    assert len([f for f in data["facts"] if f["submission"] == first]) == 9


def test_synthesis_exports(two: tuple[Register, str, str]) -> None:
    data = synthesis(two[0])
    text = to_csv(Result("s", list(CSV_COLUMNS), synthesis_rows(data)))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0] == {"breakdown": "total", "key": "", "label_en": "Submissions",
                       "label_fr": "Contributions", "count": "2", "known": "True"}  # fmt: skip
    assert {"breakdown": "set", "key": "2", "count": "1"}.items() <= rows[
        [r["key"] for r in rows].index("2")
    ].items()
    assert json.loads(json.dumps(data))["total"] == 2


def test_synthesis_private_view_counts_pending(
    stored: tuple[Register, str],
) -> None:
    con, _ = stored
    assert synthesis(con)["total"] == 0
    assert synthesis(con, public=False)["total"] == 1
