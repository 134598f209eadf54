"""Fetchers: URLs, download cache with provenance sidecar, then ingest. No network (respx)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import httpx
import pytest
import respx
from ingest_helpers import FIXTURES, sevenzipped
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import FetchError
from fairmilk.ingest.comtrade_api import ComtradeQuery
from fairmilk.ingest.fetch import comext_url, download
from fairmilk.store import open_store

COMEXT_2023_05 = (
    "https://ec.europa.eu/eurostat/api/dissemination/files?file="
    "comext%2FCOMEXT_DATA%2FPRODUCTS%2Ffull_v2_202305.7z"
)
PREVIEW = (
    "https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=686&period=2022"
    "&flowCode=M&cmdCode=040221,190190&includeDesc=true"
)


def test_urls() -> None:
    assert comext_url(2023, 5) == COMEXT_2023_05
    assert comext_url(2019).endswith("full_v2_201952.7z")
    assert ComtradeQuery("SN", 2022, (), ("M",), ("040221", "190190")).url() == PREVIEW


@respx.mock
def test_fetch_comext_downloads_caches_and_loads(tmp_path: Path) -> None:
    archive = sevenzipped(FIXTURES / "comext_full_v2_small.dat", tmp_path / "full.7z")
    route = respx.get(COMEXT_2023_05).mock(
        return_value=httpx.Response(200, content=archive.read_bytes())
    )
    store, cache = tmp_path / "s.duckdb", tmp_path / "cache"
    args = [
        "fetch",
        "comext",
        "--bulk",
        "--year",
        "2023",
        "--month",
        "5",
        "--cache",
        str(cache),
        "--db",
        str(store),
    ]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(app, args)
    assert route.call_count == 1
    assert "cached" in second.output
    assert "already loaded" in second.output
    (sidecar,) = cache.glob("*.7z.json")
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    assert meta["url"] == COMEXT_2023_05
    assert meta["http_status"] == 200
    assert meta["sha256"] == hashlib.sha256(archive.read_bytes()).hexdigest()
    assert meta["size"] == archive.stat().st_size
    con = open_store(store, read_only=True)
    assert con.execute(
        "SELECT dataset_key FROM source_files WHERE source = 'comext'"
    ).fetchall() == [("comext:4-reporters:202305",)]
    con.close()


@respx.mock
def test_fetch_comtrade_preview(tmp_path: Path) -> None:
    answer = (FIXTURES / "comtrade_preview_SN_2022_M.json").read_bytes()
    respx.get(PREVIEW).mock(return_value=httpx.Response(200, content=answer))
    store = tmp_path / "s.duckdb"
    result = CliRunner().invoke(
        app,
        [
            "fetch",
            "comtrade",
            "--reporter",
            "SN",
            "--year",
            "2022",
            "--flow",
            "M",
            "--hs",
            "040221,190190",
            "--cache",
            str(tmp_path / "c"),
            "--db",
            str(store),
        ],
    )
    assert result.exit_code == 0, result.output
    con: duckdb.DuckDBPyConnection = open_store(store, read_only=True)
    rows = con.execute(
        "SELECT reporter, partner, product_code, value_usd FROM trade_flows ORDER BY 2"
    ).fetchall()
    con.close()
    assert rows == [
        ("SN", "FR", "040221", 21500000.5),
        ("SN", "NL", "190190", 9800000.0),
        ("SN", "X:0", "040221", 36000000.0),
    ]


@respx.mock
def test_http_error_is_a_fetch_error_and_caches_nothing(tmp_path: Path) -> None:
    respx.get(COMEXT_2023_05).mock(return_value=httpx.Response(404))
    with pytest.raises(FetchError, match="HTTP 404"):
        download(COMEXT_2023_05, tmp_path, suffix=".7z")
    assert list(tmp_path.iterdir()) == []


@respx.mock
def test_truncated_preview_is_refused(tmp_path: Path) -> None:
    record = json.loads((FIXTURES / "comtrade_preview_SN_2022_M.json").read_text())["data"][0]
    full = {"count": 500, "data": [record] * 500}
    respx.get(PREVIEW).mock(return_value=httpx.Response(200, json=full))
    result = CliRunner().invoke(
        app,
        [
            "fetch",
            "comtrade",
            "--reporter",
            "SN",
            "--year",
            "2022",
            "--flow",
            "M",
            "--hs",
            "040221,190190",
            "--cache",
            str(tmp_path / "c"),
            "--db",
            str(tmp_path / "s"),
        ],
    )
    assert isinstance(result.exception, FetchError)
    assert "500" in str(result.exception)
