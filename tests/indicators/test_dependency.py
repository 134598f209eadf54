"""Import dependency and milk per person from observations; a missing input is a gap."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.errors import ConversionError
from fairmilk.indicators.dependency import dependency_frame, import_dependency


def test_hand_computed_values(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = {r["geo"]: r for r in dependency_frame(tcon).records()}
    sn = rows["SN"]
    # imports 100 (1000 t) = 100 000 t; production 200 000 t
    assert sn["imports_me_t"] == 100_000.0
    assert sn["dependency_pct"] == pytest.approx(100 * 100_000 / 300_000)
    # (200 000 + 100 000 - 10 000) t x 1000 kg / 16 000 000 people
    assert sn["kg_per_person"] == pytest.approx(18.125)
    assert "population: https://example.org/pop" in sn["sources"]


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
    assert "production: https://example.org/qcl" in frame.sources


def test_disagreeing_sources_are_a_gap(fresh_tcon: duckdb.DuckDBPyConnection) -> None:
    fresh_tcon.execute(
        "INSERT INTO observations (dataset, series, geo, period, year, value, unit, source_url) "
        "VALUES ('other', 'cow_milk_production', 'SN', '2019', 2019, 250000, 't', 'https://x')"
    )
    (row,) = dependency_frame(fresh_tcon, countries=["SN"]).records()
    assert row["production_t"] is None
    assert row["dependency_pct"] is None


def test_unknown_unit_refused(fresh_tcon: duckdb.DuckDBPyConnection) -> None:
    fresh_tcon.execute("UPDATE observations SET unit = 'bushels' WHERE series = 'milk_imports_me'")
    with pytest.raises(ConversionError, match="bushels"):
        import_dependency(fresh_tcon)
