"""Comext SDMX API fetch: query plan, SDMX-CSV reading, retry, split, resume, cache, load.

No network: answers are served by httpx.MockTransport / respx from the hand-written
fixtures in fixtures/comext_api (their shape and its sources: fixtures/comext_api/README.md).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import httpx
import pytest
import respx
from ingest_helpers import FIXTURES, classic_line, write_classic
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import FetchError, ParameterError
from fairmilk.ingest.answer_cache import Retry
from fairmilk.ingest.comext_api import MAX_CELLS, Chunk, Scope, chunks, dairy_cn8, reporters_of
from fairmilk.ingest.comext_fetch import fetch_years
from fairmilk.ingest.sdmx_csv import Observations, read_answer, write_trade_file
from fairmilk.store import open_store

API = FIXTURES / "comext_api"
CODES = [line.split("\t")[0] for line in (API / "CXT_NC.tsv").read_text().splitlines()]
Handler = Callable[[httpx.Request], httpx.Response]


def _answer(request: httpx.Request) -> httpx.Response:
    """The fixture answer for a data request (by frequency and year), or the code list."""
    url = urlparse(str(request.url))
    if "/codelist/" in url.path:
        return httpx.Response(200, content=(API / "CXT_NC.tsv").read_bytes())
    freq = url.path.rsplit("/", 1)[1].split(".")[0]
    year = parse_qs(url.query)["startPeriod"][0][:4]
    path = API / f"ds045409_{freq}_{year}.csv"
    if not path.exists():
        return httpx.Response(404, text="No results found")
    # like the API, answer only the asked reporters and partners
    _freq, reporters, partners = url.path.rsplit("/", 1)[1].split(".")[:3]
    header, *lines = path.read_text().splitlines()
    kept = [
        line
        for line in lines
        if line.split(",")[3] in reporters.split("+") and line.split(",")[4] in partners.split("+")
    ]
    return httpx.Response(200, text="\n".join([header, *kept]) + "\n")


def _client(handler: Handler, calls: list[str]) -> httpx.Client:
    def record(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        return handler(request)

    return httpx.Client(transport=httpx.MockTransport(record))


def _no_sleep(waits: list[float]) -> Retry:
    return Retry(attempts=3, base=2.0, sleep=waits.append)


def test_chunk_url_follows_the_sdmx_key_order() -> None:
    chunk = Chunk("A", 2022, ("DE", "FR"), ("SN",), ("04021019", "19019095"), ("2",))
    assert chunk.url() == (
        "https://ec.europa.eu/eurostat/api/comext/dissemination/sdmx/2.1/data/DS-045409/"
        "A.DE+FR.SN.04021019+19019095.2.VALUE_IN_EUROS+QUANTITY_IN_100KG"
        "?startPeriod=2022&endPeriod=2022&format=SDMX-CSV&compressed=false"
    )
    monthly = Chunk("M", 2023, ("FR",), ("SN",), ("04021019",), ("1", "2"))
    assert "startPeriod=2023-01&endPeriod=2023-12" in monthly.url()
    assert monthly.cells() == 12 * 2 * 2


def test_only_dairy_cn8_codes_valid_in_the_year_are_asked() -> None:
    # 19019095 exists from CN 2020; 040130xx (cream, HS before 2012) only up to 2011;
    # 0402XXXX (confidential) and 84099900 (not dairy) are never asked.
    assert dairy_cn8(CODES, 2018) == ("04015011", "04021019", "04022118", "19019099")
    assert dairy_cn8(CODES, 2011) == ("04013011", "04021019", "04022118", "19019099")
    assert dairy_cn8(CODES, 2022) == ("04015011", "04021019", "04022118", "19019095", "19019099")


def test_chunks_stay_under_the_limit_and_cover_every_reporter() -> None:
    products = tuple(f"0402{i:04d}" for i in range(150))
    plan = chunks(Scope(monthly=True), 2023, products)
    assert len(plan) > 1
    assert all(c.cells() <= MAX_CELLS for c in plan)
    covered = {(r, p) for c in plan for r in c.reporters for p in c.products}
    assert covered == {(r, p) for r in reporters_of(2023) for p in products}
    assert "GB" in reporters_of(2019)
    assert "GB" not in reporters_of(2021)


def test_answer_becomes_rows_in_kg_with_flags(tmp_path: Path) -> None:
    obs = Observations()
    text = (API / "ds045409_A_2022.csv").read_text()
    assert read_answer(text, obs, shown="a.csv").observations == 8
    written = write_trade_file(obs, tmp_path / "out.csv")
    lines = (tmp_path / "out.csv").read_text().splitlines()
    assert written.rows == 3
    assert written.without_value == [("DE", "ML", "04022118", "2", "202252")]
    assert lines[0].startswith("DATAFLOW,RELEASE,REPORTER,PARTNER,PRODUCT_NC,FLOW,PERIOD")
    assert lines[1:] == [
        "ESTAT:DS-045409(1.0),15/03/23 11:00:00,FR,SN,04021019,2,202252,,1250000,312550,,,,",
        "ESTAT:DS-045409(1.0),15/03/23 11:00:00,IE,NG,19019095,2,202252,,2000000,,,,,C",
        "ESTAT:DS-045409(1.0),15/03/23 11:00:00,NL,SN,19019099,2,202252,,800000,400000,,,p,p",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("DATAFLOW,freq,reporter\nx,A,FR\n", "missing column"),
        ('<?xml version="1.0"?><S:Fault>413</S:Fault>', "the answer is XML"),
        (
            "DATAFLOW,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
            "E,A,FR,SN,04021019,2,VALUE_IN_EUROS,2022,12 000\n",
            r"a.csv:2 \(column OBS_VALUE\): expected a number >= 0, found '12 000'",
        ),
        (
            "DATAFLOW,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
            "E,A,FR,SN,04021019,2,VALUE_IN_EUROS,2022-01,1\n",
            r"a.csv:2 \(column TIME_PERIOD\): expected YYYY",
        ),
        (
            "DATAFLOW,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
            "E,A,FR,SN,04021019,2,SUPPLEMENTARY_QUANTITY,2022,1\n",
            "expected VALUE_IN_EUROS or QUANTITY_IN_100KG",
        ),
        (
            "DATAFLOW,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE\n"
            "E,A,FR,SN,04021019,2,VALUE_IN_EUROS,2022,1\n"
            "E,A,FR,SN,04021019,2,VALUE_IN_EUROS,2022,2\n",
            "a.csv:3: a second VALUE_IN_EUROS",
        ),
    ],
)
def test_bad_answers_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        read_answer(text, Observations(), shown="a.csv")


def test_retry_with_backoff_then_success(tmp_path: Path) -> None:
    failures = iter([503, 429])

    def flaky(request: httpx.Request) -> httpx.Response:
        if "/data/" in request.url.path:
            status = next(failures, 200)
            if status != 200:
                return httpx.Response(status, text="busy")
        return _answer(request)

    calls: list[str] = []
    waits: list[float] = []
    files = fetch_years(
        2023,
        2023,
        scope=Scope(),
        cache=tmp_path,
        http=_client(flaky, calls),
        retry=_no_sleep(waits),
    )
    assert waits == [2.0, 4.0]
    assert files[0].rows == 2
    assert len(calls) == 1 + 3


def test_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        if "/data/" in request.url.path:
            return httpx.Response(502, text="Bad gateway")
        return _answer(request)

    with pytest.raises(FetchError, match=r"gave up after 3 attempts; last: HTTP 502: Bad gateway"):
        fetch_years(
            2023, 2023, scope=Scope(), cache=tmp_path, http=_client(down, []), retry=_no_sleep([])
        )
    with pytest.raises(FetchError, match=r"HTTP 400"):
        fetch_years(
            2023,
            2023,
            scope=Scope(),
            cache=tmp_path,
            http=_client(
                lambda r: (
                    httpx.Response(400, text="bad key") if "/data/" in r.url.path else _answer(r)
                ),
                [],
            ),
            retry=_no_sleep([]),
        )


def test_too_big_chunk_is_split_and_asked_again(tmp_path: Path) -> None:
    def picky(request: httpx.Request) -> httpx.Response:
        if "/codelist/" in request.url.path:
            return _answer(request)
        reporters = urlparse(str(request.url)).path.rsplit("/", 1)[1].split(".")[1].split("+")
        if len(reporters) > 10:
            return httpx.Response(413, text="EXTRACTION_TOO_BIG: max authorised is 5000000")
        return _answer(request)

    calls: list[str] = []
    files = fetch_years(
        2023, 2023, scope=Scope(), cache=tmp_path, http=_client(picky, calls), retry=_no_sleep([])
    )
    data = [c for c in calls if "/data/" in c]
    # 27 reporters -> 13 + 14 (refused) -> 6 + 7 + 7 + 7: 3 refusals, 4 answers
    assert len(data) == 3 + 4
    assert files[0].requests == 4
    # every half got the same fixture answer: the rows are there, each key once
    assert files[0].rows == 2


def test_resume_fetches_only_what_is_missing(tmp_path: Path) -> None:
    def fails_2023(request: httpx.Request) -> httpx.Response:
        if "startPeriod=2023" in str(request.url):
            return httpx.Response(500, text="internal error")
        return _answer(request)

    first: list[str] = []
    with pytest.raises(FetchError):
        fetch_years(
            2022,
            2023,
            scope=Scope(),
            cache=tmp_path,
            http=_client(fails_2023, first),
            retry=_no_sleep([]),
        )
    second: list[str] = []
    files = fetch_years(
        2022,
        2023,
        scope=Scope(),
        cache=tmp_path,
        http=_client(_answer, second),
        retry=_no_sleep([]),
    )
    assert [c for c in second if "/codelist/" in c] == []
    assert [c for c in second if "startPeriod=2022" in c] == []
    assert len([c for c in second if "startPeriod=2023" in c]) == 1
    assert [f.fetched for f in files] == [0, 1]
    third: list[str] = []
    fetch_years(2022, 2023, scope=Scope(), cache=tmp_path, http=_client(_answer, third))
    assert third == []


def test_cached_answer_with_changed_bytes_is_fetched_again(tmp_path: Path) -> None:
    calls: list[str] = []
    files = fetch_years(2023, 2023, scope=Scope(), cache=tmp_path, http=_client(_answer, calls))
    manifest = json.loads(Path(str(files[0].path) + ".manifest.json").read_text())
    (answer,) = manifest["answers"]
    cached = next(p for p in (tmp_path / "comext-api").glob("*.csv"))
    cached.write_text(cached.read_text() + "damaged", encoding="utf-8")
    again: list[str] = []
    fetch_years(2023, 2023, scope=Scope(), cache=tmp_path, http=_client(_answer, again))
    assert again == [answer["url"]]
    side = json.loads(Path(str(cached) + ".json").read_text())
    assert set(side) >= {"url", "query", "fetched_at", "sha256", "http_status", "size"}
    assert side["release"] == "15/03/24 11:00:00"
    assert manifest["release"] == "15/03/24 11:00:00"
    assert answer["release"] == "15/03/24 11:00:00"
    assert side["query"]["partners"][:3] == ["BF", "BJ", "CI"]


def test_no_results_is_an_empty_year(tmp_path: Path) -> None:
    files = fetch_years(2021, 2021, scope=Scope(), cache=tmp_path, http=_client(_answer, []))
    assert files[0].rows == 0


@respx.mock
def test_cli_fetch_comext_api_loads_vintages(tmp_path: Path) -> None:
    route = respx.route(host="ec.europa.eu").mock(side_effect=_answer)
    store, cache = tmp_path / "s.duckdb", tmp_path / "cache"
    args = [
        "fetch",
        "comext",
        "--from",
        "2022",
        "--to",
        "2023",
        "--cache",
        str(cache),
        "--db",
        str(store),
    ]
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "1 key(s) without a published value" in first.output
    calls = route.call_count
    assert calls == 3  # code list + one chunk per year
    second = CliRunner().invoke(app, args)
    assert second.exit_code == 0, second.output
    assert route.call_count == calls
    assert second.output.count("already loaded") == 2
    con = open_store(store, read_only=True)
    keys = con.execute(
        "SELECT dataset_key, layout, producer, url FROM source_files "
        "WHERE source = 'comext' ORDER BY 1"
    ).fetchall()
    rows = con.execute(
        "SELECT reporter, partner, product_code, year, month, value_eur, quantity_kg, flag "
        "FROM trade_flows ORDER BY year, reporter"
    ).fetchall()
    con.close()
    assert [k[:2] for k in keys] == [
        ("comext-api:2022:west-africa:export", "comext-api"),
        ("comext-api:2023:west-africa:export", "comext-api"),
    ]
    assert keys[0][2] == "Eurostat"
    assert keys[0][3].endswith("/data/DS-045409")
    assert rows == [
        ("FR", "SN", "04021019", 2022, None, 1250000.0, 312550.0, None),
        ("IE", "NG", "19019095", 2022, None, 2000000.0, None, "QUANTITY_FLAG=C"),
        ("NL", "SN", "19019099", 2022, None, 800000.0, 400000.0, "VALUE_FLAG=p;QUANTITY_FLAG=p"),
        ("BE", "CI", "19019095", 2023, None, 500000.0, 200000.0, None),
        ("FR", "SN", "04021019", 2023, None, 1100000.0, 300000.0, None),
    ]


@respx.mock
def test_cli_monthly_and_partner_choice(tmp_path: Path) -> None:
    route = respx.route(host="ec.europa.eu").mock(side_effect=_answer)
    args = [
        "fetch",
        "comext",
        "--year",
        "2023",
        "--monthly",
        "--partner",
        "SN",
        "--flow",
        "both",
        "--cache",
        str(tmp_path / "c"),
        "--db",
        str(tmp_path / "s"),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    data = [str(c.request.url) for c in route.calls if "/data/" in c.request.url.path]
    assert len(data) == 1
    assert "/M." in data[0]
    assert ".SN." in data[0]
    assert ".1+2." in data[0]
    con = open_store(tmp_path / "s", read_only=True)
    got = con.execute("SELECT dataset_key FROM source_files WHERE source='comext'").fetchall()
    months = con.execute("SELECT month FROM trade_flows ORDER BY 1").fetchall()
    con.close()
    assert got == [("comext-api:2023-monthly:sn:export+import",)]
    assert months == [(1,), (12,)]


@respx.mock
def test_cli_does_not_add_an_extract_to_bulk_data_of_the_same_year(tmp_path: Path) -> None:
    respx.route(host="ec.europa.eu").mock(side_effect=_answer)
    store = tmp_path / "s.duckdb"
    bulk = write_classic(tmp_path / "comext_2022.dat", [classic_line(period="202252")])
    assert (
        CliRunner().invoke(app, ["ingest", "comext", str(bulk), "--db", str(store)]).exit_code == 0
    )
    args = ["fetch", "comext", "--from", "2022", "--to", "2023", "--cache", str(tmp_path / "c"),
            "--db", str(store)]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (
        "2022: not loaded: Comext bulk data of this year is loaded (comext:FR:2022)"
        in result.output
    )
    con = open_store(store, read_only=True)
    keys = con.execute(
        "SELECT dataset_key FROM source_files WHERE source = 'comext' ORDER BY 1"
    ).fetchall()
    con.close()
    assert keys == [("comext-api:2023:west-africa:export",), ("comext:FR:2022",)]


def test_byte_order_mark_is_read() -> None:
    text = "\ufeff" + (API / "ds045409_A_2023.csv").read_text()
    read = read_answer(text, Observations(), shown="a.csv")
    assert read.observations == 4
    assert read.releases == {"15/03/24 11:00:00"}


def test_answer_that_is_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    def latin1(request: httpx.Request) -> httpx.Response:
        if "/data/" in request.url.path:
            return httpx.Response(200, content="DATAFLOW,fr\xe9q\n".encode("latin-1"))
        return _answer(request)

    with pytest.raises(FetchError, match=r"comext-api/.*\.csv: the answer is not UTF-8 text"):
        fetch_years(2023, 2023, scope=Scope(), cache=tmp_path, http=_client(latin1, []))


def test_a_single_code_still_too_big_is_a_clear_error(tmp_path: Path) -> None:
    def never(request: httpx.Request) -> httpx.Response:
        if "/data/" in request.url.path:
            return httpx.Response(413, text="EXTRACTION_TOO_BIG")
        return _answer(request)

    scope = Scope(partners=("SN",))
    with pytest.raises(FetchError, match="even one code too big"):
        fetch_years(2023, 2023, scope=scope, cache=tmp_path, http=_client(never, []))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2020", "--to", "2019"], "--to: expected 2020 <= --to"),
        (["--year", "2020", "--flow", "sideways"], "--flow: expected export, import or both"),
        (["--bulk"], "--bulk needs --year"),
        (["--bulk", "--year", "2020", "--monthly"], "--bulk takes --year and --month"),
        (["--year", "2020", "--month", "3"], "--month goes with --bulk"),
        ([], "give --from/--to or --year"),
    ],
)
def test_cli_bad_options_are_clear_errors(tmp_path: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["fetch", "comext", *args, "--db", str(tmp_path / "s")])
    assert isinstance(result.exception, ParameterError)
    assert message in str(result.exception)


def test_damaged_sidecar_means_fetch_again(tmp_path: Path) -> None:
    fetch_years(2023, 2023, scope=Scope(), cache=tmp_path, http=_client(_answer, []))
    for side in (tmp_path / "comext-api").glob("*.csv.json"):
        side.write_text("{not json", encoding="utf-8")
    again: list[str] = []
    fetch_years(2023, 2023, scope=Scope(), cache=tmp_path, http=_client(_answer, again))
    assert len(again) == 1
