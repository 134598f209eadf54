"""EU dairy quotations from the EC agri-food data portal, against a documentation-shaped answer.

``fixtures/agridata_dairy.json`` is built from the API documentation (see
``fixtures/agridata_README.md``): its prices are test values, not real quotations. No test
touches the network (respx answers every request).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import duckdb
import httpx
import pytest
import respx
from typer.testing import CliRunner

from fairmilk.cli import app
from fairmilk.errors import FetchError, InputError
from fairmilk.indicators.price_catalog import AGRIDATA_SERIES
from fairmilk.ingest.agridata import BASE_URL, write_price_csv
from fairmilk.ingest.agridata_dairy import DAIRY_SERIES, fetch_dairy_prices, parse_quotes
from fairmilk.ingest.prices import read_price_file

URL = BASE_URL + "/dairy/prices"
runner = CliRunner()


def _answer(price_fixtures: Path) -> str:
    return (price_fixtures / "agridata_dairy.json").read_text(encoding="utf-8")


def _record(**change: object) -> dict[str, object]:
    base: dict[str, object] = {
        "memberStateCode": "DE", "memberStateName": "Germany", "product": "BUTTER",
        "beginDate": "04/07/2022", "endDate": "10/07/2022", "weekNumber": 27,
        "price": "€700.00", "unit": "100KG",
    }  # fmt: skip
    return base | change


@respx.mock
def test_weekly_quotations_become_monthly_means(price_fixtures: Path) -> None:
    route = respx.get(URL).mock(return_value=httpx.Response(200, text=_answer(price_fixtures)))
    records = fetch_dairy_prices(
        member_states=["EU", "NL", "EL"], begin=date(2022, 7, 1), end=date(2022, 8, 14)
    )
    params = route.calls.last.request.url.params
    assert params["memberStateCodes"] == "EU,NL,EL"
    assert params["products"] == "BUTTER,SMP,WMP"
    assert (params["beginDate"], params["endDate"]) == ("01/07/2022", "14/08/2022")
    assert "years" not in params  # an empty filter is not sent
    got = [(r.series, r.geo, r.period, r.value, r.unit, r.approximate) for r in records]
    assert got == [
        ("eu_butter_price", "NL", "2022-07", 720.0, "EUR/100kg", True),  # 1 of 4 weeks
        # (372.50 + 370.00 + 365.50 + 362.00) / 4, the third one published as "€365,50"
        ("eu_smp_price", "eu27", "2022-07", 367.5, "EUR/100kg", False),
        ("eu_smp_price", "eu27", "2022-08", 360.0, "EUR/100kg", True),  # 1 of 5 Mondays
        ("eu_wmp_price", "GR", "2022-07", 490.0, "EUR/100kg", True),  # the portal's EL
    ]
    smp = records[1]
    assert smp.source_url.startswith(URL)
    assert "products=BUTTER%2CSMP%2CWMP" in smp.source_url
    assert smp.note is not None
    assert "mean of 4 of 4 weeks beginning in the month (weeks 27, 28, 29, 30" in smp.note
    assert "04/07/2022-31/07/2022" in smp.note
    assert "partial month" in str(records[2].note)
    assert {r.stage for r in records} == {"wholesale"}


def test_week_number_falls_back_to_the_iso_week() -> None:
    (quote,) = parse_quotes(
        [_record(weekNumber=None, beginDate="02/01/2023", endDate="08/01/2023")]
    )
    assert quote.week == 1


@respx.mock
def test_round_trip_fetch_csv_ingest_store(
    price_fixtures: Path, tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    respx.get(URL).mock(return_value=httpx.Response(200, text=_answer(price_fixtures)))
    records = fetch_dairy_prices(member_states=["EU", "NL", "EL"], years=[2022])
    out = tmp_path / "eu_dairy.csv"
    write_price_csv(records, out)
    assert read_price_file(out) == records  # the CSV holds exactly what was fetched
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))
    result = runner.invoke(app, ["ingest", "prices", str(out)])
    assert "4 price rows loaded" in result.output, result.output
    with duckdb.connect(str(store_path), read_only=True) as con:
        rows = con.execute(
            "SELECT series, geo, period, period_type, value, approximate, source_url "
            "FROM prices_current WHERE series LIKE 'eu\\_%' ESCAPE '\\' ORDER BY 1, 2, 3"
        ).fetchall()
    assert [r[:6] for r in rows] == [
        ("eu_butter_price", "NL", "2022-07", "month", 720.0, True),
        ("eu_smp_price", "eu27", "2022-07", "month", 367.5, False),
        ("eu_smp_price", "eu27", "2022-08", "month", 360.0, True),
        ("eu_wmp_price", "GR", "2022-07", "month", 490.0, True),
    ]
    assert all(r[6].startswith(URL + "?") and "years=2022" in r[6] for r in rows)


@respx.mock
@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(500), "HTTP 500"),
        (httpx.Response(404), "found no prices"),
        (httpx.Response(200, text="<html>"), "not JSON"),
        (httpx.Response(200, json=[1, 2]), "not a list of price records"),
        (httpx.Response(200, json=[_record(product="YOGHURT")]),
         r"record 1 \(DE YOGHURT 04/07/2022\): field 'product' 'YOGHURT' is not a known"),
        (httpx.Response(200, json=[_record(price="€-5.00")]), "field 'price' is negative"),
        (httpx.Response(200, json=[_record(price="n/a")]), "field 'price' 'n/a' is not a number"),
        (httpx.Response(200, json=[_record(price="nan")]), "field 'price' 'nan' is not a number"),
        (httpx.Response(200, json=[_record(beginDate="2022-07-04")]),
         "field 'beginDate' '2022-07-04' is not a dd/mm/yyyy date"),
        (httpx.Response(200, json=[_record(endDate="01/07/2022")]),
         "field 'endDate' 01/07/2022 is before beginDate"),
        (httpx.Response(200, json=[_record(unit="LITRE")]), "field 'unit' 'LITRE' is not one of"),
        (httpx.Response(200, json=[_record(unit=None)]), "field 'unit' is missing"),
        (httpx.Response(200, json=[_record(), _record()]),
         r"record 2 .*a second price for the same week"),
    ],
)  # fmt: skip
def test_bad_answers_raise_fetch_error(response: httpx.Response, message: str) -> None:
    respx.get(URL).mock(return_value=response)
    with pytest.raises(FetchError, match=message):
        fetch_dairy_prices(member_states=["DE"], years=[2022])


def test_unknown_product_asked_for_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"unknown dairy product.*--product.*'yoghurt'"):
        fetch_dairy_prices(member_states=["DE"], products=["yoghurt"], years=[2022])


@respx.mock
def test_cli_fetches_dairy_and_loads(
    price_fixtures: Path, tmp_path: Path, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIRMILK_DB", str(store_path))
    route = respx.get(URL).mock(return_value=httpx.Response(200, text=_answer(price_fixtures)))
    out = tmp_path / "dairy.csv"
    args = ["prices", "fetch-agridata", str(out), "--dataset", "dairy", "--member-state", "EU",
            "--product", "smp,wmp", "--product", "butter", "--from", "2022-07-01",
            "--to", "2022-08-14", "--load"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "4 prices written" in result.output
    assert "4 price rows loaded" in result.output
    params = route.calls.last.request.url.params
    assert params["products"] == "SMP,WMP,BUTTER"
    assert params["beginDate"] == "01/07/2022"
    listed = runner.invoke(app, ["prices", "list", "--series", "eu_smp_price", "-f", "json"])
    data = json.loads(listed.output)["data"]
    assert [(r["geo"], r["period"], r["value"]) for r in data] == [
        ("eu27", "2022-07", 367.5),
        ("eu27", "2022-08", 360.0),
    ]


@respx.mock  # nothing may reach the network
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dataset", "dairy"], "no period"),
        (["--dataset", "cheese", "--year", "2022"], "unknown dataset"),
        (["--year", "2022", "--product", "smp"], "--product is for dairy"),
        (["--dataset", "dairy", "--year", "2022", "--product", "yoghurt"], "unknown dairy"),
    ],
)
def test_cli_rejects_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "x.csv"
    result = runner.invoke(
        app, ["prices", "fetch-agridata", str(out), "--member-state", "EU", *args]
    )
    assert isinstance(result.exception, InputError)
    assert message in str(result.exception)
    assert not out.exists()


def test_every_dairy_series_is_in_the_price_catalogue() -> None:
    catalogue = {s.id: s for s in AGRIDATA_SERIES}
    assert set(catalogue) == set(DAIRY_SERIES.values())
    assert len(catalogue) == len(AGRIDATA_SERIES)
    for entry in catalogue.values():
        assert entry.title_en.strip()
        assert entry.title_fr.strip()
        assert entry.title_en != entry.title_fr
        assert entry.unit == "EUR/100kg"


@respx.mock
def test_cli_writes_nothing_when_the_answer_is_bad(tmp_path: Path) -> None:
    respx.get(URL).mock(return_value=httpx.Response(500))
    out = tmp_path / "dairy.csv"
    args = ["prices", "fetch-agridata", str(out), "--dataset", "dairy", "--member-state", "EU",
            "--year", "2022"]  # fmt: skip
    result = runner.invoke(app, args)
    assert isinstance(result.exception, FetchError)
    assert "HTTP 500" in str(result.exception)
    assert not out.exists()
