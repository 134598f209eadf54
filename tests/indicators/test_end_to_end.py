"""End to end: the embedded reference data and the SYNTHETIC demo trade file, through the
real loaders, into the trade indicators; checked against plain SQL on the same store."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.headline import headline_frames
from fairmilk.indicators.trade import trade_frame
from fairmilk.ingest.demo import demo_files
from fairmilk.store import open_store
from fairmilk.store.reference import load_reference
from fairmilk.store.trade import ingest_file

CATEGORIES = {"liquid_milk", "cream", "smp", "wmp", "ffmp", "butter", "cheese", "whey",
              "condensed", "yoghurt", "infant_formula", "other", None}  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    """A store built like ``fairmilk build``: reference data plus the synthetic demo file."""
    con = open_store(tmp_path_factory.mktemp("e2e") / "store.duckdb")
    load_reference(con)
    for path in demo_files():
        ingest_file(con, path, source="comext", synthetic=True)
    yield con
    con.close()


def test_trade_matches_plain_sql(demo: duckdb.DuckDBPyConnection) -> None:
    frame = trade_frame(demo, exporters=["IE"], by=("year",))
    assert frame.synthetic
    assert any("comext_synthetic" in s for s in frame.sources)
    expected = demo.execute(
        "SELECT year, sum(quantity_kg) / 1000, sum(value_eur) FROM trade_current "
        "WHERE reporter = 'IE' AND flow = 'export' GROUP BY year ORDER BY year"
    ).fetchall()
    got = [(r["year"], r["tonnes_reported"], r["value_eur"]) for r in frame.records()]
    assert [g[0] for g in got] == [e[0] for e in expected]
    for (_, t, v), (_, te, ve) in zip(got, expected, strict=True):
        assert t == pytest.approx(te)
        assert v == pytest.approx(ve)


def test_categories_are_known(demo: duckdb.DuckDBPyConnection) -> None:
    rows = trade_frame(demo, by=("category",)).records()
    assert {r["category"] for r in rows} <= CATEGORIES
    assert "smp" in {r["category"] for r in rows}


def test_ffmp_estimated_then_measured(demo: duckdb.DuckDBPyConnection) -> None:
    rows = ffmp_frame(demo).records()
    assert rows, "the demo file has FFMP lines"
    for r in rows:
        assert r["estimated"] is (r["year"] < 2020)
        assert r["code"] == ("19019099" if r["year"] < 2020 else "19019095")
        if r["ffmp_central_t"] is not None and r["estimated"]:
            assert r["ffmp_central_t"] == pytest.approx(0.55 * r["code_tonnes"])


def test_dependency_matches_plain_sql(demo: duckdb.DuckDBPyConnection) -> None:
    rows = {(r["geo"], r["year"]): r for r in dependency_frame(demo).records()}
    assert len({geo for geo, _ in rows}) == 16  # ECOWAS 15 + Mauritania
    sql = "SELECT value FROM observations WHERE series = ? AND geo = 'SN' AND year = 2020"
    [(prod,)] = demo.execute(sql, ["milk_production_all"]).fetchall()
    [(cow,)] = demo.execute(sql, ["cow_milk_production"]).fetchall()
    [(imp,)] = demo.execute(sql, ["milk_imports_me"]).fetchall()
    assert rows[("SN", 2020)]["dependency_pct"] == pytest.approx(100 * imp / (prod + imp))
    assert rows[("SN", 2020)]["dependency_cow_pct"] == pytest.approx(100 * imp / (cow + imp))


def test_headline_tables(demo: duckdb.DuckDBPyConnection) -> None:
    frames = headline_frames(demo)
    assert [f.title.split(",")[0] for f in frames] == [
        "EU-27 dairy exports to West Africa by category",
        "FFMP share of EU-27 milk-powder exports to West Africa (%)",
        "Import dependency of West African countries",
        "Published figures on FFMP exports",
    ]
    assert frames[0].synthetic
    assert frames[3].rows
    assert all(frame.sources for frame in frames)
