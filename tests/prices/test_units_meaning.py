"""Units and currencies from what they mean: pegs from their first year, dated rates, sources."""

from __future__ import annotations

import pytest

from fairmilk.errors import ConversionError
from fairmilk.indicators.units import (
    COUNTRY_CURRENCY,
    CVE_PEG_SOURCE,
    CVE_PER_EUR,
    PEG_ONLY,
    PEG_SINCE,
    PEG_SOURCE,
    PEGS,
    XOF_PER_EUR,
    Rate,
    RateTable,
    convert_price,
    parse_unit,
    rates_from_records,
)


def _rates() -> RateTable:
    return rates_from_records([
        {"currency": "EUR", "year": "2020", "per_usd": "0.8", "source": "ECB 2020"},
        {"currency": "NGN", "year": 2020, "per_usd": 400, "source": "IMF NGN"},
        {"currency": "GHS", "year": "2020", "per_usd": "5.0", "source": "IMF GHS"},
        {"currency": "XOF", "year": "1998", "per_usd": "590.0", "source": "IMF XOF 1998"},
        {"currency": "EUR", "year": "1999", "per_usd": "0.9", "source": "ECB 1999"},
        {"currency": "USD", "year": "2020", "per_usd": "1", "source": "USD itself"},
    ])  # fmt: skip


def test_pegs_and_their_first_year() -> None:
    assert (XOF_PER_EUR, CVE_PER_EUR, PEG_SINCE) == (655.957, 110.265, 1999)
    assert PEGS == {"XOF": 655.957, "CVE": 110.265}
    assert PEG_SOURCE.startswith("Fixed parity 1 EUR = 655.957 XOF since 1 January 1999: ")
    assert "1 EUR = 6.55957 FRF" in PEG_SOURCE
    assert "CELEX:31998R2866" in PEG_SOURCE
    assert CVE_PEG_SOURCE.startswith("Banco de Cabo Verde exchange regime")
    assert "EUR 1 = CVE 110.265" in CVE_PEG_SOURCE


def test_each_country_has_its_own_currency() -> None:
    assert COUNTRY_CURRENCY == {
        "BJ": "XOF", "BF": "XOF", "CI": "XOF", "GW": "XOF", "ML": "XOF", "NE": "XOF",
        "SN": "XOF", "TG": "XOF", "NG": "NGN", "GH": "GHS", "MR": "MRU", "GM": "GMD",
        "GN": "GNF", "LR": "LRD", "SL": "SLE", "CV": "CVE",
    }  # fmt: skip


def test_records_become_rates_of_the_right_types() -> None:
    table = _rates()
    assert table.rates[("NGN", 2020)] == Rate("NGN", 2020, 400.0, "IMF NGN")
    assert table.sources() == [
        "ECB 1999", "ECB 2020", "IMF GHS", "IMF NGN", "IMF XOF 1998", "USD itself"]  # fmt: skip
    assert RateTable().sources() == []


def test_a_rate_added_again_replaces_the_first_and_must_be_positive() -> None:
    table = RateTable()
    table.add(Rate("NGN", 2020, 300.0, "old"))
    table.add(Rate("NGN", 2020, 400.0, "new"))
    assert table.per_usd("NGN", 2020) == 400.0
    with pytest.raises(ConversionError, match=r"^rate for GHS 2021 must be > 0$"):
        table.add(Rate("GHS", 2021, -1.0, "x"))
    table.add(Rate("GHS", 2021, 0.001, "tiny"))  # small but positive is a rate


def test_per_usd_of_usd_pegged_and_floating_currencies() -> None:
    table = _rates()
    assert table.per_usd("USD", 1950) == 1.0
    assert table.per_usd("XOF", 2020) == pytest.approx(655.957 * 0.8)
    assert table.per_usd("CVE", 1999) == pytest.approx(110.265 * 0.9)  # the peg's first year
    assert table.per_usd("XOF", 1998) == 590.0  # before the peg: its own dated rate
    with pytest.raises(ConversionError) as err:
        table.per_usd("GHS", 2019)
    assert str(err.value) == (
        "no exchange rate for GHS per USD in 2019; load the rate series (eur_per_usd, "
        "exchange_rate_lcu_per_usd) or give the price in another currency"
    )


def test_factor_between_currencies() -> None:
    table = _rates()
    assert table.factor("NGN", "NGN", None) == 1.0
    assert table.factor("XOF", "CVE", None) == pytest.approx(110.265 / 655.957)
    assert table.factor("EUR", "XOF", 1999) == 655.957
    assert table.factor("CVE", "EUR", 2030) == pytest.approx(1 / 110.265)
    assert table.factor("NGN", "GHS", 2020) == pytest.approx(5.0 / 400)
    assert table.factor("USD", "EUR", 2020) == pytest.approx(0.8)
    with pytest.raises(ConversionError, match=r"^the EUR/XOF peg starts in 1999, not 1998$"):
        table.factor("XOF", "EUR", 1998)
    with pytest.raises(ConversionError, match=r"^the EUR/CVE/XOF peg starts in 1999, not 1990$"):
        table.factor("XOF", "CVE", 1990)
    with pytest.raises(ConversionError, match=r"^converting NGN to GHS needs a year$"):
        table.factor("NGN", "GHS", None)


def test_sources_of_a_conversion() -> None:
    table = _rates()
    assert table.sources_for("EUR", "XOF", 2020) == [PEG_SOURCE]  # a fixed parity only
    assert table.sources_for("XOF", "CVE", 2020) == sorted([PEG_SOURCE, CVE_PEG_SOURCE])
    assert table.sources_for("XOF", "NGN", 2020) == sorted([PEG_SOURCE, "ECB 2020", "IMF NGN"])
    assert table.sources_for("USD", "NGN", 2020) == ["IMF NGN"]  # the dollar needs no rate
    assert table.sources_for("NGN", "GHS", None) == []
    assert table.sources_for("NGN", "GHS", 2021) == []


def test_hand_converted_prices() -> None:
    # 30 EUR per 100 kg is 30 euro cents per kg and 300 EUR per tonne
    assert convert_price(30, "EUR/100kg", "EURc/kg") == pytest.approx(30.0)
    assert convert_price(30, "EUR/100kg", "EUR/t") == pytest.approx(300.0)
    assert convert_price(250, "EURc/kg", "EUR/kg") == pytest.approx(2.5)
    # 1,000 litres at 400 EUR: 0.4 EUR per litre, 262.38 XOF per litre
    assert convert_price(400, "EUR/1000L", "XOF/L", year=2010) == pytest.approx(0.4 * 655.957)
    # 1.03 kg per litre: 1 EUR/kg is 1.03 EUR/L, and 1.03 EUR/L is 1 EUR/kg
    assert convert_price(1, "EUR/kg", "EUR/L", kg_per_litre=1.03) == pytest.approx(1.03)
    assert convert_price(1.03, "EUR/L", "EUR/kg", kg_per_litre=1.03) == pytest.approx(1.0)
    # a floating currency through the dated table given
    ngn = convert_price(400, "NGN/kg", "EUR/kg", year=2020, rates=_rates())
    assert ngn == pytest.approx(0.8)
    assert convert_price(655.957, "XOF/kg", "EUR/kg", rates=PEG_ONLY) == pytest.approx(1.0)


@pytest.mark.parametrize("density", [0.0, -1.03])
def test_density_must_be_positive(density: float) -> None:
    with pytest.raises(ConversionError) as err:
        convert_price(1, "EUR/L", "EUR/kg", kg_per_litre=density)
    assert str(err.value) == (
        "converting a price per L to one per kg needs a stated density (kg_per_litre)"
    )


def test_units_given_as_parsed_units_and_a_density_of_one() -> None:
    assert convert_price(30, parse_unit("EUR/100kg"), parse_unit("EURc/kg")) == pytest.approx(30)
    assert convert_price(2, "EUR/kg", parse_unit("EUR/L"), kg_per_litre=1.0) == pytest.approx(2)
    assert convert_price(2, "EUR/L", "EUR/kg", kg_per_litre=0.5) == pytest.approx(4)
