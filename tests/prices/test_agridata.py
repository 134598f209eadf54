"""The EC agri-food data portal fetcher, against a recorded-shape response (no network).

The fixture has the shape of the API documentation's example answer; its values are test
values, not real prices.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
import respx

from fairmilk.errors import FetchError
from fairmilk.ingest.agridata import BASE_URL, fetch_raw_milk_prices, write_price_csv
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
