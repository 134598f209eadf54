"""Flags that travel with a figure: derived inputs, litres per kg used, synthetic rows."""

from __future__ import annotations

import dataclasses

import duckdb
from test_per_litre import synthetic_inputs

from fairmilk.indicators.costs import cost_coverage, coverage_frame
from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.perlitre_table import per_litre_frame, per_litre_rows
from fairmilk.indicators.price_tables import cost_coverage_table
from fairmilk.indicators.prices import PricePoint


def _p(series: str, value: float, *, derived: bool = False) -> PricePoint:
    return PricePoint(series, "FR", "2020", 2020, None, value, None, None, "EURc/kg", "u", "d",
                      derived=derived)  # fmt: skip


def test_a_derived_cost_keeps_its_flag_in_the_coverage_table() -> None:
    plain = cost_coverage([_p("farmgate_milk_price", 35.0)], [_p("production_cost_full", 45.0)])
    derived = cost_coverage(
        [_p("farmgate_milk_price", 35.0)], [_p("production_cost_full", 45.0, derived=True)]
    )
    assert [r["derived"] for r in coverage_frame(plain).records()] == [False]
    assert [r["derived"] for r in coverage_frame(derived).records()] == [True]


def test_coverage_from_synthetic_prices_is_labelled(priced: duckdb.DuckDBPyConnection) -> None:
    assert not cost_coverage_table(priced, geo=["DE"]).synthetic
    priced.execute("UPDATE prices SET synthetic = TRUE WHERE geo = 'DE'")
    try:
        assert cost_coverage_table(priced, geo=["DE"]).synthetic
        assert not cost_coverage_table(priced, geo=["LT"]).synthetic
    finally:
        priced.execute("UPDATE prices SET synthetic = FALSE WHERE geo = 'DE'")


def test_per_litre_table_shows_the_litres_per_kg_it_used() -> None:
    inputs = synthetic_inputs()
    rows = per_litre_rows(["BF"], ["smp", "wmp"], inputs, params=PerLitreParams())
    recs = per_litre_frame(rows, PerLitreParams()).records()
    assert recs[0]["litres_per_kg"] == 9.9  # the factor the landed cost per litre used
    assert recs[1]["litres_per_kg"] is None  # no unit value: no cost, no factor claimed
    other = dataclasses.replace(inputs, litres_per_kg={"smp": 7.5})
    again = per_litre_rows(["BF"], ["smp"], other, params=PerLitreParams())
    assert per_litre_frame(again, PerLitreParams()).records()[0]["litres_per_kg"] == 7.5
