"""FFMP: measured since 2020, a sourced band before, never mixed silently."""

from __future__ import annotations

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.ffmp import AHDB_2018, AHDB_URL, FfmpBand, ffmp_frame, ffmp_series


def test_band_before_2020_measured_after(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = ffmp_frame(tcon).records()
    early, late = rows
    assert (early["year"], early["code"], early["code_tonnes"]) == (2019, "19019099", 2000.0)
    # 2 000 t under CN 19019099 x 50 / 55 / 60 %
    assert (early["ffmp_low_t"], early["ffmp_central_t"], early["ffmp_high_t"]) == (
        1000.0,
        pytest.approx(1100.0),
        1200.0,
    )
    assert early["estimated"] is True
    assert "AHDB (2018)" in early["method_source"]
    assert (late["year"], late["code"], late["ffmp_central_t"]) == (2020, "19019095", 1500.0)
    assert late["estimated"] is False
    assert late["ffmp_low_t"] == late["ffmp_high_t"] == 1500.0
    assert late["method"].startswith("measured")


def test_powder_share_band(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = ffmp_frame(tcon, share=True, start=2019, end=2020).records()
    y2019, y2020 = rows
    # 2019: smp 1 000 t, wmp 500 t, FFMP 1 000 / 1 100 / 1 200 t
    assert y2019["share_low_pct"] == pytest.approx(100 * 1000 / 2500)
    assert y2019["share_central_pct"] == pytest.approx(100 * 1100 / 2600)
    assert y2019["share_high_pct"] == pytest.approx(100 * 1200 / 2700)
    # 2020: smp 1 200 t, wmp 400 t, FFMP 1 500 t measured
    assert y2020["share_central_pct"] == pytest.approx(100 * 1500 / 3100)
    assert y2020["estimated"] is False


def test_band_is_an_explicit_input(tcon: duckdb.DuckDBPyConnection) -> None:
    band = FfmpBand(low=0.4, central=0.5, high=0.7, source="test band", source_url="x")
    frame = ffmp_frame(tcon, band=band, end=2019)
    (row,) = frame.records()
    assert (row["ffmp_low_t"], row["ffmp_high_t"]) == (800.0, 1400.0)
    assert frame.sources[-1] == "FFMP estimate band: test band (x)"
    assert AHDB_2018.source_url == AHDB_URL


def test_sources_and_synthetic(tcon: duckdb.DuckDBPyConnection) -> None:
    frame = ffmp_frame(tcon)
    assert frame.synthetic
    assert [s.split(" (")[0] for s in frame.sources[:2]] == [
        "comext: synthetic_comext_2019.dat",
        "comext: synthetic_comext_2020_v2.dat",
    ]


def test_by_destination(tcon: duckdb.DuckDBPyConnection) -> None:
    rows = ffmp_frame(tcon, by=("year", "destination")).records()
    assert [(r["year"], r["destination"]) for r in rows] == [(2019, "SN"), (2020, "SN")]


@pytest.mark.parametrize(("low", "central", "high"), [(0.6, 0.5, 0.7), (0.5, 0.6, 1.2)])
def test_band_out_of_order(
    tcon: duckdb.DuckDBPyConnection, low: float, central: float, high: float
) -> None:
    with pytest.raises(ParameterError):
        ffmp_series(tcon, band=FfmpBand(low=low, central=central, high=high))
