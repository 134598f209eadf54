"""Helpers for the ingest tests: write files in the real layouts, compress them, count rows."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import py7zr

FIXTURES = Path(__file__).parent / "fixtures"
CLASSIC_HEADER = (
    "DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,"
    "PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA21,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,"
    "FLOW,STAT_REGIME,SUPP_UNIT,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,SUP_QUANTITY"
)


def classic_line(
    rep: str = "FR",
    par: str = "SN",
    code: str = "04021019",
    flow: str = "2",
    period: str = "201952",
    value: str = "1000",
    kg: str = "500",
    regime: str = "1",
) -> str:
    """One classic-layout data line (the columns the ingest does not read are left empty)."""
    cells = [
        "001",
        rep,
        "0248",
        par,
        "E",
        code,
        "",
        "",
        "",
        "",
        "",
        "",
        code[:2],
        flow,
        regime,
        "",
        period,
        value,
        kg,
        "",
    ]
    return ",".join(cells)


def write_classic(path: Path, lines: list[str]) -> Path:
    """Write a classic-layout file: the header and the given data lines."""
    path.write_text("\n".join([CLASSIC_HEADER, *lines]) + "\n", encoding="utf-8")
    return path


def gzipped(path: Path, out: Path) -> Path:
    """A gzip copy of ``path``."""
    with path.open("rb") as src, gzip.open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def sevenzipped(path: Path, out: Path) -> Path:
    """A 7z archive holding ``path`` as its only member."""
    with py7zr.SevenZipFile(out, mode="w") as archive:
        archive.write(path, arcname=path.name)
    return out


def counts(con: duckdb.DuckDBPyConnection) -> tuple[int, int, int]:
    """Rows in source_files, trade_flows and quality_issues."""
    return tuple(  # type: ignore[return-value]
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
        for t in ("source_files", "trade_flows", "quality_issues")
    )
