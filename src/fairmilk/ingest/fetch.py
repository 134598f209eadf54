"""Download Comext bulk files and Comtrade API answers into a cache, with provenance.

Each download is stored as ``<cache>/<sha256(url)[:24]><suffix>`` beside a JSON sidecar
(URL, time, size, sha256, HTTP status). A cached file whose bytes still match its sidecar
is not downloaded again. URL patterns are documented in docs/ingest.md.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx

from fairmilk.errors import FetchError, InputError
from fairmilk.ingest.codes import country_codes
from fairmilk.ingest.opening import sha256_of

COMEXT_FILES = "https://ec.europa.eu/eurostat/api/dissemination/files"
COMTRADE_PREVIEW = "https://comtradeapi.un.org/public/v1/preview/C/{freq}/HS"
PREVIEW_LIMIT = 500
TIMEOUT = httpx.Timeout(60.0, read=600.0)


@dataclass(frozen=True, slots=True)
class Download:
    """A cached download: where it is, where it came from, and whether it was reused."""

    path: Path
    url: str
    sha256: str
    size: int
    cached: bool


def comext_url(year: int, month: int | None = None) -> str:
    """The Eurostat bulk-download URL of a Comext product file (full_v2, one period)."""
    period = f"{year}{month:02d}" if month is not None else f"{year}52"
    name = f"comext/COMEXT_DATA/PRODUCTS/full_v2_{period}.7z"
    return f"{COMEXT_FILES}?file={quote(name, safe='')}"


def m49_of(iso2: str) -> str:
    """The UN Comtrade (M49) code of a country given by ISO alpha-2."""
    for system, code, iso, _first, _last in country_codes():
        if system == "m49" and iso == iso2.upper():
            return code
    raise InputError(
        "unknown reporter", column="--reporter", expected="an ISO alpha-2 code", found=iso2
    )


def comtrade_url(
    reporter: str, year: int, *, flows: list[str], hs: list[str], month: int | None = None
) -> str:
    """The UN Comtrade public preview URL for one reporter, period, flows and HS codes."""
    params = {
        "reporterCode": m49_of(reporter),
        "period": f"{year}{month:02d}" if month is not None else str(year),
        "flowCode": ",".join(flows),
        "cmdCode": ",".join(hs),
        "includeDesc": "true",
    }
    freq = "M" if month is not None else "A"
    return COMTRADE_PREVIEW.format(freq=freq) + "?" + urlencode(params, safe=",")


def _cache_path(cache: Path, url: str, suffix: str) -> Path:
    return cache / (hashlib.sha256(url.encode()).hexdigest()[:24] + suffix)


def _cached(target: Path, url: str) -> Download | None:
    sidecar = target.with_name(target.name + ".json")
    if not (target.is_file() and sidecar.is_file()):
        return None
    meta = json.loads(sidecar.read_text(encoding="utf-8"))
    sha = sha256_of(target)
    if meta.get("sha256") != sha or meta.get("url") != url:
        return None
    return Download(target, url, sha, target.stat().st_size, cached=True)


def download(url: str, cache: Path, *, suffix: str, client: httpx.Client | None = None) -> Download:
    """The file at ``url``, from the cache if there, else downloaded (streaming) into it."""
    target = _cache_path(cache, url, suffix)
    hit = _cached(target, url)
    if hit is not None:
        return hit
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    own = client is None
    http = client or httpx.Client(timeout=TIMEOUT, follow_redirects=True)
    try:
        status = _stream(http, url, partial)
    finally:
        if own:
            http.close()
    partial.replace(target)
    sha = sha256_of(target)
    meta = {
        "url": url,
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "size": target.stat().st_size,
        "sha256": sha,
        "http_status": status,
    }
    sidecar = target.with_name(target.name + ".json")
    sidecar.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Download(target, url, sha, target.stat().st_size, cached=False)


def _stream(http: httpx.Client, url: str, partial: Path) -> int:
    try:
        with http.stream("GET", url) as response:
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code}; expected 200")
            with partial.open("wb") as out:
                for chunk in response.iter_bytes(1 << 20):
                    out.write(chunk)
            return response.status_code
    except httpx.HTTPError as exc:
        partial.unlink(missing_ok=True)
        raise FetchError(f"{url}: download failed: {exc}") from exc


def comtrade_json_to_csv(answer: Path, out: Path) -> int:
    """Write the records of a Comtrade API JSON answer as CSV (API column set); count them."""
    try:
        payload = json.loads(answer.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FetchError(f"{answer}: the Comtrade answer is not JSON: {exc}") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("data"), list):
        raise FetchError(
            f"{answer}: the Comtrade answer has no 'data' list; expected "
            f"{{'count': ..., 'data': [...]}}, found {str(payload)[:200]!r}"
        )
    rows = payload["data"]
    if len(rows) >= PREVIEW_LIMIT:
        raise FetchError(
            f"{answer}: the public preview returned {len(rows)} records, its "
            f"limit; the answer may be truncated: ask for fewer --hs codes"
        )
    if not rows:
        raise FetchError(f"{answer}: the Comtrade answer holds no records (not yet published?)")
    columns = list(rows[0].keys())
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for record in rows:
            writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return len(rows)
