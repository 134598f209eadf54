"""MRP volumes on real data: Eurostat D1100D deliveries with the German BAL price/cost series.

Expected values are computed by hand below from the published figures: Eurostat apro_mk_farm
D1100D for DE (1000 t) and the BAL price and full cost (EUR c/kg) in the embedded files.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.policy.mrp import NO_INDEX_NOTE, MrpObservation, MrpParams, simulate_mrp
from fairmilk.policy.mrp_run import run_mrp
from fairmilk.store import open_store
from fairmilk.store.prices import load_price_reference
from fairmilk.store.reference import load_reference
from fairmilk.text import Msg
from fairmilk.web.views.policy import simulators_view

PRICE_ONLY = MrpParams(price_weight=1, product_weight=0, window=1)
QUARTERLY = replace(PRICE_ONLY, months_per_step=3)
DE_1000T = {2014: 31388.75, 2016: 31332.61, 2017: 31270.43, 2018: 31732.48, 2019: 31762.52,
            2020: 31842.17}  # fmt: skip  # Eurostat apro_mk_farm D1100D, DE, 1000 t


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    con = open_store(tmp_path_factory.mktemp("mrp") / "store.duckdb")
    load_reference(con)
    load_price_reference(con)
    yield con
    con.close()


def by_period(con: duckdb.DuckDBPyConnection, params: MrpParams = QUARTERLY) -> dict[str, Any]:
    timeline, _comparison = run_mrp(con, geo="DE", params=params)
    return {r["period"]: r for r in timeline.records()}


def by_hand(year: int, phase: int) -> tuple[float, float, float]:
    """(deliveries of a quarter, tonnes withheld, bonus EUR) with the default assumptions."""
    quarter = DE_1000T[year] * 1000 / 12 * 3
    voluntary = quarter * 0.30 * 0.05  # 30 % of deliveries cut by 5 %
    compulsory = quarter * 0.025 if phase == 3 else 0.0  # everybody cuts 2.5 %
    bonus = voluntary * 140  # 14 EUR per 100 kg = 140 EUR per t, on the voluntary cut
    return quarter, voluntary + compulsory, bonus


def test_volumes_by_hand_on_the_german_series(store: duckdb.DuckDBPyConnection) -> None:
    rows = by_period(store)
    # 2016-01: 28.66 / 44.94 -> index 63.8, a fall of 36 %: compulsory cut (phase 3)
    quarter, withheld, bonus = by_hand(2016, 3)
    row = rows["2016-01"]
    assert row["phase"] == 3
    assert row["deliveries_t"] == pytest.approx(quarter)  # 7,833,152.5 t
    assert row["deliveries_source"] == "Eurostat D1100D 2016/12"
    assert row["withheld_t"] == pytest.approx(withheld)  # 313,326.1 t
    assert row["bonus_eur"] == pytest.approx(bonus)  # EUR 16.45 m
    # 2014-01: early warning (index 91.8): deliveries known, nothing withheld
    assert rows["2014-01"]["phase"] == 1
    assert rows["2014-01"]["deliveries_t"] == pytest.approx(by_hand(2014, 1)[0])
    assert rows["2014-01"]["withheld_t"] == 0.0
    # 2017-01 stays in phase 3 (77.2 < 100: no exit) with the 2017 deliveries
    assert rows["2017-01"]["withheld_t"] == pytest.approx(by_hand(2017, 3)[1])


def test_a_year_without_deliveries_is_a_gap(store: duckdb.DuckDBPyConnection) -> None:
    rows = by_period(store)
    # Eurostat D1100D for DE stops in 2022: 2023-10 has an index and a phase, no volumes.
    assert rows["2023-10"]["phase"] == 1
    assert rows["2023-10"]["deliveries_t"] is None
    assert rows["2023-10"]["deliveries_source"] is None
    assert rows["2023-10"]["withheld_t"] is None
    # 2017-07 has no price: deliveries are known, the index and volumes are gaps
    assert rows["2017-07"]["deliveries_t"] == pytest.approx(by_hand(2017, 3)[0])
    assert rows["2017-07"]["withheld_t"] is None


def test_totals_and_the_2016_comparison(store: duckdb.DuckDBPyConnection) -> None:
    timeline, comparison = run_mrp(store, geo="DE", params=QUARTERLY)
    cells = {r["item"]: r for r in comparison.records()}
    crisis = [2016, 2017, 2018, 2019, 2020]  # the five periods in phase 3 (see the timeline)
    whole = cells["volume withheld, whole simulated series"]
    assert whole["simulated"] == pytest.approx(sum(by_hand(y, 3)[1] for y in crisis))
    assert cells["bonus cost, whole simulated series"]["simulated"] == pytest.approx(
        sum(by_hand(y, 3)[2] for y in crisis)
    )
    final = cells["volume cut, final (EC July 2017)"]
    assert final["published_2016"] == 834000
    assert final["simulated"] == pytest.approx(by_hand(2017, 3)[1])  # only 2017-01 is in
    assert "NOT like for like" in final["compared_with"]
    assert any("22.2 % of the EU27" in n for n in comparison.notes)  # 31.33 / 141.21 Mt
    assert any("DERIVED" in n for n in timeline.notes)
    assert any("eurostat" in s for s in timeline.sources)


def test_stated_deliveries_override_eurostat(store: duckdb.DuckDBPyConnection) -> None:
    params = replace(QUARTERLY, monthly_deliveries_t=1_000_000)
    timeline, _c = run_mrp(store, geo="DE", params=params)
    rows = {r["period"]: r for r in timeline.records()}
    assert {r["deliveries_source"] for r in rows.values()} == {"stated"}
    assert rows["2023-10"]["deliveries_t"] == 3_000_000  # stated covers years Eurostat lacks
    assert rows["2016-01"]["withheld_t"] == pytest.approx(3_000_000 * (0.3 * 0.05 + 0.025))
    assert not any("eurostat" in s for s in timeline.sources)


def test_eu_run_says_it_is_not_possible(store: duckdb.DuckDBPyConnection) -> None:
    timeline, comparison = run_mrp(store, geo="EU27", params=QUARTERLY)
    assert timeline.rows == []
    assert any("EU-level run is not possible" in n for n in timeline.notes)
    assert NO_INDEX_NOTE in timeline.notes
    final = next(r for r in comparison.records() if r["item"].startswith("volume cut, final"))
    assert final["simulated"] is None
    assert final["compared_with"].startswith("nothing to compare")
    assert "EU27 run vs EU total: like for like in scope." in comparison.notes


def test_a_crisis_period_without_deliveries_makes_the_total_a_gap() -> None:
    known = MrpObservation("2016-01", 60, None, 100, 1000.0, "test")  # phase 3
    unknown = MrpObservation("2017-01", 60, None, 100)  # phase 3, no deliveries
    calm = MrpObservation("2018-01", 120, None, 100)  # phase 0, no deliveries
    one_crisis_quarter = 3000 * (0.30 * 0.05 + 0.025)
    assert simulate_mrp([known, calm], QUARTERLY).withheld_t == pytest.approx(one_crisis_quarter)
    assert simulate_mrp([known, unknown], QUARTERLY).withheld_t is None


series = st.lists(
    st.tuples(st.floats(min_value=40, max_value=130), st.none() | st.floats(0, 1e7)),
    min_size=1, max_size=20,
)  # fmt: skip


@given(series, st.floats(0, 100), st.floats(0, 100))
def test_more_participation_never_lowers_volumes(
    points: list[tuple[float, float | None]], a: float, b: float
) -> None:
    obs = [MrpObservation(f"p{i}", price, None, 100, d, "test") for i, (price, d) in
           enumerate(points)]  # fmt: skip
    low, high = sorted((a, b))
    run = [simulate_mrp(obs, replace(PRICE_ONLY, participation_pct=p)) for p in (low, high)]
    for s_low, s_high in zip(run[0].steps, run[1].steps, strict=True):
        assert (s_low.withheld_t is None) == (s_high.withheld_t is None)
        if s_low.withheld_t is not None and s_high.withheld_t is not None:
            assert s_high.withheld_t >= s_low.withheld_t
    if run[0].withheld_t is not None and run[1].withheld_t is not None:
        assert run[1].withheld_t >= run[0].withheld_t


def test_cli_shows_where_deliveries_come_from(tmp_path: Path) -> None:
    args = ["policy", "mrp", "--db", str(tmp_path / "s.duckdb"), "-f", "json"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    doc, _end = json.JSONDecoder().raw_decode(result.output)  # the first of two documents
    row = next(r for r in doc["data"] if r["period"] == "2016-01")
    assert row["deliveries_source"] == "Eurostat D1100D 2016/12"
    assert row["withheld_t"] == pytest.approx(by_hand(2016, 3)[1])


def test_web_simulator_shows_volumes_and_explains_a_missing_chart(
    store: duckdb.DuckDBPyConnection,
) -> None:
    view = simulators_view(store, {}, lang="en")
    mrp = view.blocks[0]
    assert mrp.chart is not None
    volumes = {r["period"]: r["withheld_t"] for r in mrp.result.records()}
    assert volumes["2016-01"] == pytest.approx(by_hand(2016, 3)[1])
    empty = simulators_view(store, {"mrp_geo": "eu27"}, lang="en").blocks[0]
    assert empty.chart is None
    assert empty.note == NO_INDEX_NOTE


def test_french_simulator_explains_a_missing_chart_in_french(
    store: duckdb.DuckDBPyConnection,
) -> None:
    empty = simulators_view(store, {"mrp_geo": "eu27"}, lang="fr").blocks[0]
    assert empty.chart is None
    assert empty.note.startswith("Aucune période n’a d’indice de marché, il n’y a donc rien")
    assert empty.note in empty.result.notes  # the same note, translated, in the table notes
    assert NO_INDEX_NOTE not in empty.result.notes
    charted = simulators_view(store, {}, lang="fr").blocks[0]
    assert charted.chart is not None
    assert charted.note == ""


def test_mrp_texts_keep_their_templates_for_translation(store: duckdb.DuckDBPyConnection) -> None:
    timeline, comparison = run_mrp(store, geo="DE", params=QUARTERLY)
    for frame in (timeline, comparison):
        assert isinstance(frame.title, Msg)
        assert all(isinstance(n, Msg) for n in frame.notes), frame.notes
    phases = {r["phase_name"] for r in timeline.records()} - {None}
    assert phases
    assert all(isinstance(p, Msg) for p in phases)
    cells = [v for r in comparison.records() for v in (r["item"], r["compared_with"])]
    assert all(isinstance(c, Msg) for c in cells)
