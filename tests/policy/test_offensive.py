"""Milk-offensive tracker: targets, conflicting sources side by side, gaps as gaps."""

from __future__ import annotations

import pytest

from fairmilk.errors import ParameterError
from fairmilk.policy.offensive import offensive_observations, offensive_table, track


def test_baseline_distance_to_target() -> None:
    rows = track(offensive_observations(), countries=["SN", "GH"])
    baseline = next(r for r in rows if r.geo == "ecowas" and r.kind == "baseline"
                    and r.indicator == "local_share_processing")  # fmt: skip
    assert (baseline.low, baseline.to_target_pp) == (5.0, 15.0)  # 5 % -> 20 %


def test_conflicting_sources_are_side_by_side_and_gaps_are_gaps() -> None:
    rows = track(offensive_observations(), countries=["SN", "GH"])
    senegal = [r for r in rows if r.geo == "SN" and r.indicator == "local_share_consumption"]
    assert sorted((r.low, r.high) for r in senegal) == [(10.0, 10.0), (30.0, 40.0)]
    assert all(r.to_target_pp is None for r in senegal)  # consumption share: context only
    (ghana,) = [r for r in rows if r.geo == "GH"]
    assert ghana.low is None
    assert ghana.note.startswith("GAP")


def test_table_and_bad_target() -> None:
    frame = offensive_table(countries=["NG"], target_pct=25)
    assert frame.sources
    assert {r["target_pct"] for r in frame.records()} == {25}
    with pytest.raises(ParameterError):
        track([], countries=[], target_pct=0)
