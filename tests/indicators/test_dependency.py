"""Import dependency and milk per person from observations; a missing input is a gap."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from fairmilk.errors import ConversionError
from fairmilk.indicators.dependency import dependency_frame, import_dependency
from fairmilk.store import open_store
from fairmilk.store.reference import load_reference


def test_hand_computed_values(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = {r["geo"]: r for r in dependency_frame(tcon).records()}
    sn = rows["SN"]
    # imports 100 (1000 t) = 100 000 t; all milk 250 000 t, cow milk 200 000 t
    assert sn["imports_me_t"] == 100_000.0
    assert sn["production_all_t"] == 250_000.0
    assert sn["production_cow_t"] == 200_000.0
    assert sn["dependency_pct"] == pytest.approx(100 * 100_000 / 350_000)
    assert sn["dependency_cow_pct"] == pytest.approx(100 * 100_000 / 300_000)
    # (250 000 + 100 000 - 10 000) t x 1000 kg / 16 000 000 people; cow: 200 000 instead
    assert sn["kg_per_person"] == pytest.approx(21.25)
    assert sn["kg_per_person_cow"] == pytest.approx(18.125)
    assert "population: https://example.org/pop" in sn["sources"]
    assert "production_all: https://example.org/owid" in sn["sources"]
    assert "production_cow: https://example.org/qcl" in sn["sources"]


def test_missing_input_is_a_gap(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = {r["geo"]: r for r in dependency_frame(tcon).records()}
    ng = rows["NG"]
    assert ng["imports_me_t"] is None
    assert ng["dependency_pct"] is None
    assert ng["kg_per_person"] is None
    assert "imports_me" not in ng["sources"]


def test_country_filter_and_frame_sources(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = dependency_frame(tcon, countries=["SN"])
    assert frame.column("geo") == ["SN"]
    assert "production_cow: https://example.org/qcl" in frame.sources
    assert "production_all: https://example.org/owid" in frame.sources


def test_disagreeing_sources_are_a_gap(fresh_tcon: duckdb.DuckDBPyConnection) -> None:
    fresh_tcon.execute(
        "INSERT INTO observations (dataset, series, geo, period, year, value, unit, source_url) "
        "VALUES ('other', 'cow_milk_production', 'SN', '2019', 2019, 250000, 't', 'https://x')"
    )
    (row,) = dependency_frame(fresh_tcon, countries=["SN"]).records()
    assert row["production_cow_t"] is None
    assert row["dependency_cow_pct"] is None
    assert row["dependency_pct"] == pytest.approx(100 * 100_000 / 350_000)  # all milk agrees


def test_unknown_unit_refused(fresh_tcon: duckdb.DuckDBPyConnection) -> None:
    fresh_tcon.execute("UPDATE observations SET unit = 'bushels' WHERE series = 'milk_imports_me'")
    with pytest.raises(ConversionError, match="bushels"):
        import_dependency(fresh_tcon)


@pytest.fixture(scope="module")
def ref(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store holding only the embedded reference data (shared: do not modify)."""
    con = open_store(Path(tmp_path_factory.mktemp("dep")) / "store.duckdb")
    load_reference(con)
    yield con
    con.close()


def test_mali_2021_all_milk_against_cow_milk(ref: duckdb.DuckDBPyConnection) -> None:
    (ml,) = dependency_frame(ref, countries=["ML"], start=2021, end=2021).records()
    # FAOSTAT FBS imports 55 (1000 t ME); OWID/FAO all milk 1,037,509 t; FAO cow milk 293,481 t
    assert ml["imports_me_t"] == 55_000.0
    assert ml["production_all_t"] == 1_037_509.0
    assert ml["production_cow_t"] == 293_481.0
    assert ml["dependency_pct"] == pytest.approx(100 * 55_000 / 1_092_509)  # 5.03 %
    assert ml["dependency_cow_pct"] == pytest.approx(100 * 55_000 / 348_481)  # 15.78 %
    assert round(ml["dependency_pct"], 1) == 5.0
    assert round(ml["dependency_cow_pct"], 1) == 15.8
    assert "ourworldindata.org" in ml["sources"]
