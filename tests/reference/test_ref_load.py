"""load_reference: one transaction, idempotent, traceable rows, sums that match the source."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.reference.catalog import datasets as catalog_datasets
from fairmilk.reference.geo import members
from fairmilk.store.reference import load_reference, loaded_datasets

TABLES = (
    "ref_products",
    "ref_categories",
    "ref_countries",
    "ref_regions",
    "ref_memberships",
    "ref_series",
)


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    out = {}
    for table in (*TABLES, "observations", "source_files"):
        out[table] = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # type: ignore[index]
    return out


def test_load_is_idempotent(con: duckdb.DuckDBPyConnection) -> None:
    first = load_reference(con)
    after_first = _counts(con)
    second = load_reference(con)
    assert first == second
    assert _counts(con) == after_first
    assert after_first["ref_countries"] == 249
    assert after_first["source_files"] == len(catalog_datasets())


def test_other_loaders_rows_are_kept(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT INTO observations (dataset, series, geo, period, unit, source_url) "
        "VALUES ('prices/x', 'farmgate_milk_price', 'FR', '2020', 'EUR/100kg', 'https://x.org')"
    )
    load_reference(con)
    load_reference(con)
    kept = con.execute("SELECT count(*) FROM observations WHERE dataset = 'prices/x'").fetchone()
    assert kept == (1,)


def test_every_loaded_file_is_registered(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = loaded.execute(
        "SELECT dataset_key, file_id, licence, url, is_current FROM source_files "
        "WHERE source = 'reference'"
    ).fetchall()
    # every embedded dataset is registered, those loaded here and those other loaders read
    assert {r[0] for r in rows} == {f"reference:{d}" for d in catalog_datasets()}
    assert {f"reference:{d}" for d in loaded_datasets()} < {r[0] for r in rows}
    for key, file_id, licence, url, current in rows:
        assert len(file_id) == 64, key
        assert licence, key
        assert url.startswith("http"), key
        assert current, key


def _cow_milk(con: duckdb.DuckDBPyConnection, geos: frozenset[str], year: int) -> float:
    marks = ", ".join("?" for _ in geos)
    row = con.execute(
        "SELECT sum(value) FROM observations WHERE series = 'cow_milk_production' "
        f"AND year = ? AND geo IN ({marks})",
        [year, *sorted(geos)],
    ).fetchone()
    assert row is not None
    return float(row[0])


@pytest.mark.parametrize("year", [2000, 2010, 2020, 2023])
def test_west_african_rows_sum_to_the_fao_aggregate(
    loaded: duckdb.DuckDBPyConnection, year: int
) -> None:
    wa = _cow_milk(loaded, members("west-africa", year), year)
    assert wa == pytest.approx(_cow_milk(loaded, frozenset({"west-africa"}), year), abs=0.5)
    eu = _cow_milk(loaded, members("eu27", 2024), year)
    assert eu == pytest.approx(_cow_milk(loaded, frozenset({"eu27"}), year), abs=0.5)


def _value(con: duckdb.DuckDBPyConnection, where: str) -> tuple[object, ...]:
    row = con.execute(f"SELECT value, unit, flag FROM observations WHERE {where}").fetchall()
    assert len(row) == 1, where
    return row[0]


def test_units_are_converted_as_the_series_promise(loaded: duckdb.DuckDBPyConnection) -> None:
    imports = _value(loaded, "series = 'milk_imports_me' AND geo = 'IE' AND year = 2010")
    assert imports == (1443000.0, "t milk equivalent", None)
    de = _value(loaded, "series = 'raw_milk_production' AND geo = 'DE' AND year = 2020")
    assert de[0] == pytest.approx(33_188_890, abs=1)
    assert de[1] == "t"
    ng = _value(loaded, "series = 'cow_milk_production' AND geo = 'NG' AND year = 2000")
    assert ng == (389000.0, "t", None)
    pop = _value(loaded, "series = 'population' AND geo = 'BJ' AND year = 2000")
    assert pop == (7221619.0, "persons", None)
    eur = _value(loaded, "series = 'eur_per_usd' AND dataset LIKE '%fred%' AND year = 2022")
    assert eur == (0.9493, "EUR/USD", None)
    xof = _value(loaded, "series = 'exchange_rate_lcu_per_usd' AND geo = 'SN' AND year = 2020")
    assert xof[1] == "XOF/USD"


def test_eurostat_codes_and_gaps(loaded: duckdb.DuckDBPyConnection) -> None:
    geos = {r[0] for r in loaded.execute("SELECT DISTINCT geo FROM observations").fetchall()}
    assert "GR" in geos
    assert not {"EL", "EU27_2020"} & geos
    gap = _value(loaded, "series = 'raw_milk_production' AND geo = 'DE' AND year = 2011")
    assert gap == (None, "t", "c")


def test_published_figures(loaded: duckdb.DuckDBPyConnection) -> None:
    rows = loaded.execute(
        "SELECT geo, partner, value, unit, approximate, derived FROM observations "
        "WHERE series = 'export_volume__ffmp' AND period = '2018'"
    ).fetchall()
    assert rows == [("eu28", "west-africa", 276892.0, "t", False, False)]
    two = loaded.execute(
        "SELECT unit, value FROM observations WHERE series = 'export_volume__ffmp' "
        "AND geo = 'IE' AND partner = 'NG' ORDER BY unit"
    ).fetchall()
    assert two == [("EUR", 200000000.0), ("t", 100000.0)]
    derived = _value(loaded, "series = 'export_volume__ffmp' AND period = '2000'")
    assert derived[0] == 81000.0
    flags = loaded.execute(
        "SELECT approximate, derived FROM observations "
        "WHERE series = 'export_volume__ffmp' AND period = '2000'"
    ).fetchone()
    assert flags == (True, True)


def test_every_observation_is_traceable(loaded: duckdb.DuckDBPyConnection) -> None:
    bad = loaded.execute(
        "SELECT count(*) FROM observations WHERE source_url NOT LIKE 'http%' "
        "OR licence IS NULL OR unit = ''"
    ).fetchone()
    assert bad == (0,)


def test_every_loaded_series_has_english_and_french_titles(
    loaded: duckdb.DuckDBPyConnection,
) -> None:
    missing = loaded.execute(
        "SELECT DISTINCT o.series FROM observations o LEFT JOIN ref_series s USING (series) "
        "WHERE o.dataset LIKE 'series/%' AND s.series IS NULL"
    ).fetchall()
    assert missing == []
    rows = loaded.execute("SELECT series, title_en, title_fr, unit, datasets FROM ref_series")
    for series, title_en, title_fr, unit, datasets in rows.fetchall():
        assert title_en != title_fr, series
        used = loaded.execute(
            "SELECT DISTINCT dataset FROM observations WHERE series = ?", [series]
        ).fetchall()
        assert {d for (d,) in used} == set(datasets.split()), series
        units = loaded.execute(
            "SELECT DISTINCT unit FROM observations WHERE series = ?", [series]
        ).fetchall()
        assert unit == "CUR/USD" or {u for (u,) in units} == {unit}, series
