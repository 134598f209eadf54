"""The FAOSTAT trade answer of the open API, on a store with the embedded reference data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from fairmilk.store import open_store
from fairmilk.store.reference import load_reference
from fairmilk.web import create_app
from fairmilk.web.server import running


@pytest.fixture(scope="module")
def fao_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    path = Path(tmp_path_factory.mktemp("faoweb")) / "store.duckdb"
    con = open_store(path)
    load_reference(con)
    con.close()
    app = create_app(path)
    with running(app) as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http
    app.state.store.close()


def test_fao_trade_answer_is_sourced_with_breaks(fao_client: httpx.Client) -> None:
    params = {"country": "SN", "product": "smp", "from": 2000, "to": 2001}
    body = fao_client.get("/api/v1/fao-trade", params=params).json()
    assert body["synthetic"] is False
    assert "https://www.fao.org/faostat/en/#data/TCL" in body["sources"]
    rows = {r["year"]: r for r in body["data"]}
    assert rows[2001]["quantity_t"] == 373.0
    assert rows[2001]["unit_value_usd_per_t"] == pytest.approx(859_000 / 373)
    assert rows[2001]["flag"] == "break"
    assert body["notes"]


def test_fao_trade_refuses_an_unknown_product(fao_client: httpx.Client) -> None:
    assert fao_client.get("/api/v1/fao-trade", params={"product": "ffmp"}).status_code == 422
    assert fao_client.get("/api/v1/fao-trade", params={"country": "ecowas"}).status_code == 422
