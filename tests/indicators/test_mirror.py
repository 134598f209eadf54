"""Mirror trade: hand-computed gaps between importer-reported and EU-reported trade.

A small store written here (SYNTHETIC figures): Senegal's imports as reported to UN
Comtrade (US dollars) and EU exports to Senegal and Côte d'Ivoire as reported to Comext.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.indicators.mirror import mirror, mirror_frame
from fairmilk.indicators.registry import get
from fairmilk.store import open_store

MEMBERS = [("eu27", c) for c in ("FR", "NL", "DE", "IE")] + [
    ("west-africa", c) for c in ("SN", "CI")
]
# file, source, reporter, partner, product, flow, year, month, value_eur, value_usd, kg
ROWS = [
    ("ct", "comtrade", "SN", "FR", "040221", "import", 2022, None, None, 21_500_000, 5_400_000),
    ("ct", "comtrade", "SN", "NL", "190190", "import", 2022, None, None, 9_800_000, 2_000_000),
    ("ct", "comtrade", "SN", "NL", "040610", "import", 2022, None, None, 1_000_000, 100_000),
    ("ct", "comtrade", "SN", "CN", "040221", "import", 2022, None, None, 3_000_000, 900_000),
    ("ct", "comtrade", "SN", "X:0", "040221", "import", 2022, None, None, 40_000_000, 9e6),
    ("ct", "comtrade", "SN", "FR", "040221", "import", 2021, None, None, 10_000_000, 3e6),
    ("cx", "comext", "FR", "SN", "04022118", "export", 2022, None, 18_000_000, None, 5e6),
    ("cx", "comext", "NL", "SN", "19019099", "export", 2022, None, 8_000_000, None, 2.5e6),
    ("cx", "comext", "NL", "SN", "19019095", "export", 2022, None, 2_000_000, None, 1e6),
    ("cx", "comext", "DE", "SN", "04021019", "export", 2022, None, 900_000, None, 300_000),
    ("cx", "comext", "FR", "SN", "04061020", "export", 2022, None, 500_000, None, 50_000),
    ("cx", "comext", "FR", "CI", "04021019", "export", 2022, None, 1_000_000, None, None),
    ("cx", "comext", "FR", "CI", "04022118", "export", 2022, None, 500_000, None, 100_000),
    ("cxm", "comext", "NL", "SN", "19019099", "export", 2022, 3, 777_000, None, 1_000),
    ("cxm", "comext", "IE", "SN", "04021019", "export", 2022, 1, 100_000, None, 20_000),
]


@pytest.fixture
def mcon(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    con = open_store(tmp_path / "m.duckdb")
    for file_id, source in (("ct", "comtrade"), ("cx", "comext"), ("cxm", "comext")):
        con.execute(
            "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, "
            "file_name, size_bytes, synthetic) VALUES (?, ?, ?, 1, true, ?, 1, true)",
            [file_id, source, f"{source}:{file_id}", f"synthetic_{file_id}.csv"],
        )
    for row in ROWS:
        code_system = "HS6" if row[1] == "comtrade" else "CN8"
        con.execute(
            "INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, "
            "code_system, flow, year, month, value_eur, value_usd, quantity_kg) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [*row[:5], code_system, *row[5:]],
        )
    for region, iso in MEMBERS:
        con.execute(
            "INSERT INTO ref_memberships VALUES (?, ?, DATE '1958-01-01', NULL, 'x')",
            [region, iso],
        )
    con.execute(
        "INSERT INTO observations (dataset, series, geo, period, year, value, unit, source_url) "
        "VALUES ('fx', 'eur_per_usd', 'EU', '2022', 2022, 0.95, 'EUR per USD', 'https://x')"
    )
    return con


def _rows(con: duckdb.DuckDBPyConnection, **options: object) -> list[dict[str, object]]:
    return mirror(con, **options).to_pyarrow().to_pylist()  # type: ignore[arg-type]


def test_gap_by_country_and_year(mcon: duckdb.DuckDBPyConnection) -> None:
    rows = {(r["country"], r["year"]): r for r in _rows(mcon)}
    assert set(rows) == {("CI", 2022), ("SN", 2021), ("SN", 2022)}
    sn = rows[("SN", 2022)]
    # importer: FR 040221 + NL 190190 (cheese, China and the world total are out of scope)
    assert sn["importer_value_usd"] == 31_300_000
    assert sn["importer_value_eur"] == pytest.approx(29_735_000)
    assert sn["importer_t"] == pytest.approx(7_400)
    # EU: FR 18 M + NL 8 M + 2 M + DE 0.9 M + IE's January (no annual row) 0.1 M;
    # NL's March row is dropped (NL has an annual row); FR cheese is out of scope
    assert sn["eu_value_eur"] == pytest.approx(29_000_000)
    assert sn["eu_t"] == pytest.approx(8_820)
    assert sn["gap_value_eur"] == pytest.approx(735_000)
    assert sn["gap_value_pct"] == pytest.approx(735_000 / 29_000_000 * 100)
    assert sn["gap_t"] == pytest.approx(-1_420)
    assert sn["gap_t_pct"] == pytest.approx(-1_420 / 8_820 * 100)
    # a side without data, a missing rate or a missing quantity: gaps, not zeros
    ci = rows[("CI", 2022)]
    assert ci["importer_value_usd"] is None
    assert ci["eu_value_eur"] == 1_500_000
    assert ci["eu_t"] is None  # one of its two rows has no quantity
    assert ci["gap_value_eur"] is None
    early = rows[("SN", 2021)]
    assert early["importer_value_usd"] == 10_000_000
    assert early["importer_value_eur"] is None
    assert early["gap_value_eur"] is None


def test_gap_by_partner(mcon: duckdb.DuckDBPyConnection) -> None:
    rows = {(r["eu"], r["year"]): r for r in _rows(mcon, countries=["SN"], by_partner=True)}
    assert rows[("FR", 2022)]["gap_value_eur"] == pytest.approx(21_500_000 * 0.95 - 18_000_000)
    assert rows[("FR", 2022)]["gap_t"] == pytest.approx(400)
    assert rows[("NL", 2022)]["gap_value_eur"] == pytest.approx(9_800_000 * 0.95 - 10_000_000)
    assert rows[("NL", 2022)]["gap_t"] == pytest.approx(2_000 - 3_500)
    assert rows[("DE", 2022)]["importer_value_usd"] is None
    assert rows[("DE", 2022)]["gap_value_eur"] is None
    assert ("CN", 2022) not in rows


def test_frame_has_sources_notes_and_synthetic_flag(mcon: duckdb.DuckDBPyConnection) -> None:
    frame = mirror_frame(mcon, countries=["SN"], start=2022, end=2022)
    assert frame.synthetic
    assert len(frame.rows) == 1
    assert len(frame.sources) == 3
    assert "CIF" in frame.notes[1]
    assert "re-exported" in frame.notes[1]
    assert "040221" in frame.notes[0]
    assert get("mirror_gap").title_fr.startswith("Écart miroir")


def test_cli_trade_mirror(mcon: duckdb.DuckDBPyConnection, tmp_path: Path) -> None:
    mcon.close()
    result = CliRunner().invoke(
        app,
        ["trade", "mirror", "--country", "SN", "--start", "2022", "--db",
         str(tmp_path / "m.duckdb"), "--format", "json"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "735000" in result.output.replace(",", "").replace(".0", "")
