"""The prices page adds FAO GIEWS IPA flags for a long monthly or dated series of one place.

Runs on the full store (embedded reference data: GlobalDairyTrade event prices are real).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest


@pytest.fixture(scope="module")
def full(full_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=full_url, timeout=120) as http:
        yield http


def _blocks(http: httpx.Client, **params: str) -> dict[str, dict[str, Any]]:
    answer = http.get("/prices.json", params=params)
    assert answer.status_code == 200, answer.text
    return {b["id"]: b for b in answer.json()["blocks"]}


def test_gdt_skim_milk_powder_gets_anomaly_flags_in_french(full: httpx.Client) -> None:
    blocks = _blocks(full, series="gdt_smp_price", lang="fr")
    block = blocks["anomalies"]
    assert block["title"].startswith("Anomalies de prix (IPA du SMIAR de la FAO) : ")
    by_period = {r["period"]: r for r in block["data"]}
    assert by_period["2022-03"]["flag"] == "alerte"  # the 2022 price spike
    assert by_period["2022-03"]["ipa"] == pytest.approx(1.1478, abs=1e-4)
    assert by_period["2010-06"]["ipa"] is None  # no earlier years: a gap, not a zero
    assert block["chart"] is not None
    assert any("dairy-analytics" in s for s in block["sources"])  # the mirror read
    assert any("GlobalDairyTrade" in n for n in block["notes"])  # the producer acknowledged


def test_no_flags_for_a_series_of_many_places_or_few_years(full: httpx.Client) -> None:
    assert "anomalies" not in _blocks(full, series="farmgate_milk_price")  # many geos
    assert "anomalies" not in _blocks(full, series="production_cost_full", geo="DE")  # short
