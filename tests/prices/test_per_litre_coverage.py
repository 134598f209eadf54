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


def test_real_figures_for_at_least_eight_countries(embedded: duckdb.DuckDBPyConnection) -> None:
    frame = per_litre_table(embedded, powders=("smp", "wmp"))
    real = {
        r["country"]
        for r in frame.records()
        if r["landed_local_per_litre"] is not None
        and r["local_price_low"] is not None
        and "SYNTHETIC" not in (r["unit_value_source"] or "")
    }
    assert real == {"BF", "CV", "GM", "GN", "ML", "NE", "NG", "SN"}
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
