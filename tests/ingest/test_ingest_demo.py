"""The synthetic demo file: shipped, reproducible, labelled synthetic everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from fairmilk.ingest.demo import demo_files
from fairmilk.ingest.demo.generate import write
from fairmilk.store.trade import ingest_file


def test_demo_file_is_reproducible(tmp_path: Path) -> None:
    (shipped,) = demo_files()
    assert "synthetic" in shipped.name
    write(tmp_path / shipped.name)
    assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes()


def test_demo_provenance_says_synthetic() -> None:
    (shipped,) = demo_files()
    record = shipped.with_name(shipped.name.replace(".dat.gz", ".provenance.json"))
    meta = json.loads(record.read_text(encoding="utf-8"))
    assert meta["synthetic"] is True
    assert "SYNTHETIC" in meta["title_en"]
    assert "SYNTHÉTIQUES" in meta["title_fr"]


def test_demo_ingest_is_marked_synthetic(con: duckdb.DuckDBPyConnection) -> None:
    (shipped,) = demo_files()
    report = ingest_file(con, shipped, source="comext")
    assert report.synthetic
    assert report.rows_kept > 2000
    assert con.execute("SELECT bool_and(synthetic) FROM trade_current").fetchone() == (True,)
    by_code = dict(
        con.execute("SELECT product_code, min(year) FROM trade_flows GROUP BY ALL").fetchall()
    )
    assert by_code["19019095"] == 2020
    assert by_code["19019099"] == 2018
    partners = {r[0] for r in con.execute("SELECT DISTINCT partner FROM trade_flows").fetchall()}
    assert partners <= {
        "MR",
        "ML",
        "BF",
        "NE",
        "SN",
        "CV",
        "GM",
        "GW",
        "GN",
        "SL",
        "LR",
        "CI",
        "GH",
        "TG",
        "BJ",
        "NG",
    }
