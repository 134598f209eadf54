"""Milk-offensive tracker, from what its figures mean (hand-made observations, exact bounds)."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.policy.offensive import (
    COLUMNS,
    MODEL_LABEL,
    OffensiveObs,
    offensive_observations,
    offensive_table,
    track,
    tracker_frame,
)


def _obs(geo: str, indicator: str = "local_share_processing", *, value: float | None = None,
         low: float | None = None, high: float | None = None, kind: str = "observed",
         period: str = "2022", url: str = "https://example.org/a",
         note: str = "n") -> OffensiveObs:  # fmt: skip
    return OffensiveObs(geo, indicator, period, value, low, high, "%", kind, url, note)


def test_rows_of_a_file_are_read_field_by_field_and_blanks_are_gaps() -> None:
    row = {"geo": "SN", "indicator": "local_share_processing", "period": "2021",
           "value": "", "value_low": "12.5", "value_high": " ", "unit": "%", "kind": "observed",
           "source_url": "https://example.org/sn", "note": "survey"}  # fmt: skip
    (o,) = offensive_observations([row])
    assert o == OffensiveObs("SN", "local_share_processing", "2021", None, 12.5, None, "%",
                             "observed", "https://example.org/sn", "survey")  # fmt: skip


def test_embedded_file_is_read_when_no_rows_are_given() -> None:
    observations = offensive_observations()
    assert observations
    assert all(isinstance(o, OffensiveObs) for o in observations)
    assert any(o.geo == "ecowas" and o.kind == "target" for o in observations)


def test_distance_is_target_minus_the_upper_end_of_a_range() -> None:
    (row,) = track([_obs("SN", low=8.0, high=12.0)], countries=["SN"], target_pct=25.0)
    assert (row.low, row.high, row.target_pct) == (8.0, 12.0, 25.0)
    assert row.to_target_pp == 13.0  # 25 - 12, the upper end, not the midpoint 10
    assert str(row.note) == "n"  # the target's own measure keeps its note


def test_single_value_fills_both_ends_and_a_lone_low_end_is_used() -> None:
    rows = track([_obs("SN", value=7.5), _obs("ML", low=4.0)], countries=[])
    by_geo = {r.geo: r for r in rows}
    assert (by_geo["SN"].low, by_geo["SN"].high, by_geo["SN"].to_target_pp) == (7.5, 7.5, 12.5)
    assert (by_geo["ML"].low, by_geo["ML"].high, by_geo["ML"].to_target_pp) == (4.0, None, 16.0)


def test_a_value_wins_over_its_range() -> None:
    (row,) = track([_obs("SN", value=9.0, low=1.0, high=30.0)], countries=[])
    assert (row.low, row.high, row.to_target_pp) == (9.0, 9.0, 11.0)


def test_targets_and_context_have_no_distance_and_context_is_labelled() -> None:
    target = _obs("ecowas", value=20.0, kind="target", note="2030 goal")
    context = _obs("SN", "collection_rate", value=30.0, note="dairy survey")
    empty = _obs("GH")  # the target's measure, but no figure
    rows = {r.geo: r for r in track([target, context, empty], countries=[])}
    assert rows["ecowas"].to_target_pp is None
    assert str(rows["ecowas"].note) == "2030 goal"
    assert rows["SN"].to_target_pp is None
    assert str(rows["SN"].note) == "context, not the target measure; dairy survey"
    assert rows["GH"].to_target_pp is None
    assert str(rows["GH"].note) == "n"


@pytest.mark.parametrize("target", [0.5, 100.0])
def test_target_bounds_accepted(target: float) -> None:
    (row,) = track([_obs("SN", value=0.0)], countries=[], target_pct=target)
    assert row.to_target_pp == target


@pytest.mark.parametrize("target", [0.0, -5.0, 100.5])
def test_target_outside_0_100_is_refused_with_the_value(target: float) -> None:
    with pytest.raises(ParameterError, match=f"target must be within 0-100 %, found {target:g}"):
        track([], countries=[], target_pct=target)


def test_default_target_is_20_percent() -> None:
    (row,) = track([_obs("SN", value=5.0)], countries=[])
    assert (row.target_pct, row.to_target_pp) == (20.0, 15.0)
    assert set(offensive_table(countries=[]).column("target_pct")) == {20.0}


def test_each_country_without_data_gets_one_gap_row() -> None:
    rows = track([_obs("SN", value=5.0)], countries=["SN", "NE", "BF"], target_pct=30.0)
    gaps = [r for r in rows if r.geo in ("NE", "BF")]
    assert [r.geo for r in gaps] == ["BF", "NE"]
    for g in gaps:
        assert (g.indicator, g.period, g.low, g.high, g.unit, g.kind) == (None,) * 6
        assert (g.target_pct, g.to_target_pp, g.source_url) == (30.0, None, None)
        assert str(g.note) == "GAP: no sourced figure for this country"
    assert len([r for r in rows if r.geo == "SN"]) == 1  # a country with data has no gap


def test_regions_come_first_then_geo_indicator_period() -> None:
    rows = track(
        [_obs("SN", "x_b", value=1.0, period="2021"), _obs("SN", "x_a", value=1.0, period="2022"),
         _obs("SN", "x_a", value=1.0, period="2020"), _obs("waemu", value=1.0),
         _obs("ecowas", value=1.0), _obs("BF", value=1.0)],
        countries=["AA"],
    )  # fmt: skip
    order = [(r.geo, r.indicator, r.period) for r in rows]
    assert order == [
        ("ecowas", "local_share_processing", "2022"), ("waemu", "local_share_processing", "2022"),
        ("AA", None, None), ("BF", "local_share_processing", "2022"),
        ("SN", "x_a", "2020"), ("SN", "x_a", "2022"), ("SN", "x_b", "2021"),
    ]  # fmt: skip


def test_frame_columns_rows_sources_and_notes() -> None:
    rows = track(
        [_obs("SN", low=8.0, high=12.0, url="https://b.org"), _obs("ML", value=3.0, url="https://a.org"),
         _obs("BF", value=4.0, url="https://b.org")],
        countries=["GH"],
    )  # fmt: skip
    frame = tracker_frame(rows)
    assert frame.columns == COLUMNS
    assert frame.columns[3:5] == ["value_low", "value_high"]
    first = dict(zip(frame.columns, frame.rows[-1], strict=True))  # SN
    assert (first["geo"], first["value_low"], first["value_high"], first["to_target_pp"]) == (
        "SN", 8.0, 12.0, 8.0)  # fmt: skip
    assert (first["indicator"], first["period"], first["unit"], first["kind"]) == (
        "local_share_processing", "2022", "%", "observed")  # fmt: skip
    assert (first["target_pct"], first["source_url"]) == (20.0, "https://b.org")
    assert frame.sources == ["https://a.org", "https://b.org"]  # sorted, once, no gap's None
    assert frame.notes[0] == MODEL_LABEL
    assert str(frame.notes[1]) == (
        "to_target_pp = target − observed share (upper end of a range), only for the share of "
        "local milk in dairy processing; other indicators are context."
    )
    assert str(frame.notes[2]) == (
        "Conflicting sources are listed side by side, never averaged; '–' is a gap."
    )
    assert len(frame.notes) == 3
    assert str(frame.title) == "ECOWAS milk offensive tracker: local milk in dairy processing"
    assert not frame.synthetic


def test_table_passes_countries_and_target() -> None:
    frame = offensive_table(countries=["ZZ"], target_pct=40.0)
    gap = [r for r in frame.records() if r["geo"] == "ZZ"]
    assert len(gap) == 1
    assert gap[0]["target_pct"] == 40.0
    baseline = [r for r in frame.records() if r["geo"] == "ecowas" and r["kind"] == "baseline"
                and r["indicator"] == "local_share_processing"]  # fmt: skip
    assert baseline
    assert baseline[0]["to_target_pp"] == 40.0 - baseline[0]["value_high"]
