"""Synthetic labels on every download that uses synthetic rows (the full store uses the demo)."""

from __future__ import annotations

import csv
import io

import httpx
import pytest


@pytest.mark.parametrize(
    "path", ["/per-litre/per-litre.csv", "/simulators/tariff.csv", "/trade/trade.csv"]
)
def test_csv_downloads_of_synthetic_rows_say_so(full_url: str, path: str) -> None:
    answer = httpx.get(full_url + path, timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows, path
    assert all(r["synthetic"] == "True" for r in rows), path


def test_api_csv_pages_keep_the_synthetic_column(full_url: str) -> None:
    answer = httpx.get(full_url + "/api/v1/trade.csv?destination=SN", timeout=120)
    assert answer.status_code == 200, answer.text[:300]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert rows
    assert all(r["synthetic"] == "True" for r in rows)
