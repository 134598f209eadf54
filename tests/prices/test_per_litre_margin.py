"""Per-litre landed cost with a trade margin and other non-default parameters, by hand."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.perlitre import PerLitreParams, compare, landed_cost
from fairmilk.indicators.price_tables import per_litre_inputs
from fairmilk.indicators.taxes import TaxStack, tax_stack


def test_margin_raises_the_landed_cost() -> None:
    # FOB 2.00 EUR/kg, freight 10 %: CIF 2.20; duty 5 % = 0.11; levies 2.5 % = 0.055;
    # margin 20 %: (2.20 + 0.11 + 0.055) × 1.20 = 2.838; VAT 18 %: 3.34884 EUR/kg
    stack = TaxStack(5.0, 2.5, 18.0, (), (), ())
    params = PerLitreParams(freight_pct=10.0, margin_pct=20.0)
    cost = landed_cost(2.0, stack, litres_per_kg=8.0, params=params)
    assert cost.cif_eur_per_kg == pytest.approx(2.2)
    assert cost.landed_ex_vat_eur_per_kg == pytest.approx(2.838)
    assert cost.landed_eur_per_kg == pytest.approx(3.34884)
    assert cost.ex_vat_eur_per_litre == pytest.approx(2.838 / 8)
    assert cost.eur_per_litre == pytest.approx(3.34884 / 8)


def test_a_duty_gap_leaves_the_landed_cost_a_gap() -> None:
    cost = landed_cost(2.0, TaxStack(None, 2.5, 18.0, (), (), ()), litres_per_kg=8.0,
                       params=PerLitreParams(margin_pct=20.0))  # fmt: skip
    assert cost.duty_eur_per_kg is None
    assert (cost.landed_ex_vat_eur_per_kg, cost.landed_eur_per_kg) == (None, None)
    assert compare(cost, 655.957, 500.0, 600.0).landed_per_litre is None


def test_gap_and_ratio_over_the_local_range() -> None:
    cost = landed_cost(1.0, TaxStack(0.0, 0.0, 0.0, (), (), ()), litres_per_kg=10.0,
                       params=PerLitreParams(freight_pct=0.0))  # fmt: skip
    # 0.10 EUR per litre at 1 000 units per EUR: 100 per litre
    c = compare(cost, 1000.0, 150.0, 300.0)
    assert c.landed_per_litre == pytest.approx(100.0)
    assert (c.gap_low, c.gap_high) == (pytest.approx(50.0), pytest.approx(200.0))
    assert (c.ratio_low, c.ratio_high) == (pytest.approx(1.5), pytest.approx(3.0))
    assert compare(cost, None, 150.0, 300.0).landed_per_litre is None
    high_only = compare(cost, 1000.0, None, 300.0)
    assert (high_only.gap_low, high_only.ratio_low) == (None, None)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (PerLitreParams(margin_pct=-1.0), "margin_pct must be within 0-500 %, found -1"),
        (PerLitreParams(freight_pct=500.1), "freight_pct must be within 0-500 %, found 500.1"),
        (PerLitreParams(stage="retail"), "stage must be one of .*consumer, producer, .*'retail'"),
    ],
)
def test_parameters_out_of_range(params: PerLitreParams, message: str) -> None:
    with pytest.raises(ParameterError, match=f"^{message}"):
        landed_cost(2.0, TaxStack(5.0, 2.5, 18.0, (), (), ()), litres_per_kg=8.0, params=params)


def test_edges_of_the_parameter_ranges_are_accepted() -> None:
    for params in (PerLitreParams(margin_pct=0.0), PerLitreParams(freight_pct=500.0)):
        landed_cost(2.0, TaxStack(5.0, 2.5, 18.0, (), (), ()), litres_per_kg=8.0, params=params)
    with pytest.raises(ParameterError, match=r"^unit value must be >= 0 and litres per kg > 0$"):
        landed_cost(2.0, TaxStack(5.0, 2.5, 18.0, (), (), ()), litres_per_kg=0.0,
                    params=PerLitreParams())  # fmt: skip
    free = landed_cost(0.0, TaxStack(5.0, 2.5, 18.0, (), (), ()), litres_per_kg=8.0,
                       params=PerLitreParams())  # fmt: skip
    c = compare(free, 655.957, 500.0, 600.0)  # a zero landed cost: no ratio, not a crash
    assert c.landed_per_litre == 0.0
    assert (c.gap_low, c.ratio_low, c.ratio_high) == (500.0, None, None)


def test_a_negative_unit_value_is_refused() -> None:
    with pytest.raises(ParameterError, match=r"^unit value must be >= 0 and litres per kg > 0$"):
        landed_cost(-0.01, TaxStack(5.0, 2.5, 18.0, (), (), ()), litres_per_kg=8.0,
                    params=PerLitreParams())  # fmt: skip


def test_store_inputs_apply_ecowas_and_waemu_measures_by_membership(
    con: duckdb.DuckDBPyConnection,
) -> None:
    inputs, _sources, _synthetic = per_litre_inputs(con, countries=["BF"], stage="consumer")
    assert inputs.regions_of("BF", 2019) == ["ecowas", "waemu"]
    assert inputs.regions_of("GH", 2019) == ["ecowas"]
    assert inputs.regions_of("ML", 2025) == ["waemu"]  # left ECOWAS on 2025-01-29
    stack = tax_stack(inputs.measures, country="BF", regions=inputs.regions_of("BF", 2019),
                      category="smp", on=date(2019, 7, 1))  # fmt: skip
    assert stack.levy_pct == pytest.approx(2.5)  # ECOWAS PC 0.5 + WAEMU PCS 1 + RS 1


def test_what_the_comparison_is_made_with() -> None:
    stack = TaxStack(0.0, 0.0, None, (), (), ())  # VAT a gap: compared before VAT, and said
    cost = landed_cost(0.5, stack, litres_per_kg=1.0, params=PerLitreParams(freight_pct=0.0))
    assert cost.fob_eur_per_kg == 0.5
    c = compare(cost, 1.0, 1.0, 2.0)  # 0.5 per litre; one litre per kg is accepted
    assert c.compared_with == "ex_vat (VAT is a gap)"
    assert (c.ratio_low, c.ratio_high) == (pytest.approx(2.0), pytest.approx(4.0))
    assert compare(cost, None, 1.0, 2.0).compared_with == "none"
