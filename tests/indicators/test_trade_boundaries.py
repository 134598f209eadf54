"""Trade indicators at their edges: growth after a partial year, destinations grouped by region."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.indicators.trade import trade_frame


def _add_annual_2025_mali(con: duckdb.DuckDBPyConnection) -> None:
    """A complete (annual) 2025 file for Ireland to Mali: 2024 has only December."""
    con.execute(
        "INSERT INTO source_files BY NAME SELECT 'f25' AS file_id, 'comext' AS source, "
        "'comext:2025' AS dataset_key, 1 AS vintage, true AS is_current, 'synthetic_2025.dat' "
        "AS file_name, 100 AS size_bytes, 'comext-classic' AS layout, true AS synthetic, "
        "'fixture' AS producer, 'https://example.org/synthetic/2025' AS url, "
        "'CC BY 4.0' AS licence, 'SYNTHETIC test fixture' AS note"
    )
    con.execute(
        "INSERT INTO trade_flows BY NAME SELECT 'f25' AS file_id, 'comext' AS source, "
        "'IE' AS reporter, 'ML' AS partner, '04021019' AS product_code, 'CN8' AS code_system, "
        "'export' AS flow, 2025 AS year, NULL AS month, 1500000.0 AS value_eur, "
        "500000.0 AS quantity_kg"
    )


def test_no_growth_against_an_incomplete_previous_year(
    fresh_tcon: duckdb.DuckDBPyConnection,
) -> None:
    _add_annual_2025_mali(fresh_tcon)
    rows = trade_frame(fresh_tcon, destinations=["ML"], by=("year",)).records()
    got = [(r["year"], r["months_covered"], r["tonnes"]) for r in rows]
    # 2024: December only (50 t); 2025: the annual row (500 t) replaces the February row
    assert got == [(2024, 1, 50.0), (2025, 12, 500.0)]
    # 500 t in a full year against 50 t in one month is not a growth of 900 %: a gap
    assert rows[1]["growth_tonnes_pct"] is None
    assert rows[1]["growth_value_pct"] is None


def test_growth_between_two_complete_years(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, destinations=["NG"], categories=["wmp"], by=("year",)).records()
    assert [(r["year"], r["tonnes"]) for r in rows] == [(2019, 500.0), (2020, 400.0)]
    assert rows[0]["growth_tonnes_pct"] is None  # no 2018
    assert rows[1]["growth_tonnes_pct"] == pytest.approx(-20.0)  # 400 / 500 - 1
    assert rows[1]["growth_value_pct"] == pytest.approx(100 * (1.3 / 1.5 - 1))


def test_country_destinations_kept_when_grouping_by_region(
    tcon: duckdb.DuckDBPyConnection,
) -> None:
    # 2019 powders to West Africa: SMP 1 000 t to Senegal, WMP 500 t to Nigeria
    rows = trade_frame(tcon, destinations=["SN"], start=2019, end=2019,
                       categories=["smp", "wmp"], by=("region",)).records()  # fmt: skip
    by_region = {r["region"]: r["tonnes"] for r in rows}
    assert by_region == {"ecowas": 1000.0, "waemu": 1000.0, "west-africa": 1000.0}
    every = trade_frame(tcon, start=2019, end=2019, categories=["smp", "wmp"],
                        by=("region",)).records()  # fmt: skip
    assert {r["region"]: r["tonnes"] for r in every} == {
        "ecowas": 1500.0, "waemu": 1000.0, "west-africa": 1500.0,
    }  # fmt: skip


def test_region_destination_grouped_by_region(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(tcon, destinations=["waemu"], start=2019, end=2019,
                       categories=["smp", "wmp"], by=("region",)).records()  # fmt: skip
    assert {r["region"]: r["tonnes"] for r in rows} == {"waemu": 1000.0}


def test_monthly_growth_against_the_same_month_a_year_earlier(
    fresh_tcon: duckdb.DuckDBPyConnection,
) -> None:
    fresh_tcon.execute(
        "INSERT INTO source_files BY NAME SELECT 'f2101' AS file_id, 'comext' AS source, "
        "'comext:202101' AS dataset_key, 1 AS vintage, true AS is_current, 's.dat' AS file_name, "
        "100 AS size_bytes, 'comext-full-v2' AS layout, true AS synthetic, 'fixture' AS producer,"
        " 'https://example.org/synthetic/202101' AS url, 'CC BY 4.0' AS licence, "
        "'SYNTHETIC' AS note"
    )
    for month, kg in ((1, 150000.0), (2, 80000.0)):
        fresh_tcon.execute(
            "INSERT INTO trade_flows BY NAME SELECT 'f2101' AS file_id, 'comext' AS source, "
            "'IE' AS reporter, 'SN' AS partner, '04021019' AS product_code, 'CN8' AS code_system,"
            f" 'export' AS flow, 2021 AS year, {month} AS month, 1000.0 AS value_eur, "
            f"{kg} AS quantity_kg"
        )
    rows = trade_frame(fresh_tcon, destinations=["SN"], categories=["smp"],
                       by=("year", "month")).records()  # fmt: skip
    got = {r["period"]: (r["tonnes"], r["growth_tonnes_pct"]) for r in rows}
    # January 2021 (150 t) against January 2020 (100 t): +50 %; February has no 2020 month
    assert got == {"2020-01": (100.0, None), "2021-01": (150.0, pytest.approx(50.0)),
                   "2021-02": (80.0, None)}  # fmt: skip
