"""Units and currencies: parsing, hand-checked conversions, round trips, clear errors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fairmilk.errors import ConversionError
from fairmilk.indicators.units import (
    XOF_PER_EUR,
    Rate,
    RateTable,
    convert_price,
    parse_unit,
)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("EUR/100 kg", "EUR/100kg"),
        ("EUR cent/kg", "EURc/kg"),
        ("c/kg", "EURc/kg"),
        ("EUR/t", "EUR/t"),
        ("XOF per litre", "XOF/L"),
        ("XOF/bag25kg", "XOF/bag25kg"),
        ("EUR/1000 L", "EUR/1000L"),
        ("NGN/L", "NGN/L"),
    ],
)
def test_parse_unit_canonical_spelling(text: str, code: str) -> None:
    assert parse_unit(text).code == code


@pytest.mark.parametrize("text", ["FCFA per calabash", "ZZZ/kg", "EUR", "EUR/gallon"])
def test_unknown_unit_or_currency_is_a_conversion_error(text: str) -> None:
    with pytest.raises(ConversionError, match="unknown"):
        parse_unit(text)


def test_hand_checked_conversions() -> None:
    # MMO EU average Jan 2018: 35.56 EUR/100 kg is 35.56 euro cents per kg
    assert convert_price(35.56, "EUR/100kg", "EURc/kg") == pytest.approx(35.56)
    # Kempten SMP 2019: 2,154 EUR/t = 215.4 c/kg
    assert convert_price(2154, "EUR/t", "EURc/kg") == pytest.approx(215.4)
    # VSF/Oxfam Burkina 2019: 0.91 EUR per litre = 596.92 XOF (VSF rounds to 600 FCFA)
    assert convert_price(0.91, "EUR/L", "XOF/L", year=2019) == pytest.approx(596.92087)
    # Koudougou: a 25 kg bag at 75,000 XOF is 3,000 XOF per kg
    assert convert_price(75000, "XOF/bag25kg", "XOF/kg") == pytest.approx(3000)


def test_floating_currency_needs_a_dated_rate() -> None:
    with pytest.raises(ConversionError, match="no exchange rate for NGN"):
        convert_price(600, "XOF/L", "NGN/L", year=2023)
    rates = RateTable()
    rates.add(Rate("EUR", 2023, 0.925, "test"))
    rates.add(Rate("NGN", 2023, 645.0, "test"))
    # 600 XOF = 0.91469 EUR = 0.98886 USD = 637.81 NGN
    expected = 600 / XOF_PER_EUR / 0.925 * 645.0
    assert convert_price(600, "XOF/L", "NGN/L", year=2023, rates=rates) == pytest.approx(expected)
    with pytest.raises(ConversionError, match="2022"):
        convert_price(600, "XOF/L", "NGN/L", year=2022, rates=rates)


def test_mass_to_volume_needs_a_stated_density() -> None:
    with pytest.raises(ConversionError, match="kg_per_litre"):
        convert_price(35, "EURc/kg", "EUR/L")
    assert convert_price(35, "EURc/kg", "EUR/L", kg_per_litre=1.03) == pytest.approx(0.3605)


def test_peg_does_not_reach_before_1999() -> None:
    with pytest.raises(ConversionError, match="1999"):
        convert_price(1, "EUR/kg", "XOF/kg", year=1995)


def test_rate_must_be_positive() -> None:
    with pytest.raises(ConversionError):
        RateTable().add(Rate("NGN", 2020, 0.0, "x"))


UNITS = ["EUR/100kg", "EURc/kg", "EUR/t", "XOF/kg", "NGN/kg", "GHS/t", "USD/kg", "XOF/bag25kg"]
RATES = RateTable(
    {
        ("EUR", 2020): Rate("EUR", 2020, 0.876, "t"),
        ("NGN", 2020): Rate("NGN", 2020, 358.8, "t"),
        ("GHS", 2020): Rate("GHS", 2020, 5.6, "t"),
    }
)


@given(
    value=st.floats(min_value=0.001, max_value=1e7, allow_nan=False),
    source=st.sampled_from(UNITS),
    target=st.sampled_from(UNITS),
)
def test_conversions_round_trip(value: float, source: str, target: str) -> None:
    there = convert_price(value, source, target, year=2020, rates=RATES)
    back = convert_price(there, target, source, year=2020, rates=RATES)
    assert back == pytest.approx(value, rel=1e-9)
