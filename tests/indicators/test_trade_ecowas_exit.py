"""Regional totals follow the dated memberships of the reference data at the ECOWAS exit.

Burkina Faso, Mali and Niger ceased to be ECOWAS members on 2025-01-29 (last day
2025-01-28) and stay in WAEMU; they are in the AES from 2023-09-16. A month counts at its
15th and a year at its 1 July (``reference.geo``): Mali's January 2025 is ECOWAS trade,
its February 2025 and its year 2025 are not; its 2023 is not AES trade, its 2024 is.
"""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.indicators.trade import trade_frame
from fairmilk.outputs import queries
from fairmilk.store.reference import load_reference

# (file id, year, month, kg): SMP from Ireland to Mali
ROWS = (("m2301", 2023, None, 10_000.0), ("m2401", 2024, None, 20_000.0),
        ("m2501", 2025, 1, 1_000.0), ("m2502", 2025, 2, 2_000.0))  # fmt: skip


@pytest.fixture
def mali(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The reference data plus SYNTHETIC Irish SMP exports to Mali around the exit date."""
    load_reference(con)
    for file_id, year, month, kg in ROWS:
        key = f"comext:{year}" if month is None else f"comext:{year}{month:02d}"
        con.execute(
            "INSERT INTO source_files BY NAME SELECT ? AS file_id, 'comext' AS source, "
            "? AS dataset_key, 1 AS vintage, true AS is_current, 's.dat' AS file_name, "
            "1 AS size_bytes, 'comext-classic' AS layout, true AS synthetic, 'fixture' AS "
            "producer, 'https://example.org/synthetic' AS url, 'CC BY 4.0' AS licence, "
            "'SYNTHETIC' AS note",
            [file_id, key],
        )
        con.execute(
            "INSERT INTO trade_flows BY NAME SELECT ? AS file_id, 'comext' AS source, "
            "'IE' AS reporter, 'ML' AS partner, '04021019' AS product_code, 'CN8' AS "
            "code_system, 'export' AS flow, ? AS year, ? AS month, 1000.0 AS value_eur, "
            "? AS quantity_kg",
            [file_id, year, month, kg],
        )
    return con


@pytest.mark.parametrize(
    ("region", "period", "tonnes"),
    [
        ("ecowas", "2024", 20.0),  # a member all year
        ("ecowas", "2025-01", 1.0),  # 15 January: still a member (last day 28 January)
        ("ecowas", "2025-02", None),  # out from 29 January
        ("waemu", "2025-02", 2.0),  # stays in WAEMU
        ("aes", "2023", None),  # 1 July 2023: before the Liptako-Gourma Charter
        ("aes", "2024", 20.0),
        ("aes", "2025-02", 2.0),
    ],
)
def test_regional_totals_use_the_dated_membership(
    mali: duckdb.DuckDBPyConnection, region: str, period: str, tonnes: float | None
) -> None:
    by = ("year", "month") if "-" in period else ("year",)
    rows = trade_frame(mali, destinations=[region], start=period, end=period, by=by).records()
    assert (rows[0]["tonnes"] if rows else None) == tonnes


def test_the_page_queries_count_mali_in_ecowas_until_january_2025(
    mali: duckdb.DuckDBPyConnection,
) -> None:
    def total(area: str, year: int) -> float:
        filt = queries.TradeFilter(categories=["smp"], destination=area, year_from=year,
                                   year_to=year)  # fmt: skip
        result = queries.trade_table(mali, filt, by="year")
        return sum(r["tonnes"] or 0.0 for r in result.records())

    assert total("ecowas", 2024) == 20.0
    assert total("waemu", 2024) == 20.0
    assert total("aes", 2024) == 20.0
    assert total("aes", 2023) == 0.0
    assert total("ecowas", 2025) == 1.0  # January only: each month counts at its 15th
    assert total("waemu", 2025) == 3.0
