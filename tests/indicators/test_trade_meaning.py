"""Trade growth and grouping from what they mean: growth from a small or a zero year, the
grouping keys asked for, on a store of SYNTHETIC flows with round tonnes."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from fairmilk.indicators.trade import trade_table
from fairmilk.store import open_store

# year, kg, EUR -- SYNTHETIC: Ireland's SMP to Senegal
FLOWS = [(2017, 0, 0), (2018, 2_000_000, 5_000_000), (2019, 500, 1_000), (2020, 1_500, 4_000)]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The SYNTHETIC store, shared by the module's tests: do not modify."""
    con = open_store(tmp_path_factory.mktemp("trade") / "store.duckdb")
    con.execute(
        "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
        "file_name, size_bytes, synthetic) VALUES ('f', 'comext', 'comext:f', 1, true, 'f.dat', "
        "1, true)"
    )
    con.execute(
        "INSERT INTO ref_products (prefix, code_system, category, valid_from, valid_to, "
        "ffmp_role, label_en, label_fr, source_url) VALUES ('040210', 'HS', 'smp', 1988, 9999, "
        "'none', 'x', 'x', 'u')"
    )
    con.execute(
        "INSERT INTO ref_categories (category, name_en, name_fr, is_powder, me_factor, "
        "me_source_url) VALUES ('smp', 'x', 'x', true, 7.6, 'https://me')"
    )
    for region, iso in (("eu27", "IE"), ("west-africa", "SN")):
        con.execute(
            "INSERT INTO ref_memberships VALUES (?, ?, '1958-01-01', NULL, 'u')", [region, iso]
        )
    for year, kg, eur in FLOWS:
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, month, value_eur, value_usd, quantity_kg) "
            "VALUES ('f', 'comext', 'IE', 'SN', '04021019', 'CN8', 'export', ?, NULL, ?, NULL, ?)",
            [year, eur, kg],
        )
    yield con
    con.close()


def _rows(con: duckdb.DuckDBPyConnection, **options: object) -> dict[object, dict[str, object]]:
    rows = trade_table(con, **options).to_pyarrow().to_pylist()  # type: ignore[arg-type]
    return {r["year"]: r for r in rows}


def test_growth_from_a_small_year_and_none_from_a_zero_year(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(store, by=("year",))
    assert rows[2018]["growth_tonnes_pct"] is None  # from 0 t: no percentage, not infinity
    assert rows[2018]["growth_value_pct"] is None
    assert rows[2019]["growth_tonnes_pct"] == pytest.approx(-99.975)  # 2 000 t -> 0.5 t
    # from 0.5 t to 1.5 t is +200 %; from 1 000 EUR to 4 000 EUR is +300 %
    assert rows[2020]["growth_tonnes_pct"] == pytest.approx(200.0)
    assert rows[2020]["growth_value_pct"] == pytest.approx(300.0)
    assert rows[2020]["unit_value_eur_per_t"] == pytest.approx(4_000 / 1.5)
    assert rows[2020]["milk_equivalent_t"] == pytest.approx(1.5 * 7.6)


def test_the_keys_asked_for_are_the_table_keys(store: duckdb.DuckDBPyConnection) -> None:
    table = trade_table(store, by=("year", "category"))
    assert table.columns[:4] == ("period", "year", "category", "source")
    default = trade_table(store)
    assert default.columns[:6] == (
        "period",
        "year",
        "exporter",
        "destination",
        "category",
        "source",
    )
    whole = trade_table(store, by=("category",)).to_pyarrow().to_pylist()
    assert [(r["period"], r["tonnes"]) for r in whole] == [("2017–2020", 2002.0)]


def test_unit_value_is_a_gap_without_tonnes_and_shown_for_half_a_tonne(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rows = _rows(store, by=("year",))
    # 2017: 0 kg for 0 EUR, no price per tonne (not 0/0 = NaN); its tonnes are still 0
    assert rows[2017]["unit_value_eur_per_t"] is None
    assert rows[2017]["tonnes"] == 0.0
    # 2019: 500 kg for 1 000 EUR, under one tonne but a price: 1 000 EUR / 0.5 t
    assert rows[2019]["unit_value_eur_per_t"] == pytest.approx(2_000.0)
