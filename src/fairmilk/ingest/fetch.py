"""Download Comext bulk files into a cache, with provenance (Comtrade: comtrade_api).

Each download is stored as ``<cache>/<sha256(url)[:24]><suffix>`` beside a JSON sidecar
(URL, time, size, sha256, HTTP status). A cached file whose bytes still match its sidecar
is not downloaded again. URL patterns are documented in docs/ingest.md.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import httpx

from fairmilk.errors import FetchError, InputError
from fairmilk.ingest.codes import country_codes
from fairmilk.ingest.opening import sha256_of

COMEXT_FILES = "https://ec.europa.eu/eurostat/api/dissemination/files"
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
