"""The open API: provenance on every answer, explicit pagination, CSV twins, clear 422s."""

from __future__ import annotations

import csv
import io

import httpx
import pytest

ENDPOINTS = ["datasets", "countries", "regions", "trade", "observations", "indicators"]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_answer_carries_its_provenance(client: httpx.Client, name: str) -> None:
    body = client.get(f"/api/v1/{name}").json()
    assert set(body) >= {"data", "total", "limit", "offset", "next", "sources", "notes"}
    if body["data"]:
        assert body["sources"], f"{name}: rows without sources"


def test_trade_answer_is_sourced_and_flagged_synthetic(client: httpx.Client) -> None:
    body = client.get("/api/v1/trade", params={"by": "year"}).json()
    assert body["synthetic"] is True
    assert any("tiny_comext.dat" in s for s in body["sources"])
    by_key = {(r["year"], r["category"]): r for r in body["data"]}
    # 2020 WMP row has no quantity: its tonnes are a gap, never a zero.
    assert by_key[(2020, "wmp")]["tonnes"] is None
    assert by_key[(2019, "smp")]["tonnes"] == pytest.approx(400.0)
    assert by_key[(2019, "smp")]["milk_equivalent_t"] == pytest.approx(400.0 * 7.6)


def test_pagination_is_explicit_and_complete(client: httpx.Client) -> None:
    first = client.get("/api/v1/countries", params={"limit": 2}).json()
    assert first["total"] == 5
    assert len(first["data"]) == 2
    seen = [r["iso2"] for r in first["data"]]
    nxt = first["next"]
    while nxt:
        page = client.get(nxt).json()
        seen += [r["iso2"] for r in page["data"]]
        nxt = page["next"]
    assert seen == ["CN", "FR", "ML", "NL", "SN"]


@pytest.mark.parametrize("path", ["/api/v1/countries.csv", "/api/v1/countries?format=csv"])
def test_csv_variant_links_to_its_sourced_json(client: httpx.Client, path: str) -> None:
    answer = client.get(path)
    assert answer.headers["content-type"].startswith("text/csv")
    assert 'rel="describedby"' in answer.headers["link"]
    assert answer.headers["x-total-count"] == "5"
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows[2]["iso2"] == "ML"
    assert rows[2]["name_fr"] == "Mali"


@pytest.mark.parametrize(
    ("params", "field"),
    [({"limit": 1001}, "limit"), ({"limit": 0}, "limit"), ({"offset": -1}, "offset"),
     ({"format": "xml"}, "format")],
)  # fmt: skip
def test_bad_pagination_is_a_clear_422(
    client: httpx.Client, params: dict[str, object], field: str
) -> None:
    answer = client.get("/api/v1/countries", params=params)
    assert answer.status_code == 422
    assert field in answer.text


@pytest.mark.parametrize(
    ("params", "field"),
    [({"exporter": "France!"}, "exporter"), ({"by": "colour"}, "by"), ({"from": 1800}, "from"),
     ({"category": "milk;drop"}, "category"), ({"category": "cheese,chalk"}, "category")],
)  # fmt: skip
def test_bad_trade_filters_are_422(
    client: httpx.Client, params: dict[str, object], field: str
) -> None:
    answer = client.get("/api/v1/trade", params=params)
    assert answer.status_code == 422, answer.text
    assert field in answer.text


def test_openapi_description_lists_the_endpoints(client: httpx.Client) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert {f"/api/v1/{n}" for n in ENDPOINTS} <= set(spec["paths"])


def test_observations_filter_and_gap(client: httpx.Client) -> None:
    body = client.get("/api/v1/observations", params={"series": "production_cost"}).json()
    assert body["total"] == 1
    assert body["data"][0]["value"] is None
    assert body["sources"] == ["test_prices — Synthetic test producer — https://example.org/costs"]
