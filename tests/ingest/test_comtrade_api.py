"""UN Comtrade fetch: key or preview, URLs, key kept out of files, errors, load. No network.

Answers are built from the record of fixtures/comtrade_preview_SN_2022_M.json, which has
the field set of the Comtrade API answer (see docs/ingest.md for its sources).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from ingest_helpers import FIXTURES
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import FetchError
from fairmilk.ingest.answer_cache import Retry
from fairmilk.ingest.comtrade_api import KEY_ENV, ComtradeQuery, fetch_years
from fairmilk.reference.hs6 import dairy_hs6
from fairmilk.store import open_store

RECORD = json.loads((FIXTURES / "comtrade_preview_SN_2022_M.json").read_text())["data"][0]
M49 = {"SN": (686, "SEN", "Senegal"), "CI": (384, "CIV", "Côte d'Ivoire")}
PARTNERS = {"FR": (251, "FRA", "France"), "NL": (528, "NLD", "Netherlands")}


def _record(reporter: str, partner: str, year: int, cmd: str, value: float, kg: float) -> Any:
    r = copy.deepcopy(RECORD)
    (r["reporterCode"], r["reporterISO"], r["reporterDesc"]) = M49[reporter]
    (r["partnerCode"], r["partnerISO"], r["partnerDesc"]) = PARTNERS[partner]
    r.update(refYear=year, period=year, refPeriodId=year * 10000 + 101, cmdCode=cmd)
    r.update(primaryValue=value, cifvalue=value, netWgt=kg, qty=kg)
    return r


ANSWERS = {
    ("686", "2022"): [
        _record("SN", "FR", 2022, "040221", 21_500_000, 5_400_000),
        _record("SN", "NL", 2022, "190190", 9_800_000, 2_000_000),
    ],
    ("686", "2023"): [_record("SN", "FR", 2023, "040221", 20_000_000, 5_000_000)],
    ("384", "2023"): [],
}


def _serve(request: httpx.Request) -> httpx.Response:
    q = request.url.params
    data = ANSWERS.get((q["reporterCode"], q["period"]))
    if data is None:
        return httpx.Response(404, json={"statusCode": 404, "message": "Resource not found"})
    return httpx.Response(200, json={"elapsedTime": "0.1 secs", "count": len(data),
                                     "data": data, "error": ""})  # fmt: skip


def test_preview_and_keyed_urls() -> None:
    q = ComtradeQuery("SN", 2022, ("NL", "FR"), ("M",), ("040221", "190190"))
    assert q.url() == (
        "https://comtradeapi.un.org/public/v1/preview/C/A/HS?reporterCode=686&period=2022"
        "&flowCode=M&cmdCode=040221,190190&includeDesc=true&partnerCode=251,528"
    )
    keyed = ComtradeQuery("SN", 2022, (), ("M",), keyed=True).url()
    assert keyed.startswith("https://comtradeapi.un.org/data/v1/get/C/A/HS?")
    assert "maxRecords=250000" in keyed
    assert "partnerCode" not in keyed
    assert "cmdCode=" + ",".join(dairy_hs6()) in keyed


def test_key_goes_in_a_header_never_in_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_ENV, "s3cr3t-key")
    seen: list[httpx.Request] = []

    def serve(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return _serve(request)

    http = httpx.Client(transport=httpx.MockTransport(serve))
    got = fetch_years(("SN",), 2022, 2022, partners=("eu27",), hs=(), flows=("M",),
                      cache=tmp_path, http=http)  # fmt: skip
    assert seen[0].headers["Ocp-Apim-Subscription-Key"] == "s3cr3t-key"
    assert "/data/v1/get/" in str(seen[0].url)
    assert "s3cr3t" not in str(seen[0].url)
    assert got[0].records == 2
    for file in tmp_path.rglob("*"):
        if file.is_file():
            assert "s3cr3t" not in file.read_text(encoding="utf-8"), file
    side = json.loads(next(tmp_path.rglob("*.json.json")).read_text())
    assert side["query"]["endpoint"] == "data (subscription key)"
    assert len(side["query"]["partners"]) == 27


def test_rate_limit_is_retried_then_a_refusal_is_clear(tmp_path: Path) -> None:
    calls = iter([httpx.Response(429, text="Rate limit is exceeded")])

    def serve(request: httpx.Request) -> httpx.Response:
        return next(calls, None) or _serve(request)

    waits: list[float] = []
    http = httpx.Client(transport=httpx.MockTransport(serve))
    got = fetch_years(("SN",), 2022, 2022, partners=(), hs=("040221",), flows=("M",),
                      cache=tmp_path, http=http, retry=Retry(3, 1.0, waits.append))  # fmt: skip
    assert waits == [1.0]
    assert got[0].records == 2
    denied = httpx.Client(transport=httpx.MockTransport(
        lambda r: httpx.Response(401, json={"statusCode": 401, "message": "Access denied"})
    ))  # fmt: skip
    with pytest.raises(FetchError, match=r"HTTP 401: .*Access denied"):
        fetch_years(("CI",), 2022, 2022, partners=(), hs=(), flows=("M",), cache=tmp_path,
                    http=denied)  # fmt: skip


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<html>maintenance</html>", "not JSON"),
        (b'{"count": 0}', "no 'data' list"),
        (b'{"data": [], "error": "Invalid period"}', "answered with an error: 'Invalid period'"),
        (b'{"data": [1, 2]}', "not a JSON object"),
    ],
)
def test_bad_answers_are_clear_errors(tmp_path: Path, body: bytes, message: str) -> None:
    http = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, content=body)))
    with pytest.raises(FetchError, match=message):
        fetch_years(("SN",), 2022, 2022, partners=(), hs=(), flows=("M",), cache=tmp_path,
                    http=http)  # fmt: skip


@respx.mock
def test_cli_fetches_years_and_reporters_and_loads_vintages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(KEY_ENV, raising=False)
    route = respx.route(host="comtradeapi.un.org").mock(side_effect=_serve)
    store = tmp_path / "s.duckdb"
    args = ["fetch", "comtrade", "--reporter", "SN,CI", "--from", "2022", "--to", "2023",
            "--partner", "eu27", "--flow", "M", "--cache", str(tmp_path / "c"),
            "--db", str(store)]  # fmt: skip
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 1
    assert "Resource not found" in str(first.exception)  # CI 2022 has no answer: 404
    ANSWERS[("384", "2022")] = []
    try:
        second = CliRunner().invoke(app, args)
    finally:
        del ANSWERS[("384", "2022")]
    assert second.exit_code == 0, second.output
    assert "public preview" in second.output
    assert "CI 2023: no records" in second.output
    assert route.call_count == 2 + 3  # SN 2022, fetched by the first run, was reused
    con = open_store(store, read_only=True)
    keys = con.execute(
        "SELECT dataset_key, producer FROM source_files WHERE source = 'comtrade' ORDER BY 1"
    ).fetchall()
    rows = con.execute(
        "SELECT reporter, partner, product_code, year, value_usd, quantity_kg FROM trade_flows "
        "ORDER BY year, partner"
    ).fetchall()
    con.close()
    assert [k[1] for k in keys] == ["UN Comtrade", "UN Comtrade"]
    assert rows == [
        ("SN", "FR", "040221", 2022, 21_500_000.0, 5_400_000.0),
        ("SN", "NL", "190190", 2022, 9_800_000.0, 2_000_000.0),
        ("SN", "FR", "040221", 2023, 20_000_000.0, 5_000_000.0),
    ]
