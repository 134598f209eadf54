"""The per-litre comparison on the embedded data alone (no trade file): real figures by hand."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.indicators.price_tables import per_litre_table
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
