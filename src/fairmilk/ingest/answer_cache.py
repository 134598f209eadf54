"""API answers kept on disk with their provenance, fetched with retries and backoff.

Each answer is ``<folder>/<sha256(url)[:24]><suffix>`` beside a JSON sidecar: URL, query
description, time, HTTP status, size, sha256. A cached answer whose bytes still match its
sidecar is reused, so an interrupted fetch resumes where it stopped. The answer is written
to a ``.part`` file and renamed only when complete.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from fairmilk.errors import FetchError

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
Sleep = Callable[[float], None]


class TooBig(FetchError):
    """The API refused the request as too large (HTTP 413): ask for less."""


@dataclass(frozen=True, slots=True)
class Answer:
    """A cached API answer: its file, status and whether it came from the cache."""

    path: Path
    url: str
    status: int
    sha256: str
    size: int
    cached: bool


@dataclass(frozen=True, slots=True)
class Retry:
    """How often and how long to retry: waits of base, 2*base, 4*base ... seconds."""

    attempts: int = 5
    base: float = 2.0
    sleep: Sleep = time.sleep


def answer_path(folder: Path, url: str, suffix: str) -> Path:
    """Where the answer to ``url`` is kept."""
    return folder / (hashlib.sha256(url.encode()).hexdigest()[:24] + suffix)


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def cached_answer(folder: Path, url: str, suffix: str) -> Answer | None:
    """The cached answer to ``url`` if its bytes match its sidecar, else None."""
    path = answer_path(folder, url, suffix)
    side = _sidecar(path)
    if not (path.is_file() and side.is_file()):
        return None
    try:
        meta = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None  # a damaged sidecar: fetch again
    if not isinstance(meta, dict):
        return None
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    if meta.get("url") != url or meta.get("sha256") != sha:
        return None
    return Answer(path, url, int(meta.get("http_status", 200)), sha, len(data), cached=True)


def fetch_answer(
    http: httpx.Client,
    url: str,
    folder: Path,
    *,
    suffix: str,
    query: Mapping[str, object],
    ok: frozenset[int] = frozenset({200}),
    retry: Retry | None = None,
    headers: Mapping[str, str] | None = None,
) -> Answer:
    """The answer to ``url``: from the cache, or fetched (retried) and cached.

    Statuses in ``ok`` are kept (e.g. 404 "no results" of an SDMX API); 413 raises
    TooBig; 429 and 5xx and network errors are retried with exponential backoff.
    """
    hit = cached_answer(folder, url, suffix)
    if hit is not None:
        return hit
    status, body = _get(http, url, ok=ok, retry=retry or Retry(), headers=headers)
    folder.mkdir(parents=True, exist_ok=True)
    path = answer_path(folder, url, suffix)
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(body)
    partial.replace(path)
    sha = hashlib.sha256(body).hexdigest()
    meta = {
        "url": url,
        "query": dict(query),
        "fetched_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "http_status": status,
        "size": len(body),
        "sha256": sha,
    }
    _sidecar(path).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return Answer(path, url, status, sha, len(body), cached=False)


def _get(
    http: httpx.Client,
    url: str,
    *,
    ok: frozenset[int],
    retry: Retry,
    headers: Mapping[str, str] | None,
) -> tuple[int, bytes]:
    problem = ""
    for attempt in range(retry.attempts):
        if attempt:
            retry.sleep(retry.base * 2 ** (attempt - 1))
        try:
            response = http.get(url, headers=dict(headers or {}))
        except httpx.HTTPError as exc:
            problem = f"network error: {exc}"
            continue
        if response.status_code in ok:
            return response.status_code, response.content
        if response.status_code == 413:
            raise TooBig(f"{url}: HTTP 413, the API says: {_excerpt(response)}")
        problem = f"HTTP {response.status_code}: {_excerpt(response)}"
        if response.status_code not in RETRY_STATUSES:
            raise FetchError(f"{url}: {problem}; expected HTTP {sorted(ok)}")
    raise FetchError(f"{url}: gave up after {retry.attempts} attempts; last: {problem}")


def _excerpt(response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")
    return text[:300] or "(empty answer)"
