"""Fetch UN Comtrade final data (HS) for West African importers, year by year.

With a subscription key (environment variable COMTRADE_API_KEY) the data endpoint is
asked (up to 250 000 records a call); without one, the keyless public preview (at most
500 records a call). The key travels in the ``Ocp-Apim-Subscription-Key`` header, never
in the URL, so no cached file or provenance record holds it. Each answer is cached with
its provenance (answer_cache) and written as CSV in the API column set for the Comtrade
ingest. URL patterns and their sources are in docs/ingest.md.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import httpx

from fairmilk.errors import FetchError
from fairmilk.ingest.answer_cache import Answer, Retry, fetch_answer
from fairmilk.ingest.fetch import m49_of
from fairmilk.reference.geo import REGIONS, resolve_geo
from fairmilk.reference.hs6 import dairy_hs6

KEY_ENV = "COMTRADE_API_KEY"
DATA_URL = "https://comtradeapi.un.org/data/v1/get/C/{freq}/HS"
PREVIEW_URL = "https://comtradeapi.un.org/public/v1/preview/C/{freq}/HS"
LIMITS = {"data": 250_000, "preview": 500}
Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class ComtradeQuery:
    """One request: a reporter and year, its partners, flows and HS codes."""

    reporter: str  # ISO alpha-2
    year: int
    partners: tuple[str, ...]  # ISO alpha-2
    flows: tuple[str, ...] = ("M",)
    hs: tuple[str, ...] = ()
    keyed: bool = False

    def url(self) -> str:
        """The request URL (without the key)."""
        params = {
            "reporterCode": m49_of(self.reporter),
            "period": str(self.year),
            "flowCode": ",".join(self.flows),
            "cmdCode": ",".join(self.hs or dairy_hs6()),
            "includeDesc": "true",
        }
        if self.partners:  # none: every partner, the world total (0) included
            codes = sorted({m49_of(p) for p in self.partners}, key=int)
            params = {**params, "partnerCode": ",".join(codes)}
        if self.keyed:
            params["maxRecords"] = str(LIMITS["data"])
        base = DATA_URL if self.keyed else PREVIEW_URL
        return base.format(freq="A") + "?" + urlencode(params, safe=",")


def partners_in(items: tuple[str, ...], year: int) -> tuple[str, ...]:
    """ISO alpha-2 codes of the given codes or regions (regions as of ``year``)."""
    codes: set[str] = set()
    for item in items:
        codes |= resolve_geo(item, year) if item.lower() in REGIONS else resolve_geo(item)
    return tuple(sorted(codes))


def fetch_one(
    http: httpx.Client,
    query: ComtradeQuery,
    cache: Path,
    *,
    key: str | None,
    retry: Retry | None = None,
) -> Answer:
    """The cached or fetched answer of one query."""
    headers = {"Ocp-Apim-Subscription-Key": key} if key else None
    described = {
        "reporter": query.reporter,
        "year": query.year,
        "partners": list(query.partners),
        "flows": list(query.flows),
        "hs": list(query.hs or dairy_hs6()),
        "endpoint": "data (subscription key)" if query.keyed else "public preview (no key)",
    }
    return fetch_answer(
        http, query.url(), cache / "comtrade-api", suffix=".json", query=described,
        retry=retry, headers=headers,
    )  # fmt: skip


def records_of(answer: Answer, *, limit: int) -> list[dict[str, object]]:
    """The records of a Comtrade answer; refuses an error answer or a truncated one."""
    shown = str(answer.path)
    try:
        payload = json.loads(answer.path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"{shown}: the Comtrade answer is not JSON: {exc}") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise FetchError(
            f"{shown}: the Comtrade answer has no 'data' list; expected "
            f"{{'count': ..., 'data': [...]}}, found {str(payload)[:200]!r}"
        )
    if payload.get("error"):
        raise FetchError(f"{shown}: Comtrade answered with an error: {payload['error']!r}")
    rows = [r for r in payload["data"] if isinstance(r, dict)]
    if len(rows) != len(payload["data"]):
        raise FetchError(f"{shown}: a record of 'data' is not a JSON object")
    if len(rows) >= limit:
        raise FetchError(
            f"{shown}: {len(rows)} records, the endpoint's limit ({limit}); the answer may be "
            f"truncated: ask for fewer HS codes or partners"
        )
    return rows


def write_records(rows: list[dict[str, object]], out: Path) -> None:
    """Write Comtrade records as CSV (the API column set of the first record)."""
    partial = out.with_name(out.name + ".part")
    with partial.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for record in rows:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    partial.replace(out)


def subscription_key() -> str | None:
    """The Comtrade subscription key from the environment, or None (use the preview)."""
    return os.environ.get(KEY_ENV, "").strip() or None


@dataclass(frozen=True, slots=True)
class Fetched:
    """One reporter-year: the CSV written for the ingest (None when no records)."""

    reporter: str
    year: int
    path: Path | None
    records: int
    cached: bool


def fetch_years(
    reporters: tuple[str, ...],
    first: int,
    last: int,
    *,
    partners: tuple[str, ...],
    hs: tuple[str, ...],
    flows: tuple[str, ...],
    cache: Path,
    http: httpx.Client,
    retry: Retry | None = None,
) -> list[Fetched]:
    """Fetch (or reuse) one answer per reporter and year; write each as CSV."""
    key = subscription_key()
    limit = LIMITS["data" if key else "preview"]
    done = []
    for year in range(first, last + 1):
        for reporter in reporters:
            query = ComtradeQuery(
                reporter, year, partners_in(partners, year), flows, hs, keyed=key is not None
            )
            answer = fetch_one(http, query, cache, key=key, retry=retry)
            rows = records_of(answer, limit=limit)
            out = answer.path.with_suffix(".csv") if rows else None
            if out is not None:
                write_records(rows, out)
            done.append(Fetched(reporter, year, out, len(rows), answer.cached))
    return done
