"""The per-litre comparison on the embedded data alone (no trade file): real figures by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.indicators.perlitre_table import LOCAL_SERIES_ALL
from fairmilk.indicators.price_tables import per_litre_table, west_africa
from fairmilk.indicators.prices import read_prices
from fairmilk.indicators.units import XOF_PER_EUR
from fairmilk.store import open_store
from fairmilk.store.prices import load_price_reference
from fairmilk.store.reference import load_reference


@pytest.fixture(scope="module")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store with the embedded reference and price data only (shared: do not modify)."""
    con = open_store(Path(tmp_path_factory.mktemp("cover")) / "store.duckdb")
    load_reference(con)
    load_price_reference(con)
    yield con
    con.close()


def test_real_figures_for_ten_countries(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, powders=("smp", "wmp"))
    real = {
        r["country"]
        for r in frame.records()
        if r["landed_local_per_litre"] is not None
        and r["local_price_low"] is not None
        and "SYNTHETIC" not in (r["unit_value_source"] or "")
    }
    # CI (2011) and GW (2006) through the WAEMU CET row (2000-2014); MR has no sourced duty
    assert real == {"BF", "CI", "CV", "GM", "GN", "GW", "ML", "NE", "NG", "SN"}
    assert frame.synthetic is False  # no trade file: no synthetic unit value is used for powders


def test_senegal_2018_by_hand(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, countries=["SN"], powders=("smp",))
    (row,) = frame.records()
    assert (row["year"], row["stage"], row["unit_value_source"]) == (
        2018, "producer", "fao_import (CIF)"
    )  # fmt: skip
    eur_per_usd = 0.8462  # FRED 2018
    uv = 1_139 / 587 * eur_per_usd  # FAOSTAT 2018: 1,139 kUSD / 587 t, in EUR per kg (CIF)
    assert row["unit_value_eur_per_kg"] == pytest.approx(uv)
    # CET 5 % + ECOWAS 0.5 % + WAEMU 1 % + 1 % (PROMAD only from 2021); VAT a gap; no freight
    landed = uv * 1.075 / 9.9 * XOF_PER_EUR
    assert row["landed_local_per_litre"] == pytest.approx(landed)
    assert row["compared_with"].startswith("ex_vat")
    # FAOSTAT producer price 2018: 666.1 USD/t at 1.03 kg per litre
    local = 666.1 / 1000 * 1.03 * eur_per_usd * XOF_PER_EUR
    assert row["local_price_low"] == pytest.approx(local)
    assert row["ratio_low"] == pytest.approx(local / landed)


def test_cote_d_ivoire_2011_by_hand(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, countries=["CI"], powders=("smp",))
    (row,) = frame.records()
    assert (row["year"], row["stage"], row["unit_value_source"]) == (
        2011, "producer", "fao_import (CIF)"
    )  # fmt: skip
    eur_per_usd = 0.7178  # FRED 2011
    uv = 2_827 / 1_084 * eur_per_usd  # FAOSTAT 2011: 2,827 kUSD / 1,084 t, in EUR per kg (CIF)
    assert row["unit_value_eur_per_kg"] == pytest.approx(uv)
    # WAEMU CET 5 % (2000-2014) + ECOWAS PC 0.5 % + WAEMU PCS 1 % + RS 1 %; VAT 9 % on milk
    # (CI fiscal annex 2011); no freight on a CIF value; 9.9 litres per kg of SMP
    assert (row["duty_pct"], row["levy_pct"], row["vat_pct"]) == (5.0, pytest.approx(2.5), 9.0)
    landed = uv * 1.075 * 1.09 / 9.9 * XOF_PER_EUR  # 145.34 XOF per litre
    assert row["landed_local_per_litre"] == pytest.approx(landed)
    assert row["landed_local_per_litre"] == pytest.approx(145.34, abs=0.01)
    assert row["compared_with"] == "incl_vat"
    # FAOSTAT producer price 2011: 213 USD/t at 1.03 kg per litre (103.30 XOF per litre)
    local = 213 / 1000 * 1.03 * eur_per_usd * XOF_PER_EUR
    assert row["local_price_low"] == pytest.approx(local)
    assert row["gap_low"] == pytest.approx(local - landed)  # negative: local milk was cheaper
    assert row["gap_low"] < 0


def test_guinea_bissau_2006_by_hand(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, countries=["GW"], powders=("smp",))
    (row,) = frame.records()
    assert (row["year"], row["stage"]) == (2006, "producer")
    eur_per_usd = 0.796  # FRED 2006
    uv = 60 / 11 * eur_per_usd  # FAOSTAT 2006: 60 kUSD / 11 t (a small quantity), CIF
    assert row["unit_value_eur_per_kg"] == pytest.approx(uv)
    # WAEMU CET 5 % + PC 0.5 % + PCS 1 % + RS 1 %; no VAT source read for Guinea-Bissau
    assert (row["duty_pct"], row["levy_pct"], row["vat_pct"]) == (5.0, pytest.approx(2.5), None)
    landed = uv * 1.075 / 9.9 * XOF_PER_EUR  # 309.26 XOF per litre, before VAT
    assert row["landed_local_per_litre"] == pytest.approx(landed)
    assert row["compared_with"].startswith("ex_vat")
    assert "tax gap: vat_gw_milk_powder" in row["notes"]  # the sales tax on powder is not known


def test_mauritania_2020_stays_a_gap_and_says_why(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, countries=["MR"], powders=("smp",))
    (row,) = frame.records()
    assert (row["year"], row["currency"]) == (2020, "MRU")
    assert row["local_price_low"] == pytest.approx(11.5)  # the local price is there
    assert row["duty_pct"] is None
    assert row["landed_local_per_litre"] is None
    assert "tax gap: mr_duty_milk_powder" in row["notes"]
    assert "tax gap: vat_mr_milk_powder" in row["notes"]


# West African countries for which no dated, sourced local fresh-milk price was found (searched
# in the fourth round: see docs/methodology/per-litre.md, "Countries still without a local
# price"). A gap stays a gap: no row, no figure, a note saying why.
NO_LOCAL_PRICE = ("BJ", "GH", "LR", "SL", "TG")


def test_which_countries_have_a_dated_local_price(embedded: duckdb.DuckDBPyConnection) -> None:
    dated = {
        p.geo
        for p in read_prices(embedded, series=list(LOCAL_SERIES_ALL))
        if p.year is not None and p.geo in west_africa()
    }
    assert dated == set(west_africa()) - set(NO_LOCAL_PRICE)
    assert len(dated) == 11
    assert len(west_africa()) == 16


@pytest.mark.parametrize("country", NO_LOCAL_PRICE)
def test_a_country_without_a_sourced_local_price_stays_a_gap(
    embedded: duckdb.DuckDBPyConnection, country: str
) -> None:
    assert read_prices(embedded, series=list(LOCAL_SERIES_ALL), geo=[country]) == []
    frame = per_litre_table(embedded, countries=[country], powders=("smp", "wmp", "ffmp"))
    rows = frame.records()
    assert [r["category"] for r in rows] == ["smp", "wmp", "ffmp"]
    for row in rows:
        assert (row["year"], row["stage"], row["local_prices_n"]) == (None, None, 0)
        empty = ("local_price_low", "local_price_high", "landed_local_per_litre", "gap_low",
                 "ratio_low", "ratio_high", "unit_value_eur_per_kg")  # fmt: skip
        assert all(row[k] is None for k in empty), row
        assert row["notes"] == "no dated local fresh-milk price for this country and stage"
