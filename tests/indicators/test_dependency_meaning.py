"""Import dependency and milk per person from what they mean: hand-computed values over a store
of SYNTHETIC observations in every accepted unit, boundary years, gaps and members by date."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from fairmilk.errors import ConversionError, ParameterError
from fairmilk.indicators.dependency import (
    NOTES,
    DependencySeries,
    dependency_frame,
    import_dependency,
    inputs,
    milk_per_person,
)
from fairmilk.store import open_store

# (series, geo, year, month, value, unit, url) -- SYNTHETIC figures
OBS = [
    ("milk_production_all", "SN", 2019, None, 250.0, "1000 t", "https://all"),
    ("cow_milk_production", "SN", 2019, None, 200_000.0, "tonnes", "https://cow"),
    ("milk_imports_me", "SN", 2019, None, 100.0, "1000 t milk equivalent", "https://imp"),
    ("milk_exports_me", "SN", 2019, None, 10_000.0, "t milk equivalent", "https://exp"),
    ("population", "SN", 2019, None, 16_000.0, "1000 persons", "https://pop"),
    ("milk_imports_me", "SN", 2019, 3, 999.0, "t", "https://monthly"),  # a month: not annual
    ("milk_production_all", "SN", 2020, None, 300_000.0, "t", "https://all"),
    ("milk_production_all", "SN", 2020, None, 300_000.0, "t", "https://all-2"),  # agrees
    ("milk_imports_me", "SN", 2020, None, 0.0, "t", "https://imp"),
    ("milk_exports_me", "SN", 2020, None, 0.0, "t", "https://exp"),
    ("population", "SN", 2020, None, 1_000_000.0, "people", "https://pop"),
    ("milk_production_all", "SN", 2021, None, 0.0, "t", "https://all"),
    ("milk_imports_me", "SN", 2021, None, 0.0, "t", "https://imp"),
    ("milk_exports_me", "SN", 2021, None, 0.0, "t", "https://exp"),
    ("population", "SN", 2021, None, 0.0, "number", "https://pop"),
    ("milk_production_all", "SN", 2022, None, 100.0, "t", "https://all"),
    ("milk_imports_me", "SN", 2022, None, 0.0, "t", "https://imp"),
    ("milk_exports_me", "SN", 2022, None, 0.0, "t", "https://exp"),
    ("population", "SN", 2022, None, 0.0, "persons", "https://pop"),  # milk, nobody: a gap
    ("milk_production_all", "GH", 2021, None, 0.3, "t", "https://gh"),  # tiny, yet figures
    ("milk_imports_me", "GH", 2021, None, 0.3, "t", "https://gh"),
    ("milk_exports_me", "GH", 2021, None, 0.0, "t", "https://gh"),
    ("population", "GH", 2021, None, 1.0, "persons", "https://gh"),
    ("milk_production_all", "GH", 2019, None, 50_000.0, "t", "https://gh"),
    ("milk_imports_me", "GH", 2019, None, 50_000.0, "t", "https://gh"),
    ("milk_production_all", "FR", 2019, None, 1.0, "t", "https://fr"),
    ("milk_production_all", "ML", 2019, None, 10.0, "t", "https://ml"),
    ("milk_production_all", "ML", None, None, 10.0, "t", "https://no-year"),
]


def fill(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """The SYNTHETIC observations and a west-africa region of SN, GH and (from 2020) ML."""
    for series, geo, year, month, value, unit, url in OBS:
        period = f"{year}" if month is None else f"{year}-{month:02d}"
        con.execute(
            "INSERT INTO observations (dataset, series, geo, period, year, month, value, unit, "
            "source_url) VALUES ('t', ?, ?, ?, ?, ?, ?, ?, ?)",
            [series, geo, period, year, month, value, unit, url],
        )
    con.execute(
        "INSERT INTO ref_memberships VALUES ('west-africa', 'SN', '1960-01-01', NULL, 'u'), "
        "('west-africa', 'GH', '1960-01-01', NULL, 'u'), "
        "('west-africa', 'ML', '2020-01-01', NULL, 'u')"
    )
    return con


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The filled store, shared by the module's tests: do not modify."""
    connection = fill(open_store(tmp_path_factory.mktemp("dep") / "store.duckdb"))
    yield connection
    connection.close()


def _rows(frame_records: list[dict[str, object]]) -> dict[tuple[object, object], dict[str, object]]:
    return {(r["geo"], r["year"]): r for r in frame_records}


def test_every_unit_is_scaled_to_tonnes_and_persons(store: duckdb.DuckDBPyConnection) -> None:
    sn = _rows(dependency_frame(store, countries=["SN"]).records())[("SN", 2019)]
    assert (sn["production_all_t"], sn["production_cow_t"]) == (250_000.0, 200_000.0)
    assert (sn["imports_me_t"], sn["exports_me_t"], sn["population"]) == (
        100_000.0, 10_000.0, 16_000_000.0)  # fmt: skip
    assert sn["dependency_pct"] == pytest.approx(100 * 100_000 / 350_000)
    assert sn["dependency_cow_pct"] == pytest.approx(100 * 100_000 / 300_000)
    # (250 000 + 100 000 - 10 000) t = 340 000 000 kg for 16 000 000 people
    assert sn["kg_per_person"] == pytest.approx(21.25)
    assert sn["kg_per_person_cow"] == pytest.approx(18.125)


def test_agreeing_sources_keep_the_value_and_zero_imports_is_zero_dependency(
    store: duckdb.DuckDBPyConnection,
) -> None:
    sn = _rows(dependency_frame(store, countries=["SN"]).records())[("SN", 2020)]
    assert sn["production_all_t"] == 300_000.0
    assert sn["dependency_pct"] == 0.0
    assert sn["kg_per_person"] == pytest.approx(300.0)  # 300 000 000 kg / 1 000 000 people
    assert sn["production_cow_t"] is None
    assert sn["dependency_cow_pct"] is None
    assert sn["kg_per_person_cow"] is None


def test_no_supply_and_no_people_are_gaps_not_divisions(store: duckdb.DuckDBPyConnection) -> None:
    rows = _rows(dependency_frame(store, countries=["SN"]).records())
    assert (rows[("SN", 2021)]["dependency_pct"], rows[("SN", 2021)]["kg_per_person"]) == (
        None, None)  # fmt: skip
    assert rows[("SN", 2022)]["dependency_pct"] == 0.0
    assert rows[("SN", 2022)]["kg_per_person"] is None  # not infinity
    # the tables themselves hold gaps (NULL), not NaN
    dep = store_rows(import_dependency(store, countries=["SN"], start=2021, end=2021))
    per = store_rows(milk_per_person(store, countries=["SN"], start=2021, end=2021))
    assert (dep[0]["dependency_pct"], per[0]["kg_per_person"]) == (None, None)


def test_tiny_figures_are_figures(store: duckdb.DuckDBPyConnection) -> None:
    gh = _rows(dependency_frame(store, countries=["GH"]).records())[("GH", 2021)]
    assert gh["dependency_pct"] == pytest.approx(50.0)  # 0.3 t of 0.6 t
    assert gh["kg_per_person"] == pytest.approx(600.0)  # 600 kg for one person


def test_boundary_years_and_months_count_by_their_year(store: duckdb.DuckDBPyConnection) -> None:
    years = dependency_frame(store, countries=["SN"], start="2019-12", end=2020).column("year")
    assert years == [2019, 2020]
    assert dependency_frame(store, countries=["SN"], start=2020).column("year") == [
        2020, 2021, 2022]  # fmt: skip
    assert dependency_frame(store, countries=["SN"], end="2019-01").column("year") == [2019]
    with pytest.raises(ParameterError, match=r"^end: expected"):
        dependency_frame(store, countries=["SN"], end="2019-13")
    with pytest.raises(ParameterError, match=r"^start: expected"):
        dependency_frame(store, countries=["SN"], start="x")


def test_default_is_west_africa_by_membership_date(store: duckdb.DuckDBPyConnection) -> None:
    keys = [(r["geo"], r["year"]) for r in dependency_frame(store).records()]
    # FR is not West African; ML joins the (synthetic) region in 2020 and has only 2019
    assert keys == [("GH", 2019), ("GH", 2021), ("SN", 2019), ("SN", 2020), ("SN", 2021),
                    ("SN", 2022)]  # fmt: skip
    gh = dependency_frame(store, countries=["GH"], end=2019).records()[0]
    assert gh["dependency_pct"] == 50.0
    assert gh["kg_per_person"] is None  # no population: a gap
    assert [r["geo"] for r in dependency_frame(store, countries=["fr"]).records()] == ["FR"]


def test_sources_name_each_input_and_the_frame_lists_them_once(
    store: duckdb.DuckDBPyConnection,
) -> None:
    frame = dependency_frame(store, countries=["SN"], start=2019, end=2019)
    (row,) = frame.records()
    assert row["sources"] == (
        "production_all: https://all; production_cow: https://cow; imports_me: https://imp; "
        "exports_me: https://exp; population: https://pop"
    )
    assert frame.sources == sorted(row["sources"].split("; "))
    assert frame.notes == list(NOTES)
    assert str(frame.title) == "Import dependency and milk per person"
    assert frame.columns == [
        "geo", "year", "production_all_t", "production_cow_t", "imports_me_t", "exports_me_t",
        "population", "dependency_pct", "dependency_cow_pct", "kg_per_person",
        "kg_per_person_cow", "sources",
    ]  # fmt: skip


def test_the_two_tables_alone(store: duckdb.DuckDBPyConnection) -> None:
    dep = store_rows(import_dependency(store, countries=["SN", "GH"], end=2019))
    assert [(r["geo"], r["year"]) for r in dep] == [("GH", 2019), ("SN", 2019)]
    assert dep[1]["dependency_cow_pct"] == pytest.approx(100 / 3)
    per = store_rows(milk_per_person(store, countries=["SN"], start=2020, end=2020))
    assert [r["kg_per_person"] for r in per] == [pytest.approx(300.0)]
    assert list(per[0]) == [
        "geo", "year", "production_all_t", "production_cow_t", "imports_me_t", "exports_me_t",
        "population", "kg_per_person", "kg_per_person_cow", "sources",
    ]  # fmt: skip
    assert (per[0]["production_all_t"], per[0]["population"]) == (300_000.0, 1_000_000.0)
    assert per[0]["sources"].startswith("production_all: https://all")
    assert list(dep[0]) == [
        "geo", "year", "production_all_t", "production_cow_t", "imports_me_t", "dependency_pct",
        "dependency_cow_pct", "sources",
    ]  # fmt: skip


def store_rows(t: object) -> list[dict[str, object]]:
    return list(t.to_pyarrow().to_pylist())  # type: ignore[attr-defined]


def test_other_series_names_are_read(store: duckdb.DuckDBPyConnection) -> None:
    series = DependencySeries(
        production="cow_milk_production", production_cow="milk_production_all"
    )
    (sn,) = dependency_frame(store, countries=["SN"], end=2019, series=series).records()
    assert (sn["production_all_t"], sn["production_cow_t"]) == (200_000.0, 250_000.0)


def test_an_unknown_unit_names_the_series_the_units_and_the_unit(
    con: duckdb.DuckDBPyConnection,
) -> None:
    store = fill(con)
    store.execute("UPDATE observations SET unit = 'kg' WHERE series = 'population' AND year = 2020")
    with pytest.raises(ConversionError) as err:
        dependency_frame(store)
    assert str(err.value) == (
        "series population: expected a unit among persons, people, number, 1000 persons, found 'kg'"
    )


def test_a_bad_geo_code_names_the_countries_option(store: duckdb.DuckDBPyConnection) -> None:
    with pytest.raises(ParameterError) as err:
        dependency_frame(store, countries=["SN", "Senegal"])  # a name, not a code
    assert str(err.value).startswith("countries: expected an ISO 3166 alpha-2 code or one of ")
    assert str(err.value).endswith(", found 'Senegal'")


def test_a_year_counts_in_a_region_when_the_country_is_a_member_on_1_july(
    con: duckdb.DuckDBPyConnection,
) -> None:
    store = fill(con)
    # SYNTHETIC: NE joins the day after mid-2019; BF leaves on mid-2020 (the end day counts)
    store.execute(
        "INSERT INTO ref_memberships VALUES ('west-africa', 'NE', '2019-07-02', NULL, 'u'), "
        "('west-africa', 'BF', '1960-01-01', '2020-07-01', 'u')"
    )
    for geo in ("NE", "BF"):
        for year in (2019, 2020, 2021):
            store.execute(
                "INSERT INTO observations (dataset, series, geo, period, year, value, unit, "
                "source_url) VALUES ('t', 'milk_production_all', ?, ?, ?, 1.0, 't', 'https://x')",
                [geo, str(year), year],
            )
    keys = [(r["geo"], r["year"]) for r in dependency_frame(store).records()]
    assert [k for k in keys if k[0] in ("NE", "BF")] == [
        ("BF", 2019), ("BF", 2020), ("NE", 2020), ("NE", 2021)]  # fmt: skip


def test_inputs_hold_the_figures_and_their_sources_only(
    store: duckdb.DuckDBPyConnection,
) -> None:
    (row,) = store_rows(inputs(store, countries=["SN"], start=2020, end=2020))
    assert row == {
        "geo": "SN", "year": 2020, "production_all_t": 300_000.0, "production_cow_t": None,
        "imports_me_t": 0.0, "exports_me_t": 0.0, "population": 1_000_000.0,
        "sources": "production_all: https://all; imports_me: https://imp; "
        "exports_me: https://exp; population: https://pop",
    }  # fmt: skip
