"""Real data first: a complete store on any write, and synthetic never mixed with real."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import classic_line, write_classic
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.store import open_store
from fairmilk.store.complete import FINGERPRINT_KEY, bring_up_to_date, open_complete

WEST_AFRICA = {"SN", "CI", "NG", "ML", "BF", "GH"}
# A held-out monthly file in the real classic layout, for 2020 (a year the sample covers):
# (reporter, partner, CN8, flow, period, euros, kg)
ROWS = [
    ("FR", "SN", "04021019", "2", "202001", "120000", "50000"),
    ("FR", "SN", "04021019", "2", "202002", "130000", "52000"),
    ("NL", "CI", "19019099", "2", "202005", "987654", "440000"),
    ("DE", "NG", "04022118", "2", "202007", "450000", "150000"),
    ("BE", "ML", "04069099", "2", "202011", "33000", "6000"),
    ("FR", "DE", "04021019", "2", "202003", "777777", "300000"),  # intra-EU: not West Africa
    ("FR", "SN", "02013000", "2", "202004", "555555", "90000"),  # beef: not dairy
    ("FR", "SN", "04021019", "1", "202006", "2222", "1000"),  # an import into France
]


def _exports_to_west_africa() -> tuple[float, float]:
    """The file's own totals: EU exports of dairy to West Africa, euros and tonnes."""
    kept = [r for r in ROWS if r[3] == "2" and r[1] in WEST_AFRICA and r[2][:2] in ("04", "19")]
    return sum(float(r[5]) for r in kept), sum(float(r[6]) for r in kept) / 1000


@pytest.fixture
def real_file(tmp_path: Path) -> Path:
    lines = [
        classic_line(rep=r, par=p, code=c, flow=f, period=t, value=v, kg=k)
        for r, p, c, f, t, v, k in ROWS
    ]
    return write_classic(tmp_path / "full202001_202012.dat", lines)


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def _trade_2020(db: Path) -> dict[str, object]:
    out = _run("trade", "--db", str(db), "--exporter", "eu27", "--destination", "west-africa",
               "--from", "2020", "--to", "2020", "--by", "year", "-f", "json")  # fmt: skip
    doc: dict[str, object] = json.loads(out)
    return doc


def _assert_own_totals(doc: dict[str, object]) -> None:
    euros, tonnes = _exports_to_west_africa()
    data = doc["data"]
    assert isinstance(data, list)
    assert [r["period"] for r in data] == ["2020"]
    assert data[0]["value_eur"] == pytest.approx(euros)
    assert data[0]["tonnes"] == pytest.approx(tonnes)
    assert doc["synthetic"] is False
    assert not any("SYNTHETIC" in n for n in doc["notes"])  # type: ignore[attr-defined]


def test_ingest_into_a_new_store_gives_the_files_own_totals(
    real_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "new.duckdb"
    _run("ingest", "comext", str(real_file), "--db", str(db))
    _assert_own_totals(_trade_2020(db))


def test_real_file_after_build_retires_the_sample_everywhere(
    real_file: Path, tmp_path: Path
) -> None:
    db = tmp_path / "built.duckdb"
    _run("build", "--db", str(db))
    assert _trade_2020(db)["synthetic"] is True  # the sample covers 2020
    out = _run("ingest", "comext", str(real_file), "--db", str(db))
    retired = [line for line in out.splitlines() if line.startswith("Synthetic sample retired")]
    assert len(retired) == 1
    assert "comext_synthetic_eu27_west_africa_2018_2023.dat.gz" in retired[0]
    _assert_own_totals(_trade_2020(db))
    sources = json.loads(_run("sources", "--db", str(db), "--source", "comext", "-f", "json"))
    status = {r["file_name"]: r["status"] for r in sources["data"]}
    assert status == {
        "comext_synthetic_eu27_west_africa_2018_2023.dat.gz": "retired",
        real_file.name: "current",
    }
    assert sources["synthetic"] is False
    _assert_no_synthetic_output(db, tmp_path)
    # build again (default): the sample stays retired; nothing synthetic comes back
    assert "not used, real comext data is loaded" in _run("build", "--db", str(db))
    _assert_no_synthetic_output(db, tmp_path)


def _assert_no_synthetic_output(db: Path, tmp_path: Path) -> None:
    for doc in _documents(_run("headline", "--db", str(db), "-f", "json")):
        assert doc["synthetic"] is False, doc["title"]
    csv_out = _run("trade", "--db", str(db), "--by", "year,exporter", "-f", "csv")
    table = list(csv.DictReader(ln for ln in csv_out.splitlines() if not ln.startswith("#")))
    assert table
    assert {r["synthetic"] for r in table} == {"False"}
    assert "SYNTHETIC" not in csv_out
    target = tmp_path / "export.csv"
    out = _run("export", "trade", "-o", str(target), "--by", "year", "--db", str(db))
    assert "SYNTHETIC" not in out
    assert "SYNTHETIC" not in target.read_text(encoding="utf-8")
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM trade_current WHERE synthetic").fetchone() == (0,)
    finally:
        con.close()


def _documents(text: str) -> Iterator[dict[str, object]]:
    decoder, pos = json.JSONDecoder(), 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        doc, pos = decoder.raw_decode(text, pos)
        yield doc


def test_build_demo_choice(real_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "choice.duckdb"
    assert "demo trade sample: not loaded" in _run("build", "--db", str(db), "--no-demo")
    assert _synthetic_rows(db) == (0, 0)
    _run("build", "--db", str(db))  # default: no real data, so the sample is used
    assert _synthetic_rows(db)[0] > 0
    _run("build", "--db", str(db), "--no-demo")  # retires the loaded sample
    assert _synthetic_rows(db) == (0, 1)
    _run("build", "--db", str(db), "--demo")  # brings it back while no real data is loaded
    assert _synthetic_rows(db)[0] > 0
    _run("ingest", "comext", str(real_file), "--db", str(db))
    out = _run("build", "--db", str(db), "--demo")  # real data loaded: stored, never used
    assert "retired: real data loaded" in out
    assert _synthetic_rows(db) == (0, 1)


def _synthetic_rows(db: Path) -> tuple[int, int]:
    """Synthetic rows in use, and synthetic files kept retired."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT (SELECT count(*) FROM trade_current WHERE synthetic), "
            "(SELECT count(*) FROM source_files WHERE synthetic AND retired_by IS NOT NULL)"
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return int(row[0]), int(row[1])


def test_synthetic_file_after_real_is_stored_retired(real_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "late.duckdb"
    _run("ingest", "comext", str(real_file), "--db", str(db))
    fake = write_classic(tmp_path / "sample.dat", [classic_line(period="202052")])
    out = _run("ingest", "comext", str(fake), "--db", str(db), "--synthetic")
    assert "stored retired, not used" in out
    _assert_own_totals(_trade_2020(db))


def test_reference_reload_is_skipped_when_current(tmp_path: Path) -> None:
    db = tmp_path / "ref.duckdb"
    con = open_complete(db)
    try:
        products = con.execute("SELECT count(*) FROM ref_products").fetchone()
        assert products is not None
        assert products[0] > 0
        assert bring_up_to_date(con) is False  # current: a no-op
        con.execute("UPDATE meta SET value = 'old' WHERE key = ?", [FINGERPRINT_KEY])
        con.execute("DELETE FROM ref_products")
        assert bring_up_to_date(con) is True  # another fairmilk's data: reloaded
        assert con.execute("SELECT count(*) FROM ref_products").fetchone() == products
    finally:
        con.close()


def test_plain_open_store_leaves_reference_tables_alone(tmp_path: Path) -> None:
    con = open_store(tmp_path / "plain.duckdb")
    try:
        assert con.execute("SELECT count(*) FROM ref_products").fetchone() == (0,)
    finally:
        con.close()
