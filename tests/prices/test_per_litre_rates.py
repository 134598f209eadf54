"""Per-litre rows after the 2023-2025 rate and VAT data: a gap filled, computed by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import ConversionError
from fairmilk.indicators.perlitre import PerLitreParams
from fairmilk.indicators.perlitre_table import PerLitreInputs, per_litre_frame, per_litre_rows
from fairmilk.indicators.prices import PricePoint, read_rates
from fairmilk.indicators.taxes import tax_measures, tax_stack
from fairmilk.indicators.units import RateTable, convert_price
from fairmilk.reference.geo import members
from fairmilk.store import open_store
from fairmilk.store.reference import load_reference


@pytest.fixture(scope="module")
def rates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RateTable]:
    """The rates the per-litre table reads: a store loaded with the embedded reference data."""
    path: Path = tmp_path_factory.mktemp("rates") / "store.duckdb"
    con: duckdb.DuckDBPyConnection = open_store(path)
    load_reference(con)
    yield read_rates(con)
    con.close()


def regions(country: str, year: int) -> list[str]:
    return [r for r in ("ecowas", "waemu") if country in members(r, year)]


def test_ghana_2023_landed_cost_by_hand(rates: RateTable) -> None:
    """SYNTHETIC unit value (2.00 EUR/kg SMP) and local price; real taxes and real 2023 rates."""
    local = PricePoint("local_fresh_price", "GH", "2023", 2023, None, 10.0, 10.0, 10.0,
                       "GHS/L", "https://example.org", "test", stage="producer",
                       synthetic=True)  # fmt: skip
    inputs = PerLitreInputs(
        unit_values={("GH", "smp", 2023): 2.0},
        local_prices=[local],
        measures=tax_measures(),
        regions_of=regions,
        litres_per_kg={"smp": 9.9},
        rates=rates,
    )
    (row,) = per_litre_rows(["GH"], ["smp"], inputs, params=PerLitreParams(stage="producer"))
    # By hand: CIF 2.00 x 1.114 = 2.228; duty 5 % = 0.1114; ECOWAS levy 0.5 % = 0.01114;
    # VAT on powder is a gap in Ghana -> compared before VAT: 2.35054 EUR/kg -> 0.237428 EUR/L.
    # 2023: 11.0204083 GHS per USD (IMF IFS), 0.9245 EUR per USD (FRED)
    # -> 11.92039 GHS per EUR -> 2.83024 GHS per litre.
    cedi_per_euro = 11.0204083333333 / 0.9245
    landed = 2.35054 / 9.9 * cedi_per_euro
    assert row.stack is not None
    assert (row.stack.duty_pct, row.stack.levy_pct, row.stack.vat_pct) == (5.0, 0.5, None)
    assert row.comparison is not None
    assert row.comparison.compared_with.startswith("ex_vat")
    assert row.comparison.landed_per_litre == pytest.approx(2.83024, abs=0.00001)
    assert row.comparison.landed_per_litre == pytest.approx(landed)
    assert row.comparison.gap_low == pytest.approx(10.0 - landed)
    assert not [n for n in row.notes if "exchange rate" in str(n)]
    frame = per_litre_frame([row], PerLitreParams(stage="producer"))
    assert [u for u in frame.sources if "imf-exchangerates" in u]  # the GHS rate is cited
    assert [u for u in frame.sources if "fred.stlouisfed.org" in u]  # and the EUR per USD


def test_nigeria_after_2022_stays_a_gap(rates: RateTable) -> None:
    """No traceable 2023 naira rate is shipped: the landed cost in naira is a gap, not a guess."""
    local = PricePoint("local_fresh_price", "NG", "2023", 2023, None, 400.0, 400.0, 400.0,
                       "NGN/L", "https://example.org", "test", stage="consumer",
                       synthetic=True)  # fmt: skip
    inputs = PerLitreInputs({("NG", "smp", 2023): 2.0}, [local], tax_measures(), regions,
                            {"smp": 9.9}, rates)  # fmt: skip
    (row,) = per_litre_rows(["NG"], ["smp"], inputs, params=PerLitreParams())
    assert row.stack is not None
    assert row.stack.vat_pct == 0.0  # powdered milk exempt
    assert row.comparison is not None
    assert row.comparison.landed_per_litre is None
    assert any("no exchange rate for NGN" in str(n) for n in row.notes)


def test_a_rate_still_missing_stays_a_gap_with_a_note(rates: RateTable) -> None:
    """Guinea has no rate after 2020: the landed cost in francs stays a gap."""
    local = PricePoint("local_fresh_price", "GN", "2023", 2023, None, 9000.0, 9000.0, 9000.0,
                       "GNF/L", "https://example.org", "test", stage="consumer",
                       synthetic=True)  # fmt: skip
    inputs = PerLitreInputs({("GN", "smp", 2023): 2.0}, [local], tax_measures(), regions,
                            {"smp": 9.9}, rates)  # fmt: skip
    (row,) = per_litre_rows(["GN"], ["smp"], inputs, params=PerLitreParams())
    assert row.comparison is not None
    assert row.comparison.landed_per_litre is None
    assert any("no exchange rate for GNF" in str(n) for n in row.notes)


@pytest.mark.parametrize(
    ("currency", "year", "per_usd"),
    [
        ("GHS", 2023, 11.0204083333333),
        ("GMD", 2023, 61.0963330077956),
        ("SLE", 2023, 21.3048751103818),
        ("NGN", 2022, 425.9791580669),  # still the WDI value
    ],
)
def test_rates_after_the_wdi_file(
    rates: RateTable, currency: str, year: int, per_usd: float
) -> None:
    assert rates.per_usd(currency, year) == pytest.approx(per_usd)


@pytest.mark.parametrize(("currency", "year"), [("NGN", 2023), ("GNF", 2021), ("MRU", 2022),
                                                ("LRD", 2023), ("GHS", 2024)])  # fmt: skip
def test_rates_not_found_stay_gaps(rates: RateTable, currency: str, year: int) -> None:
    with pytest.raises(ConversionError, match=f"no exchange rate for {currency}"):
        rates.per_usd(currency, year)


def test_cabo_verde_escudo_follows_the_euro_peg(rates: RateTable) -> None:
    assert convert_price(1.0, "EUR/L", "CVE/L", year=2024) == pytest.approx(110.265)
    assert convert_price(655.957, "XOF/L", "CVE/L") == pytest.approx(110.265)
    # 2024: 110.265 CVE per EUR x 0.9242 EUR per USD (FRED) = 101.907 CVE per USD
    assert rates.per_usd("CVE", 2024) == pytest.approx(110.265 * 0.9242)
    with pytest.raises(ConversionError, match="EUR/CVE peg starts in 1999"):
        convert_price(1.0, "EUR/L", "CVE/L", year=1998)


@pytest.mark.parametrize(
    ("country", "on", "category", "vat"),
    [
        ("NG", date(2023, 7, 1), "wmp", 0.0),  # 'milk whether fresh, liquid and powdered'
        ("NG", date(2023, 7, 1), "ffmp", None),  # blends not named: gap
        ("CI", date(2023, 7, 1), "smp", 9.0),
        ("CI", date(2023, 7, 1), "ffmp", None),
        ("NE", date(2020, 7, 1), "smp", 0.0),  # April 2005 agreement
        ("NE", date(2026, 7, 1), "smp", None),  # new tax code from 2026: not read
        ("TG", date(2023, 7, 1), "smp", None),  # only retail tins exempt
    ],
)
def test_vat_on_powders(country: str, on: date, category: str, vat: float | None) -> None:
    s = tax_stack(tax_measures(), country=country, regions=regions(country, on.year),
                  category=category, on=on)  # fmt: skip
    assert s.vat_pct == vat


def test_a_conversion_names_the_sources_of_its_rates(rates: RateTable) -> None:
    used = rates.sources_for("EUR", "GHS", 2023)
    assert any("fred.stlouisfed.org" in s for s in used)  # EUR per USD 2023
    assert any("imf-exchangerates" in s for s in used)  # GHS per USD 2023 (IMF IFS)
    assert len(used) == 2
    (peg,) = rates.sources_for("EUR", "CVE", 2023)
    assert "110.265" in peg
    assert len(rates.sources_for("XOF", "GHS", 2023)) == 3  # XOF peg, EUR and GHS rates


def _one_row(rates: RateTable, country: str, unit: str) -> PerLitreInputs:
    local = PricePoint("local_fresh_price", country, "2023", 2023, None, 10.0, 10.0, 10.0,
                       unit, "https://example.org", "test", stage="producer",
                       synthetic=True)  # fmt: skip
    return PerLitreInputs(
        unit_values={(country, "smp", 2023): 2.0},
        local_prices=[local],
        measures=tax_measures(),
        regions_of=regions,
        litres_per_kg={"smp": 9.9},
        rates=rates,
    )


def test_the_franc_peg_is_cited_only_where_a_franc_is_used(rates: RateTable) -> None:
    """A table of Ghana alone (cedi) does not cite the CFA franc's parity; Senegal's (XOF) does."""
    params = PerLitreParams(stage="producer")
    ghana = per_litre_rows(["GH"], ["smp"], _one_row(rates, "GH", "GHS/L"), params=params)
    senegal = per_litre_rows(["SN"], ["smp"], _one_row(rates, "SN", "XOF/L"), params=params)
    assert not [u for u in per_litre_frame(ghana, params).sources if "655.957" in u]
    cited = [u for u in per_litre_frame(senegal, params).sources if "655.957" in u]
    assert len(cited) == 1
    assert "CELEX:31998R2866" in cited[0]
