"""`fairmilk build` loads the embedded data and prints labelled headline tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb


def _fairmilk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fairmilk", *args], capture_output=True, text=True, check=False
    )


def test_build_twice_loads_once_and_labels_synthetic(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    first = _fairmilk("build", "--db", str(db))
    assert first.returncode == 0, first.stderr
    assert "SYNTHETIC" in first.stdout
    assert "(loaded, SYNTHETIC)" in first.stdout
    second = _fairmilk("build", "--db", str(db), "--format", "json")
    assert second.returncode == 0, second.stderr
    _assert_every_document_has_sources(second.stdout)
    con = duckdb.connect(str(db), read_only=True)
    files = con.execute(
        "SELECT count(*) FROM source_files WHERE source = 'comext' AND synthetic"
    ).fetchone()
    observations = con.execute("SELECT count(*) FROM observations").fetchone()
    con.close()
    assert files == (1,)
    assert observations is not None
    assert observations[0] > 1000


def test_build_rejects_an_unknown_format(tmp_path: Path) -> None:
    done = _fairmilk("build", "--db", str(tmp_path / "s.duckdb"), "--format", "xml")
    assert done.returncode != 0
    assert "table, csv or json" in done.stderr + done.stdout


def _assert_every_document_has_sources(text: str) -> None:
    decoder = json.JSONDecoder()
    docs, pos = [], 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        doc, pos = decoder.raw_decode(text, pos)
        docs.append(doc)
    assert docs, "no JSON document printed"
    for doc in docs:
        assert doc["sources"], f"{doc['title']} has no sources"
