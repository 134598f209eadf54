"""FFMP from what it means: a store of SYNTHETIC flows with round tonnes, the year the code
starts, a band given by the caller, gaps, exporters and destinations by membership."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from fairmilk.errors import ParameterError
from fairmilk.indicators.ffmp import (
    AHDB_2018,
    FFMP_NOTES,
    MEASURED,
    FfmpBand,
    ffmp_frame,
    ffmp_powder_share,
    ffmp_series,
)
from fairmilk.store import open_store
from fairmilk.text import Msg

PRODUCTS = [  # prefix, system, category, from, to
    ("040210", "HS", "smp", 1988, 9999), ("040221", "HS", "wmp", 1988, 9999),
    ("1901", "HS", "other", 1988, 9999), ("19019095", "CN", "ffmp", 2020, 9999),
]  # fmt: skip
# reporter, partner, code, year, kg, file -- SYNTHETIC
FLOWS = [
    ("IE", "SN", "04022118", 2015, 100_000, "w"),  # WMP alone in a file of its own
    ("IE", "SN", "04021019", 2016, 400, "f"),  # 0.4 t of SMP and 0.2 t under the code
    ("IE", "SN", "19019099", 2016, 200, "f"),
    ("IE", "SN", "19019099", 2017, 0, "f"),  # declared, with 0 kg: no share at all
    ("IE", "SN", "04021019", 2018, 100_000, "f"),
    ("IE", "SN", "04022118", 2019, 300_000, "f"),
    ("IE", "SN", "19019099", 2019, 1_000_000, "f"),
    ("FR", "GH", "19019099", 2019, 1_000_000, "f"),
    ("US", "SN", "19019099", 2019, 5_000_000, "f"),  # not an EU exporter
    ("IE", "CN", "19019099", 2019, 5_000_000, "f"),  # not a West African destination
    ("IE", "SN", "19019099", 2020, 700_000, "f"),  # the old carrier after 2020: not FFMP
    ("IE", "SN", "19019095", 2020, 2_000_000, "s"),
    ("IE", "SN", "04021019", 2020, 500_000, "f"),
    ("IE", "SN", "19019095", 2021, None, "f"),  # no quantity: a gap
    ("IE", "SN", "04021019", 2021, 400_000, "f"),
]
MEMBERS = [("eu27", "IE"), ("eu27", "FR"), ("west-africa", "SN"), ("west-africa", "GH")]


def fill(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    for file_id, synthetic in (("f", False), ("s", True), ("w", False)):
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, synthetic) VALUES (?, 'comext', ?, 1, true, ?, 1, ?)",
            [file_id, f"comext:{file_id}", f"{file_id}.dat", synthetic],
        )
    for prefix, system, category, start, end in PRODUCTS:
        con.execute(
            "INSERT INTO ref_products (prefix, code_system, category, valid_from, valid_to, "
            "ffmp_role, label_en, label_fr, source_url) VALUES (?, ?, ?, ?, ?, 'none', 'x', "
            "'x', 'u')",
            [prefix, system, category, start, end],
        )
    for category in ("smp", "wmp", "other", "ffmp"):
        con.execute(
            "INSERT INTO ref_categories (category, name_en, name_fr, is_powder) "
            "VALUES (?, 'x', 'x', true)",
            [category],
        )
    for region, iso in MEMBERS:
        con.execute(
            "INSERT INTO ref_memberships VALUES (?, ?, '1958-01-01', NULL, 'u')", [region, iso]
        )
    for reporter, partner, code, year, kg, file_id in FLOWS:
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, month, value_eur, value_usd, quantity_kg) "
            "VALUES (?, 'comext', ?, ?, ?, 'CN8', 'export', ?, NULL, 1, NULL, ?)",
            [file_id, reporter, partner, code, year, kg],
        )
    return con


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """The SYNTHETIC store, shared by the module's tests: do not modify."""
    connection = fill(open_store(tmp_path_factory.mktemp("ffmp") / "store.duckdb"))
    yield connection
    connection.close()


def _rows(t: object) -> list[dict[str, object]]:
    return list(t.to_pyarrow().to_pylist())  # type: ignore[attr-defined]


def test_estimated_before_the_code_measured_from_it(store: duckdb.DuckDBPyConnection) -> None:
    rows = {r["year"]: r for r in _rows(ffmp_series(store))}
    assert sorted(rows) == [2016, 2017, 2019, 2020, 2021]  # 2018: no row under the code
    early = rows[2019]  # IE to SN and FR to GH: 2 000 t under the carrier code
    assert (early["code"], early["code_tonnes"], early["estimated"]) == ("19019099", 2000.0, True)
    assert early["ffmp_low_t"] == pytest.approx(1000.0)
    assert early["ffmp_central_t"] == pytest.approx(1100.0)
    assert early["ffmp_high_t"] == pytest.approx(1200.0)
    assert (
        early["method"] == "estimate: CN 19019099 tonnes x 50% / 55% / 60% (low / central / high)"
    )
    assert early["method_source"] == f"{AHDB_2018.source} ({AHDB_2018.source_url})"
    assert early["synthetic"] is False
    measured = rows[2020]  # the old carrier's 700 t are not FFMP any more
    assert (measured["code"], measured["code_tonnes"], measured["estimated"]) == (
        "19019095", 2000.0, False)  # fmt: skip
    assert measured["ffmp_low_t"] == measured["ffmp_central_t"] == measured["ffmp_high_t"] == 2000.0
    assert measured["method"] == "measured: CN 19019095 tonnes"
    assert measured["method_source"] == "Eurostat Comext, CN8 1901 90 95"
    assert measured["synthetic"] is True
    gap = rows[2021]
    assert (gap["code_tonnes"], gap["ffmp_central_t"]) == (None, None)


def test_share_of_powder_exports(store: duckdb.DuckDBPyConnection) -> None:
    rows = {r["year"]: r for r in _rows(ffmp_powder_share(store))}
    # tiny: 0.2 t x 55 % = 0.11 t of FFMP beside 0.4 t of SMP
    assert rows[2016]["share_central_pct"] == pytest.approx(100 * 0.11 / 0.51)
    assert rows[2017]["share_central_pct"] is None  # 0 t of powder: no share, not NaN
    assert rows[2018]["smp_t"] == 100.0
    assert rows[2018]["share_central_pct"] == 0.0  # powder but no FFMP: 0 %, not a gap
    y2019 = rows[2019]  # wmp 300 t, FFMP 1 000 / 1 100 / 1 200 t
    assert (y2019["smp_t"], y2019["wmp_t"]) == (0.0, 300.0)
    assert y2019["share_low_pct"] == pytest.approx(100 * 1000 / 1300)
    assert y2019["share_central_pct"] == pytest.approx(100 * 1100 / 1400)
    assert y2019["share_high_pct"] == pytest.approx(100 * 1200 / 1500)
    assert rows[2020]["share_central_pct"] == pytest.approx(100 * 2000 / 2500)
    assert rows[2021]["share_central_pct"] is None  # an FFMP gap leaves the share a gap


def test_a_band_of_the_callers_and_another_first_year(store: duckdb.DuckDBPyConnection) -> None:
    band = FfmpBand(low=0.2, central=0.2, high=1.0, measured_from=2021, source="s", source_url="u")
    rows = {r["year"]: r for r in _rows(ffmp_series(store, band=band))}
    # with the code measured from 2021, 2020's carrier rows (700 t) are estimated
    assert (rows[2020]["code"], rows[2020]["code_tonnes"]) == ("19019099", 700.0)
    assert (rows[2020]["ffmp_low_t"], rows[2020]["ffmp_high_t"]) == (pytest.approx(140.0), 700.0)
    assert rows[2020]["method_source"] == "s (u)"
    assert (
        rows[2020]["method"]
        == "estimate: CN 19019099 tonnes x 20% / 20% / 100% (low / central / high)"
    )
    zero = FfmpBand(low=0.0, central=0.0, high=0.0)
    assert _rows(ffmp_series(store, band=zero, end=2019))[0]["ffmp_high_t"] == 0.0


BAD_BANDS = [(-0.1, 0.5, 0.6), (0.5, 0.4, 0.6), (0.5, 0.7, 0.6), (0.5, 0.6, 1.01)]


@pytest.mark.parametrize(("low", "central", "high"), BAD_BANDS)
def test_a_band_out_of_order_is_refused_with_its_values(
    store: duckdb.DuckDBPyConnection, low: float, central: float, high: float
) -> None:
    with pytest.raises(ParameterError) as err:
        ffmp_powder_share(store, band=FfmpBand(low=low, central=central, high=high))
    assert str(err.value) == (
        f"FFMP band: expected 0 <= low <= central <= high <= 1, found {low}, {central}, {high}"
    )
    assert FfmpBand(low=0.3, central=0.3, high=0.3).check().central == 0.3


def test_exporters_destinations_and_keys(store: duckdb.DuckDBPyConnection) -> None:
    by_dest = _rows(ffmp_series(store, by=("destination", "year"), start=2019, end=2019))
    assert [(r["year"], r["destination"], r["code_tonnes"]) for r in by_dest] == [
        (2019, "GH", 1000.0), (2019, "SN", 1000.0)]  # fmt: skip
    us = _rows(ffmp_series(store, exporters=["US"], destinations=["SN"], end=2019))
    assert [r["code_tonnes"] for r in us] == [5000.0]
    china = _rows(ffmp_series(store, destinations=["CN"], start=2019, end=2019))
    assert [r["code_tonnes"] for r in china] == [5000.0]
    by_exp = _rows(ffmp_powder_share(store, by=("year", "exporter"), start=2019, end=2019))
    assert [(r["exporter"], r["share_central_pct"]) for r in by_exp] == [
        ("FR", 100.0), ("IE", pytest.approx(100 * 550 / 850))]  # fmt: skip
    with pytest.raises(ParameterError) as err:
        ffmp_series(store, by=("year", "category"))
    assert str(err.value) == (
        "by: expected year, exporter, destination or region, found 'category'"
    )


def test_frame_titles_sources_notes_and_method_texts(store: duckdb.DuckDBPyConnection) -> None:
    frame = ffmp_frame(store, start=2019, end=2019)
    assert str(frame.title) == "FFMP exports (t)"
    assert frame.notes == list(FFMP_NOTES)
    assert frame.sources[-1] == f"FFMP estimate band: {AHDB_2018.source} ({AHDB_2018.source_url})"
    assert not frame.synthetic
    (row,) = frame.records()
    assert isinstance(row["method"], Msg)
    assert str(row["method"]) == str(AHDB_2018.method())
    measured = ffmp_frame(store, start=2020, end=2020)
    assert measured.synthetic
    assert measured.records()[0]["method"] == MEASURED
    share = ffmp_frame(store, share=True, start=2018, end=2018)
    assert str(share.title) == "FFMP share of milk-powder exports (%)"
    assert len(share.sources) == 2  # the file of the SMP row, and the band
    assert len(ffmp_frame(store, start=2018, end=2018).sources) == 1  # the band alone
    wmp = ffmp_frame(store, share=True, start=2015, end=2015)
    assert wmp.sources[0].startswith("comext: w.dat")  # the WMP file is cited


def test_a_measured_year_cites_the_ffmp_code_rows_only(store: duckdb.DuckDBPyConnection) -> None:
    # From 2020 FFMP is what is declared under CN 1901 90 95 (file s here). The same year's
    # 700 t still declared under the old carrier code and its SMP row (both in file f) are
    # not FFMP: the FFMP table must not cite f as a source of its figure.
    measured = ffmp_frame(store, start=2020, end=2020)
    assert [r["code_tonnes"] for r in measured.records()] == [2000.0]
    files = [s for s in measured.sources if s.startswith("comext:")]
    assert files == ["comext: s.dat (vintage 1, SYNTHETIC)"]
    # The share of powders adds the SMP rows, so there f is cited beside s.
    share = ffmp_frame(store, share=True, start=2020, end=2020)
    assert [s.split(" (")[0] for s in share.sources[:2]] == ["comext: f.dat", "comext: s.dat"]


def test_the_share_table_shows_the_tonnes_method_and_synthetic_flag_behind_each_share(
    store: duckdb.DuckDBPyConnection,
) -> None:
    rows = {r["year"]: r for r in _rows(ffmp_powder_share(store, start=2019, end=2020))}
    # 2019: 2 000 t under CN 1901 90 99 (IE and FR to West Africa) x 50 / 55 / 60 %
    early = rows[2019]
    assert (early["ffmp_low_t"], early["ffmp_central_t"], early["ffmp_high_t"]) == (
        pytest.approx(1000.0), pytest.approx(1100.0), pytest.approx(1200.0))  # fmt: skip
    assert early["method"] == str(AHDB_2018.method())
    assert early["estimated"] is True
    assert early["synthetic"] is False  # file f only: real rows
    # 2020: 2 000 t measured under CN 1901 90 95, from the SYNTHETIC file s
    measured = rows[2020]
    assert (measured["ffmp_low_t"], measured["ffmp_central_t"], measured["ffmp_high_t"]) == (
        2000.0, 2000.0, 2000.0)  # fmt: skip
    assert measured["method"] == str(MEASURED)
    assert measured["synthetic"] is True


def test_grouped_by_region_the_region_sums_its_destinations(
    store: duckdb.DuckDBPyConnection,
) -> None:
    # West Africa in 2019: IE to SN 1 000 t and FR to GH 1 000 t under the carrier code;
    # the 300 t of WMP to SN make the share 1 100 / (300 + 1 100) at the central 55 %.
    (row,) = _rows(ffmp_powder_share(store, by=("year", "region"), start=2019, end=2019))
    assert (row["year"], row["region"]) == (2019, "west-africa")
    assert row["ffmp_central_t"] == pytest.approx(1100.0)
    assert row["share_central_pct"] == pytest.approx(100 * 1100 / 1400)
    (series,) = _rows(ffmp_series(store, by=("region",), start=2019, end=2019))
    assert (series["region"], series["code_tonnes"]) == ("west-africa", 2000.0)


def test_the_method_text_prints_each_share_of_the_band_as_given(
    store: duckdb.DuckDBPyConnection,
) -> None:
    # A caller's band of 60 / 65 / 70 % is printed as such, each share times 100.
    band = FfmpBand(low=0.6, central=0.65, high=0.7)
    assert str(band.method()) == (
        "estimate: CN 19019099 tonnes x 60% / 65% / 70% (low / central / high)"
    )
    (row,) = _rows(ffmp_series(store, band=band, start=2019, end=2019))
    assert row["method"] == str(band.method())
    assert row["ffmp_low_t"] == pytest.approx(1200.0)  # 2 000 t x 60 %
