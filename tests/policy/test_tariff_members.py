"""Tariff scenario: a WAEMU member outside ECOWAS, the scenario's own gaps, non-default margin.

SYNTHETIC unit values (2.0 EUR/kg SMP), labelled as such; local prices as in test_tariffs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators import price_tables
from fairmilk.indicators.dumping import UnitValue
from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.perlitre_table import PerLitreInputs
from fairmilk.indicators.price_tables import west_africa
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.taxes import TaxMeasure, tax_measures
from fairmilk.indicators.units import RateTable
from fairmilk.outputs.i18n import catalog
from fairmilk.policy.tariffs import (
    TariffScenario,
    import_response,
    scenario_note,
    simulate_tariffs,
    tariff_frame,
    tariff_scenario_table,
)
from fairmilk.reference.geo import members
from fairmilk.store.prices import load_price_reference


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


@pytest.mark.parametrize(
    ("scenario", "message"),
    [
        (TariffScenario(duty_pct={"smp": 12.0}), "smp: duty must be a CET band"),
        (TariffScenario(levy_pct={"waemu_pcs": 100.1}), "waemu_pcs: expected a levy"),
        (TariffScenario(levy_pct={"waemu_pcs": -0.1}), "waemu_pcs: expected a levy"),
        (TariffScenario(levy_pct={"cet_0402_bulk": 1.0}), "cet_0402_bulk: expected a levy"),
        (TariffScenario(include=("no_such",)), "unknown measure 'no_such'"),
        (TariffScenario(elasticities=(-1.0, 0.1)), "import-demand elasticities must be <= 0"),
    ],
)
def test_scenarios_refused_with_a_reason(scenario: TariffScenario, message: str) -> None:
    with pytest.raises(ParameterError, match=f"^{message}"):
        scenario.check(tax_measures())


def test_scenario_edges_accepted() -> None:
    for scenario in (TariffScenario(levy_pct={"waemu_pcs": 0.0}, elasticities=(0.0,)),
                     TariffScenario(levy_pct={"waemu_pcs": 100.0}),
                     TariffScenario(duty_pct={"smp": 0.0, "wmp": 35.0})):  # fmt: skip
        scenario.check(tax_measures())


def test_tariff_table_columns_notes_and_sources() -> None:
    scenario = TariffScenario(duty_pct={"smp": 10.0}, levy_pct={"waemu_pcs": 2.0},
                              elasticities=(-0.5, -1.5))  # fmt: skip
    rows = simulate_tariffs(inputs("BF", 2019), scenario, countries=["BF"], powders=["smp"])
    frame = tariff_frame(rows, scenario)
    (rec,) = frame.records()
    assert frame.columns[-2:] == ["imports_pct_e-0.5", "imports_pct_e-1.5"]
    head = (rec["country"], rec["category"], rec["year"], rec["currency"])
    assert head == ("BF", "smp", 2019, "XOF")
    assert (rec["duty_base_pct"], rec["duty_scenario_pct"]) == (5.0, 10.0)
    assert (rec["levy_base_pct"], rec["levy_scenario_pct"]) == (pytest.approx(2.5),
                                                                pytest.approx(3.5))  # fmt: skip
    # landed before VAT (a gap in Burkina): CIF × (1 + duty + levies)
    ratio = 1.135 / 1.075
    assert rec["change_pct"] == pytest.approx(100 * (ratio - 1))
    assert rec["imports_pct_e-0.5"] == pytest.approx(100 * (ratio**-0.5 - 1))
    assert rec["imports_pct_e-1.5"] == pytest.approx(100 * (ratio**-1.5 - 1))
    assert (rec["local_price_low"], rec["local_price_high"]) == (600.0, 600.0)
    assert rec["gap_base_high"] == pytest.approx(600.0 - rec["landed_base_per_litre"])
    assert set(frame.sources) == set(rows[0].base.stack.sources)  # type: ignore[union-attr]
    assert any("MODEL OUTPUT" in n for n in frame.notes)
    assert "waemu_pcs 2 %" in frame.notes[1]
    assert "-0.5 / -1.5" in frame.notes[2]
    french = catalog("fr")
    for text in [frame.title, *frame.notes]:
        assert getattr(text, "template", text) in french, text


def test_scenario_note_says_what_changes() -> None:
    note = scenario_note(TariffScenario(levy_pct={"waemu_pcs": None}, include=("ecowas_cil",)))
    assert note == "Scenario: CET unchanged; levies waemu_pcs removed; added ecowas_cil."


def test_import_response_edges() -> None:
    assert import_response(0.0, 1.0, -1.0) is None  # no base price: no response
    assert import_response(1.0, None, -1.0) is None
    assert import_response(2.0, 2.0, -1.5) == 0.0


def _inputs_for(
    prices: dict[tuple[str, int], tuple[float, str]], uv: float = 2.0
) -> PerLitreInputs:
    """SYNTHETIC unit values (``uv`` EUR/kg of SMP and WMP) with the local prices given."""
    local = [PricePoint("local_fresh_price", c, str(y), y, None, v, v, v, unit,
                        "https://example.org/local", "test", stage="consumer")
             for (c, y), (v, unit) in prices.items()]  # fmt: skip
    return PerLitreInputs(
        unit_values={(c, p, y): uv for (c, y) in prices for p in ("smp", "wmp")},
        local_prices=local,
        measures=tax_measures(),
        regions_of=lambda c, y: [r for r in ("ecowas", "waemu") if c in members(r, y)],
        litres_per_kg={"smp": 9.9, "wmp": 8.0},
        rates=RateTable(),
    )


def test_scenario_band_applies_in_an_ecowas_only_country_and_keeps_other_powders() -> None:
    inputs = _inputs_for({("GH", 2019): (5.0, "GHS/L")})
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))
    smp, wmp = simulate_tariffs(inputs, scenario, countries=["GH"], powders=["smp", "wmp"])
    assert smp.scenario.stack is not None
    assert wmp.scenario.stack is not None
    assert smp.scenario.stack.duty_pct == 20.0  # Ghana is in ECOWAS, not in WAEMU
    assert wmp.scenario.stack.duty_pct == 5.0  # only SMP was moved
    assert "scenario_cet_smp" in smp.scenario.stack.measures
    assert "scenario" in smp.scenario.stack.sources  # the band is the scenario's, not a law


def test_a_scenario_band_overrides_an_included_proposal_for_its_powder() -> None:
    scenario = TariffScenario(duty_pct={"smp": 20.0}, include=("proposal_cet_35",),
                              elasticities=(-1.0,))  # fmt: skip
    smp, wmp = simulate_tariffs(_inputs_for({("BF", 2019): (600.0, "XOF/L")}), scenario,
                                countries=["BF"], powders=["smp", "wmp"])  # fmt: skip
    assert smp.scenario.stack is not None
    assert wmp.scenario.stack is not None
    assert (smp.scenario.stack.duty_pct, wmp.scenario.stack.duty_pct) == (20.0, 35.0)


def test_an_included_measure_applies_whatever_its_dates() -> None:
    future = TaxMeasure("future_levy", "levy", ("ecowas",), ("all",), 1.0, date(2030, 1, 1),
                        date(2031, 1, 1), "planned", "https://example.org/plan")  # fmt: skip
    inputs = _inputs_for({("BF", 2019): (600.0, "XOF/L")})
    inputs = replace(inputs, measures=[*inputs.measures, future])
    scenario = TariffScenario(include=("future_levy",), elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs, scenario, countries=["BF"], powders=["smp"])
    assert row.base.stack is not None
    assert row.scenario.stack is not None
    assert row.scenario.stack.levy_pct == pytest.approx(row.base.stack.levy_pct + 1.0)


def test_the_year_asked_for_is_used_for_base_and_scenario() -> None:
    inputs = _inputs_for({("BF", 2019): (600.0, "XOF/L"), ("BF", 2020): (650.0, "XOF/L")})
    scenario = TariffScenario(duty_pct={"smp": 10.0}, elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs, scenario, countries=["BF"], powders=["smp"], year=2019)
    assert (row.base.year, row.scenario.year) == (2019, 2019)
    assert (row.base.local_low, row.scenario.local_low) == (600.0, 600.0)


def test_rows_without_a_comparison_stay_gaps_in_the_table() -> None:
    scenario = TariffScenario(duty_pct={"smp": 10.0}, elasticities=(-1.0,))
    free = _inputs_for({("BF", 2019): (600.0, "XOF/L")}, uv=0.0)  # a zero landed cost
    no_price = _inputs_for({("BF", 2019): (600.0, "XOF/L")})
    rows = [*simulate_tariffs(free, scenario, countries=["BF"], powders=["smp"]),
            *simulate_tariffs(no_price, scenario, countries=["SN"], powders=["smp"])]  # fmt: skip
    zero, none = tariff_frame(rows, scenario).records()
    assert zero["landed_base_per_litre"] == 0.0
    assert (zero["change_pct"], zero["imports_pct_e-1"]) == (None, None)
    assert none["country"] == "SN"  # no local price for Senegal: no year, no stack, no landed
    assert (none["duty_base_pct"], none["duty_scenario_pct"]) == (None, None)
    assert (none["landed_base_per_litre"], none["change_pct"]) == (None, None)
    assert (none["gap_base_low"], none["gap_scenario_high"]) == (None, None)


def test_scenario_note_with_bands_only() -> None:
    note = scenario_note(TariffScenario(duty_pct={"smp": 35.0, "wmp": 20.0}))
    assert note == "Scenario: CET smp 35 %, wmp 20 %; levies unchanged; added none."
    levies = scenario_note(TariffScenario(levy_pct={"waemu_pcs": 2.0, "ecowas_pc": None}))
    assert levies == "Scenario: CET unchanged; levies waemu_pcs 2 %, ecowas_pc removed; added none."


def test_import_response_below_one_unit() -> None:
    assert import_response(0.5, 0.55, -1.0) == pytest.approx(100 * (1.1**-1 - 1))


def test_no_change_when_the_base_duty_is_a_gap() -> None:
    inputs = _inputs_for({("BF", 2019): (600.0, "XOF/L")})
    no_duty = [m for m in inputs.measures if m.measure != "cet_0402_bulk"]  # base duty: a gap
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))
    rows = simulate_tariffs(replace(inputs, measures=no_duty), scenario, countries=["BF"],
                            powders=["smp"])  # fmt: skip
    (rec,) = tariff_frame(rows, scenario).records()
    assert (rec["duty_base_pct"], rec["duty_scenario_pct"]) == (None, 20.0)
    assert rec["landed_base_per_litre"] is None
    assert rec["landed_scenario_per_litre"] is not None
    assert (rec["change_pct"], rec["imports_pct_e-1"]) == (None, None)


def test_an_included_expired_measure_applies_too() -> None:
    old = TaxMeasure("old_levy", "levy", ("ecowas",), ("all",), 1.0, date(2000, 1, 1),
                     date(2010, 12, 31), "expired", "https://example.org/old")  # fmt: skip
    inputs = _inputs_for({("BF", 2019): (600.0, "XOF/L")})
    inputs = replace(inputs, measures=[*inputs.measures, old])
    scenario = TariffScenario(include=("old_levy",), elasticities=(-1.0,))
    (row,) = simulate_tariffs(inputs, scenario, countries=["BF"], powders=["smp"])
    assert row.base.stack is not None
    assert row.scenario.stack is not None
    assert row.scenario.stack.levy_pct == pytest.approx(row.base.stack.levy_pct + 1.0)


def test_scenario_note_lists_every_added_measure() -> None:
    note = scenario_note(TariffScenario(include=("ecowas_cil", "proposal_cet_35")))
    assert note == "Scenario: CET unchanged; levies unchanged; added ecowas_cil, proposal_cet_35."


def test_scenario_table_from_the_store(con: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ParameterError, match=r"^smp: duty must be a CET band"):
        tariff_scenario_table(con, TariffScenario(duty_pct={"smp": 12.0}))
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))
    frame = tariff_scenario_table(con, scenario, countries=["BF", "GH"], powders=["smp"])
    # an empty store: no local price, so every row is a gap, said so, and nothing is synthetic
    assert [(r["country"], r["category"], r["year"]) for r in frame.records()] == [
        ("BF", "smp", None), ("GH", "smp", None),
    ]  # fmt: skip
    assert frame.synthetic is False
    assert frame.notes[0] == "MODEL OUTPUT (fairmilk tariff scenario, not an official projection)"
    every = tariff_scenario_table(con, scenario, powders=["smp"])
    assert [r["country"] for r in every.records()] == west_africa()


def test_synthetic_unit_values_label_the_scenario_table(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    synthetic = [UnitValue(2019, "smp", "BF", 2000.0, "SYNTHETIC test unit value", True)]
    monkeypatch.setattr(
        price_tables,
        "eu_powder_unit_values",
        lambda con, destinations: (synthetic, ["https://example.org/syn"], True),
    )
    # no real unit value (FAOSTAT's would be preferred): only the synthetic one is left
    monkeypatch.setattr(price_tables, "_fao_unit_values", lambda con, countries: {})
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))
    frame = tariff_scenario_table(con, scenario, countries=["BF"], powders=["smp"], year=2019)
    assert frame.synthetic is True
    # the latest year (2021) has a local price but no unit value: no synthetic figure is used
    latest = tariff_scenario_table(con, scenario, countries=["BF"], powders=["smp"])
    assert latest.synthetic is False
    assert "https://example.org/syn" in frame.sources


def test_scenario_table_reads_the_stage_year_and_parameters_asked_for(
    con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_price_reference(con)  # Burkina: consumer prices 2019 and 2021, processor sale 2019
    uvs = [
        UnitValue(y, "smp", "BF", 2000.0, "SYNTHETIC test unit value", True) for y in (2019, 2021)
    ]
    monkeypatch.setattr(
        price_tables,
        "eu_powder_unit_values",
        lambda con, destinations: (uvs, ["https://example.org/syn"], True),
    )
    scenario = TariffScenario(duty_pct={"smp": 20.0}, elasticities=(-1.0,))

    def one(**options: object) -> dict[str, object]:
        frame = tariff_scenario_table(con, scenario, countries=["BF"], powders=["smp"],
                                      **options)  # type: ignore[arg-type]  # fmt: skip
        assert "https://example.org/syn" in frame.sources
        assert any("douanes.sn" in s for s in frame.sources)  # the WAEMU levies' source
        (rec,) = frame.records()
        return rec

    plain = one(year=2019)
    assert (plain["year"], plain["local_price_high"]) == (2019, 600.0)
    sale = one(year=2019, params=PerLitreParams(stage="processor_sale", margin_pct=10.0))
    assert (sale["local_price_low"], sale["local_price_high"]) == (400.0, 400.0)
    landed = (sale["landed_base_per_litre"], plain["landed_base_per_litre"])
    assert landed[0] == pytest.approx(1.1 * landed[1])  # the 10 % margin
