"""The EC agri-food data portal fetcher, against a recorded-shape response (no network).

The fixture has the shape of the API documentation's example answer; its values are test
values, not real prices.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest
import respx

from fairmilk.errors import FetchError
from fairmilk.ingest.agridata import BASE_URL, fetch_raw_milk_prices, price_of, write_price_csv
from fairmilk.ingest.prices import read_price_file

URL = BASE_URL + "/rawMilk/prices"


@respx.mock
def test_fetch_maps_records_and_round_trips(price_fixtures: Path, tmp_path: Path) -> None:
    body = (price_fixtures / "agridata_raw_milk.json").read_text(encoding="utf-8")
    route = respx.get(URL).mock(return_value=httpx.Response(200, text=body))
    records = fetch_raw_milk_prices(member_states=["NL", "EU"], years=[2017])
    assert route.calls.last.request.url.params["memberStateCodes"] == "NL,EU"
    assert [(r.geo, r.period, r.value, r.unit) for r in records] == [
        ("NL", "2017-07", 33.19, "EUR/100kg"),
        ("eu27", "2017-08", 34.41, "EUR/100kg"),
    ]
    assert all(r.source_url.startswith(URL) for r in records)
    out = tmp_path / "fetched.csv"
    write_price_csv(records, out)
    assert [(r.geo, r.value) for r in read_price_file(out)] == [("NL", 33.19), ("eu27", 34.41)]


@respx.mock
@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.Response(503), "HTTP 503"),
        (httpx.Response(200, text="<html>"), "not JSON"),
        (httpx.Response(200, json={"error": "x"}), "not a list"),
        (httpx.Response(200, json=[{"memberStateCode": "DE"}]), "missing"),
    ],
)
def test_unexpected_answers_raise_fetch_error(response: httpx.Response, message: str) -> None:
    respx.get(URL).mock(return_value=response)
    with pytest.raises(FetchError, match=message):
        fetch_raw_milk_prices(member_states=["DE"], years=[2024])


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("€33.19", 33.19),
        ("€682,00", 682.0),  # decimal comma
        ("€1,234.50", 1234.5),
        ("€1.234,50", 1234.5),
        ("€1,234", 1234.0),  # thousands separator
        (" € 0.00 ", 0.0),
    ],
)
def test_published_prices_are_read_with_their_separators(text: str, value: float) -> None:
    assert price_of(text, "r") == value


@pytest.mark.parametrize("text", ["", "€", "n/a", "inf", "nan", "€-1.00"])
def test_bad_prices_are_fetch_errors_naming_the_field(text: str) -> None:
    with pytest.raises(FetchError, match="r: field 'price'"):
        price_of(text, "r")


@respx.mock
def test_raw_milk_by_dates_and_greek_code() -> None:
    record = {"memberStateCode": "EL", "memberStateName": "Greece", "beginDate": "01/03/2024",
              "endDate": "31/03/2024", "month": 3, "monthName": "Mar", "price": "€55,10",
              "unit": "100KG", "year": 2024, "product": "Organic raw milk"}  # fmt: skip
    route = respx.get(URL).mock(return_value=httpx.Response(200, json=[record]))
    (rec,) = fetch_raw_milk_prices(
        member_states=["EL"], begin=date(2024, 3, 1), end=date(2024, 3, 31)
    )
    params = route.calls.last.request.url.params
    assert (params["beginDate"], params["endDate"]) == ("01/03/2024", "31/03/2024")
    assert "years" not in params
    assert (rec.series, rec.geo, rec.period, rec.value) == (
        "farmgate_milk_price_organic", "GR", "2024-03", 55.1,
    )  # fmt: skip
