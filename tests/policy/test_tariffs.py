"""ECOWAS tariff scenario on SYNTHETIC unit values (2.0 EUR/kg SMP, labelled as such)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.errors import ParameterError
from fairmilk.indicators.perlitre_table import PerLitreInputs
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.taxes import CET_BANDS, tax_measures
from fairmilk.indicators.units import RateTable
from fairmilk.policy.tariffs import TariffScenario, import_response, simulate_tariffs, tariff_frame
from fairmilk.reference.geo import members


def inputs() -> PerLitreInputs:
    """SYNTHETIC unit value 2.0 EUR/kg with the VSF Burkina 2019 local price (600 XOF/L)."""
    url = "https://veterinairessansfrontieres.be"
    local = PricePoint("local_fresh_price", "BF", "2019", 2019, None, 600.0, 600.0, 600.0,
                       "XOF/L", url, "test", stage="consumer")  # fmt: skip
    return PerLitreInputs(
        unit_values={("BF", "smp", 2019): 2.0},
        local_prices=[local],
        measures=tax_measures(),
        regions_of=lambda c, y: [r for r in ("ecowas", "waemu") if c in members(r, y)],
        litres_per_kg={"smp": 9.9},
        rates=RateTable(),
    )


def test_moving_smp_to_35_percent_by_hand() -> None:
    scenario = TariffScenario(duty_pct={"smp": 35.0}, elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs(), scenario, countries=["BF"], powders=["smp"])
    base, new = row.base.comparison, row.scenario.comparison
    assert base is not None
    assert new is not None
    # levies 2.5 % (PC, PCS, RS); VAT on powder in Burkina is a gap -> before VAT
    assert new.landed_per_litre / base.landed_per_litre == pytest.approx(1.375 / 1.075)
    assert row.import_change_pct[0] == pytest.approx(100 * (1.075 / 1.375 - 1))  # -21.8 %
    assert new.gap_low < base.gap_low
    frame = tariff_frame([row], scenario)
    assert frame.records()[0]["change_pct"] == pytest.approx(100 * (1.375 / 1.075 - 1))
    assert any("MODEL OUTPUT" in n for n in frame.notes)


def test_removing_a_levy_and_adding_the_planned_one() -> None:
    scenario = TariffScenario(levy_pct={"waemu_pcs": None}, include=("ecowas_cil",))
    (row,) = simulate_tariffs(inputs(), scenario, countries=["BF"], powders=["smp"])
    assert row.base.stack is not None
    assert row.scenario.stack is not None
    assert row.base.stack.levy_pct == pytest.approx(2.5)
    assert row.scenario.stack.levy_pct == pytest.approx(2.5 - 1.0 + 1.5)
    assert row.scenario.stack.duty_pct == row.base.stack.duty_pct == 5.0  # levies only


@pytest.mark.parametrize(
    "scenario",
    [
        TariffScenario(duty_pct={"smp": 36.0}),
        TariffScenario(levy_pct={"no_such_levy": 1.0}),
        TariffScenario(levy_pct={"vat_ci_milk": 1.0}),
        TariffScenario(elasticities=(0.5,)),
    ],
)
def test_bad_scenarios(scenario: TariffScenario) -> None:
    with pytest.raises(ParameterError):
        simulate_tariffs(inputs(), scenario, countries=["BF"], powders=["smp"])


@given(st.sampled_from(CET_BANDS), st.sampled_from(CET_BANDS))
def test_a_higher_band_never_lowers_the_landed_price(a: float, b: float) -> None:
    low, high = sorted((a, b))
    landed = []
    for band in (low, high):
        (row,) = simulate_tariffs(inputs(), TariffScenario(duty_pct={"smp": band}),
                                  countries=["BF"], powders=["smp"])  # fmt: skip
        assert row.scenario.comparison is not None
        landed.append(row.scenario.comparison.landed_per_litre)
    assert landed[1] >= landed[0]


def test_import_response() -> None:
    assert import_response(100.0, 110.0, -1.5) == pytest.approx(100 * (1.1**-1.5 - 1))
    assert import_response(None, 110.0, -1.0) is None


def test_including_the_35_percent_proposal_replaces_the_band() -> None:
    scenario = TariffScenario(include=("proposal_cet_35",))
    (row,) = simulate_tariffs(inputs(), scenario, countries=["BF"], powders=["smp"])
    assert row.scenario.stack is not None
    assert row.scenario.stack.duty_pct == 35.0
