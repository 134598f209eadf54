"""Tariff scenario: a WAEMU member outside ECOWAS, the scenario's own gaps, non-default margin.

SYNTHETIC unit values (2.0 EUR/kg SMP), labelled as such; local prices as in test_tariffs.
"""

from __future__ import annotations

import pytest

from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.perlitre_table import PerLitreInputs
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.taxes import tax_measures
from fairmilk.indicators.units import RateTable
from fairmilk.policy.tariffs import TariffScenario, simulate_tariffs, tariff_frame
from fairmilk.reference.geo import members


def inputs(country: str, year: int) -> PerLitreInputs:
    """SYNTHETIC unit value 2.0 EUR/kg of SMP with a local price of 600 XOF per litre."""
    local = PricePoint("local_fresh_price", country, str(year), year, None, 600.0, 600.0, 600.0,
                       "XOF/L", "https://example.org/local", "test", stage="consumer")  # fmt: skip
    return PerLitreInputs(
        unit_values={(country, "smp", year): 2.0},
        local_prices=[local],
        measures=tax_measures(),
        regions_of=lambda c, y: [r for r in ("ecowas", "waemu") if c in members(r, y)],
        litres_per_kg={"smp": 9.9},
        rates=RateTable(),
    )


def test_scenario_band_applies_in_mali_after_it_left_ecowas() -> None:
    # Mali left ECOWAS on 2025-01-29 and stays in WAEMU, whose CET is the same: the
    # scenario band reaches it through WAEMU.
    # Levies 2025: WAEMU PCS 1 + RS 1 + AES 0.5 + AU 0.2 (no ECOWAS PC any more).
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs("ML", 2025), scenario, countries=["ML"], powders=["smp"])
    assert row.base.stack is not None
    assert row.scenario.stack is not None
    assert (row.base.stack.duty_pct, row.scenario.stack.duty_pct) == (5.0, 20.0)
    assert row.scenario.stack.levy_pct == pytest.approx(2.7)
    base, new = row.base.comparison, row.scenario.comparison
    assert base is not None
    assert new is not None
    assert new.landed_per_litre / base.landed_per_litre == pytest.approx(1.227 / 1.077)


def test_scenario_gaps_are_the_scenario_s_own() -> None:
    scenario = TariffScenario(duty_pct={"smp": 35.0}, elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs("BF", 2019), scenario, countries=["BF"], powders=["smp"])
    base, new = row.base.comparison, row.scenario.comparison
    assert base is not None
    assert new is not None
    rec = tariff_frame([row], scenario).records()[0]
    assert rec["gap_base_low"] == pytest.approx(600.0 - base.landed_per_litre)
    assert rec["gap_scenario_low"] == pytest.approx(600.0 - new.landed_per_litre)
    assert rec["gap_scenario_high"] == pytest.approx(600.0 - new.landed_per_litre)
    # a 35 % band instead of 5 % raises the landed litre by 30 % of CIF: a smaller gap
    assert rec["gap_scenario_low"] < rec["gap_base_low"]
    assert (rec["duty_base_pct"], rec["duty_scenario_pct"]) == (5.0, 35.0)
    assert rec["landed_scenario_per_litre"] == pytest.approx(new.landed_per_litre)


def test_removing_a_levy_leaves_the_duty_and_lowers_the_landed_price() -> None:
    scenario = TariffScenario(levy_pct={"waemu_pcs": None}, elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs("BF", 2019), scenario, countries=["BF"], powders=["smp"])
    assert row.base.stack is not None
    assert row.scenario.stack is not None
    assert row.scenario.stack.duty_pct == row.base.stack.duty_pct == 5.0
    assert row.scenario.stack.levy_pct == pytest.approx(1.5)  # ECOWAS PC 0.5 + WAEMU RS 1
    assert "waemu_pcs" in row.base.stack.measures
    assert "waemu_pcs" not in row.scenario.stack.measures  # removed, not kept at no rate
    base, new = row.base.comparison, row.scenario.comparison
    assert base is not None
    assert new is not None
    assert new.landed_per_litre / base.landed_per_litre == pytest.approx(1.065 / 1.075)


def test_margin_raises_base_and_scenario_alike() -> None:
    # a 10 % trade margin multiplies the landed cost before VAT by 1.10
    scenario = TariffScenario(duty_pct={"smp": 10.0}, elasticities=(-1.0,))
    plain = simulate_tariffs(inputs("BF", 2019), scenario, countries=["BF"], powders=["smp"])
    margin = simulate_tariffs(inputs("BF", 2019), scenario, countries=["BF"], powders=["smp"],
                              params=PerLitreParams(margin_pct=10.0))  # fmt: skip
    for a, b in ((plain[0].base, margin[0].base), (plain[0].scenario, margin[0].scenario)):
        assert a.comparison is not None
        assert b.comparison is not None
        assert b.comparison.landed_per_litre == pytest.approx(a.comparison.landed_per_litre * 1.1)
