"""Per-litre comparison: tax stacks from the reference file, landed cost by hand, invariants."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.errors import ParameterError
from fairmilk.indicators.perlitre import LandedCost, PerLitreParams, compare, landed_cost
from fairmilk.indicators.perlitre_table import (
    PerLitreInputs,
    UnitValueOrigin,
    per_litre_frame,
    per_litre_rows,
)
from fairmilk.indicators.prices import PricePoint
from fairmilk.indicators.taxes import TaxStack, tax_measures, tax_stack
from fairmilk.indicators.units import XOF_PER_EUR, Rate, RateTable
from fairmilk.reference.geo import members


def regions(country: str, year: int) -> list[str]:
    return [r for r in ("ecowas", "waemu") if country in members(r, year)]


def stack(country: str, on: date, category: str = "smp") -> TaxStack:
    return tax_stack(
        tax_measures(), country=country, regions=regions(country, on.year), category=category, on=on
    )


@pytest.mark.parametrize(
    ("country", "on", "duty", "levies", "vat"),
    [
        ("CI", date(2024, 7, 1), 5.0, 2.5, 9.0),  # PC 0.5 + PCS 1 + RS 1; milk VAT 9 %
        ("SN", date(2024, 7, 1), 5.0, 5.5, None),  # + PROMAD 3 %; VAT on powder is a gap
        ("SN", date(2020, 7, 1), 5.0, 2.5, None),  # before PROMAD (Aug 2021)
        ("ML", date(2024, 7, 1), 5.0, 2.7, None),  # + AU levy 0.2 %
        ("BF", date(2025, 7, 1), 5.0, 2.5, None),  # left ECOWAS: PCS 1 + RS 1 + AES 0.5
        ("NG", date(2023, 7, 1), 5.0, 0.5, 0.0),  # milk VAT-exempt since Feb 2020
        ("NG", date(2019, 7, 1), 5.0, 0.5, 5.0),  # 5 % VAT on dairy lines before
        ("GH", date(2024, 7, 1), 5.0, 0.5, None),  # no VAT source read: gap
        ("CI", date(2011, 7, 1), 5.0, 2.5, 9.0),  # WAEMU CET 5 % (2000-2014); VAT 9 % from 2011
        ("GW", date(2006, 7, 1), 5.0, 2.5, None),  # WAEMU CET; no VAT source for Guinea-Bissau
        ("MR", date(2020, 7, 1), None, 0.0, None),  # own tariff: duty and VAT are gaps
    ],
)
def test_tax_stacks_from_the_reference_file(
    country: str, on: date, duty: float, levies: float, vat: float | None
) -> None:
    s = stack(country, on)
    assert (s.duty_pct, s.levy_pct, s.vat_pct) == (duty, pytest.approx(levies), vat)


@pytest.mark.parametrize(
    ("on", "duty_measure"),
    [
        (date(2000, 1, 1), "waemu_cet_0402_bulk"),
        (date(2014, 12, 31), "waemu_cet_0402_bulk"),
        (date(2015, 1, 1), "cet_0402_bulk"),
    ],
)
def test_the_ecowas_cet_replaces_the_waemu_cet_on_1_january_2015(
    on: date, duty_measure: str
) -> None:
    s = stack("CI", on)
    duties = [m for m in s.measures if m in ("waemu_cet_0402_bulk", "cet_0402_bulk")]
    assert duties == [duty_measure]
    assert s.duty_pct == 5.0


def test_no_duty_before_the_waemu_cet() -> None:
    assert stack("CI", date(1999, 12, 31)).duty_pct is None  # no source read for the 1990s


WEST_AFRICA_16 = ("BF", "BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR", "ML", "MR", "NE", "NG",
                  "SL", "SN", "TG")  # fmt: skip


def test_no_day_has_two_duties_in_force() -> None:
    """Two duty rows on the same day would be added up: each country and category has one."""
    measures = [m for m in tax_measures() if m.kind == "duty" and m.status == "in_force"]
    for year in range(1996, 2027):
        for on in (date(year, 1, 1), date(year, 7, 1), date(year, 12, 31)):
            for country in WEST_AFRICA_16:
                for category in ("smp", "wmp", "ffmp"):
                    where = regions(country, on.year)
                    live = [m.measure for m in measures if m.applies(country, where, category, on)]
                    assert len(live) <= 1, (country, category, on, live)


def test_proposals_count_only_when_included() -> None:
    on = date(2024, 7, 1)
    base = stack("SN", on)
    assert "proposal_cet_35" not in base.measures
    with_prop = tax_stack(tax_measures(), country="SN", regions=regions("SN", 2024),
                          category="smp", on=on, include=["proposal_cet_35"])  # fmt: skip
    assert with_prop.duty_pct == 35.0  # the proposed band replaces the band in force
    assert with_prop.levy_pct == base.levy_pct


def test_landed_cost_by_hand() -> None:
    s = TaxStack(5.0, 2.5, 9.0, (), (), ())
    cost = landed_cost(2.0, s, litres_per_kg=9.9, params=PerLitreParams())
    assert cost.cif_eur_per_kg == pytest.approx(2.228)  # + 11.4 % freight
    assert cost.duty_eur_per_kg == pytest.approx(0.1114)
    assert cost.levies_eur_per_kg == pytest.approx(0.0557)
    assert cost.landed_ex_vat_eur_per_kg == pytest.approx(2.3951)
    assert cost.landed_eur_per_kg == pytest.approx(2.610659)
    assert cost.eur_per_litre == pytest.approx(2.610659 / 9.9)
    c = compare(cost, XOF_PER_EUR, 600.0, 600.0)
    landed_xof = 2.610659 / 9.9 * XOF_PER_EUR  # 172.98 XOF per litre
    assert c.landed_per_litre == pytest.approx(landed_xof)
    assert c.gap_low == pytest.approx(600 - landed_xof)
    assert c.ratio_high == pytest.approx(600 / landed_xof)
    assert c.compared_with == "incl_vat"


def test_vat_gap_compares_before_vat_and_says_so() -> None:
    cost = landed_cost(2.0, TaxStack(5.0, 2.5, None, (), (), ()), litres_per_kg=8.0,
                       params=PerLitreParams())  # fmt: skip
    assert cost.landed_eur_per_kg is None
    assert compare(cost, 1.0, 1.0, 1.0).compared_with.startswith("ex_vat")


def test_bad_parameters() -> None:
    s = TaxStack(5.0, 2.5, 9.0, (), (), ())
    with pytest.raises(ParameterError):
        landed_cost(2.0, s, litres_per_kg=0.0, params=PerLitreParams())
    with pytest.raises(ParameterError):
        landed_cost(2.0, s, litres_per_kg=8.0, params=PerLitreParams(freight_pct=-1))


@given(
    fob=st.floats(min_value=0.01, max_value=20),
    a=st.floats(min_value=0, max_value=100),
    b=st.floats(min_value=0, max_value=100),
    levy=st.floats(min_value=0, max_value=10),
)
def test_a_higher_tariff_never_lowers_the_landed_price(
    fob: float, a: float, b: float, levy: float
) -> None:
    low, high = sorted((a, b))
    params = PerLitreParams()
    cheap = landed_cost(fob, TaxStack(low, levy, 18.0, (), (), ()), litres_per_kg=8, params=params)
    dear = landed_cost(fob, TaxStack(high, levy, 18.0, (), (), ()), litres_per_kg=8, params=params)
    assert isinstance(dear, LandedCost)
    assert (dear.eur_per_litre or 0) >= (cheap.eur_per_litre or 0)


def local_price(country: str, value: float, unit: str, year: int) -> PricePoint:
    return PricePoint("local_fresh_price", country, str(year), year, None, value, value, value,
                      unit, "https://example.org", "test", stage="consumer")  # fmt: skip


def synthetic_inputs() -> PerLitreInputs:
    """SYNTHETIC unit values (2.0 EUR/kg SMP) with the real VSF Burkina local price 2019."""
    return PerLitreInputs(
        unit_values={("BF", "smp", 2019): 2.0},
        local_prices=[
            local_price("BF", 600.0, "XOF/L", 2019),
            local_price("BF", 0.91, "EUR/L", 2019),
        ],
        measures=tax_measures(),
        regions_of=regions,
        litres_per_kg={"smp": 9.9, "wmp": 8.0},
        rates=RateTable(),
    )


def test_rows_for_burkina_2019() -> None:
    rows = per_litre_rows(["BF", "GH"], ["smp", "wmp"], synthetic_inputs(), params=PerLitreParams())
    bf = rows[0]
    assert (bf.country, bf.category, bf.year, bf.currency, bf.local_count) == (
        "BF",
        "smp",
        2019,
        "XOF",
        2,
    )
    assert bf.local_low == pytest.approx(0.91 * XOF_PER_EUR)  # 596.92: the lower of the two
    assert bf.local_high == 600.0
    ex_vat = 2.0 * 1.114 * (1 + 0.05 + 0.025) / 9.9 * XOF_PER_EUR  # VAT on powder is a gap
    assert bf.comparison is not None
    assert bf.comparison.landed_per_litre == pytest.approx(ex_vat)
    assert bf.comparison.compared_with.startswith("ex_vat")
    assert any("vat_bf_milk_powder" in n for n in bf.notes)
    wmp = rows[1]
    assert wmp.comparison is None
    assert any("no unit value of wmp for BF in 2019" in n for n in wmp.notes)
    gh = rows[2]
    assert gh.year is None
    assert gh.comparison is None


def test_unknown_stage_is_refused() -> None:
    with pytest.raises(ParameterError, match="stage"):
        per_litre_rows(["BF"], ["smp"], synthetic_inputs(), params=PerLitreParams(stage="retail"))


def test_missing_rate_leaves_a_gap_with_a_note() -> None:
    inputs = synthetic_inputs()
    ng = local_price("NG", 500.0, "NGN/L", 2019)
    unit_values = {**inputs.unit_values, ("NG", "smp", 2019): 2.0}
    no_rates = PerLitreInputs(
        unit_values, [ng], inputs.measures, regions, inputs.litres_per_kg, RateTable()
    )
    (row,) = per_litre_rows(["NG"], ["smp"], no_rates, params=PerLitreParams())
    assert row.comparison is not None
    assert row.comparison.landed_per_litre is None
    assert any("no exchange rate for NGN" in n for n in row.notes)


def test_a_cif_unit_value_gets_no_freight() -> None:
    s = TaxStack(5.0, 2.5, None, (), (), ())
    fob = landed_cost(2.0, s, litres_per_kg=9.9, params=PerLitreParams())
    cif = landed_cost(2.0, s, litres_per_kg=9.9, params=PerLitreParams(), basis="CIF")
    assert fob.cif_eur_per_kg == pytest.approx(2.0 * 1.114)
    assert cif.cif_eur_per_kg == pytest.approx(2.0)  # an importer's CIF value: freight included
    assert cif.ex_vat_eur_per_litre == pytest.approx(2.0 * 1.075 / 9.9)
    with pytest.raises(ParameterError, match="basis"):
        landed_cost(2.0, s, litres_per_kg=9.9, params=PerLitreParams(), basis="EXW")


def fao_inputs() -> PerLitreInputs:
    """A real FAO unit value in 2018, a SYNTHETIC EU one in 2019, local prices in both years."""
    fao = UnitValueOrigin("fao_import", "CIF", citation="https://www.fao.org/faostat/en/#data/TCL")
    sample = UnitValueOrigin("comext", "FOB", synthetic=True)
    return PerLitreInputs(
        unit_values={("SN", "smp", 2018): 1.8, ("SN", "smp", 2019): 2.0},
        local_prices=[
            local_price("SN", 300.0, "XOF/L", 2018),
            local_price("SN", 666.1, "USD/t", 2019),
        ],
        measures=tax_measures(),
        regions_of=regions,
        litres_per_kg={"smp": 9.9},
        rates=RateTable(),
        origins={("SN", "smp", 2018): fao, ("SN", "smp", 2019): sample},
        litres_sources={"smp": "https://example.org/litres"},
    )


def test_the_year_with_a_real_unit_value_is_preferred() -> None:
    (row,) = per_litre_rows(["SN"], ["smp"], fao_inputs(), params=PerLitreParams())
    assert row.year == 2018  # 2019 has a local price but only a synthetic unit value
    assert row.origin is not None
    assert row.origin.label() == "fao_import (CIF)"
    assert row.litres_per_kg == 9.9
    # CIF 1.8 EUR/kg, duty 5 % + levies 2.5 % (VAT on powder a gap) / 9.9 L, at the XOF peg
    assert row.comparison is not None
    assert row.comparison.landed_per_litre == pytest.approx(1.8 * 1.075 / 9.9 * XOF_PER_EUR)
    frame = per_litre_frame([row], PerLitreParams(), litres_sources=fao_inputs().litres_sources)
    assert frame.records()[0]["unit_value_source"] == "fao_import (CIF)"
    assert "https://www.fao.org/faostat/en/#data/TCL" in frame.sources
    assert "Litres of milk per kg of smp = 9.9: https://example.org/litres" in frame.sources


def test_a_synthetic_unit_value_is_labelled() -> None:
    (row,) = per_litre_rows(["SN"], ["smp"], fao_inputs(), params=PerLitreParams(), year=2019)
    assert row.origin is not None
    assert row.origin.label() == "comext (FOB) SYNTHETIC"
    assert any("SYNTHETIC" in n for n in row.notes)


def test_a_price_per_tonne_is_converted_per_litre_at_the_stated_density() -> None:
    inputs = fao_inputs()
    (row,) = per_litre_rows(["SN"], ["smp"], inputs, params=PerLitreParams(), year=2019)
    # 666.1 USD/t -> XOF/L needs EUR per USD of 2019: none in an empty RateTable
    assert row.local_low is None
    assert any("no exchange rate" in n for n in row.notes)
    rates = RateTable()
    rates.add(Rate("EUR", 2019, 0.8933, "test"))
    with_rates = PerLitreInputs(**{**_fields(inputs), "rates": rates})
    (row,) = per_litre_rows(["SN"], ["smp"], with_rates, params=PerLitreParams(), year=2019)
    assert row.local_low == pytest.approx(666.1 / 1000 * 1.03 * 0.8933 * XOF_PER_EUR)


def _fields(inputs: PerLitreInputs) -> dict[str, object]:
    return {name: getattr(inputs, name) for name in inputs.__dataclass_fields__}


def test_any_stage_takes_the_latest_real_year_and_never_mixes_stages() -> None:
    fao = UnitValueOrigin("fao_import", "CIF")
    inputs = PerLitreInputs(
        unit_values={("BF", "smp", 2005): 2.0, ("BF", "smp", 2019): 1.9},
        local_prices=[
            PricePoint(
                "local_fresh_price",
                "BF",
                "2005",
                2005,
                None,
                250.0,
                250.0,
                250.0,
                "XOF/L",
                "https://example.org/p",
                "test",
                stage="producer",
            ),
            local_price("BF", 600.0, "XOF/L", 2019),  # consumer
            PricePoint(
                "local_fresh_price",
                "BF",
                "2019",
                2019,
                None,
                300.0,
                300.0,
                300.0,
                "XOF/L",
                "https://example.org/p",
                "test",
                stage="wholesale",
            ),
        ],
        measures=tax_measures(),
        regions_of=regions,
        litres_per_kg={"smp": 9.9},
        rates=RateTable(),
        origins={("BF", "smp", 2005): fao, ("BF", "smp", 2019): fao},
    )
    (row,) = per_litre_rows(["BF"], ["smp"], inputs, params=PerLitreParams())
    assert (row.year, row.stage) == (2019, "consumer")  # latest year; consumer before wholesale
    assert (row.local_low, row.local_high, row.local_count) == (600.0, 600.0, 1)
    (row,) = per_litre_rows(["BF"], ["smp"], inputs, params=PerLitreParams(stage="producer"))
    assert (row.year, row.stage, row.local_low) == (2005, "producer", 250.0)
