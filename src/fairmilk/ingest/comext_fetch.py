"""Fetch Comext dairy trade from the SDMX API, year by year, into loadable files.

For each year: the CN code list (fetched once, cached) gives the dairy CN8 codes the
product table tracks that year; the year's query is cut into chunks (comext_api); each
chunk's answer is cached with its provenance (answer_cache), so a new run fetches only
what is missing; a chunk the API refuses as too big (HTTP 413) is split in two and asked
again. The answers of a year are written as one ``comext-api`` file with a manifest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx

from fairmilk.errors import FetchError
from fairmilk.ingest.answer_cache import Answer, Retry, TooBig, fetch_answer
from fairmilk.ingest.comext_api import (
    CODELIST_URL,
    Chunk,
    Scope,
    chunks,
    codelist_codes,
    dairy_cn8,
)
from fairmilk.ingest.sdmx_csv import Observations, Read, read_answer, write_trade_file

NO_RESULTS = 404  # SDMX REST: "no results found" for a valid query
Report = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class YearFile:
    """One year's converted file, its dataset key and what it took to make it."""

    year: int
    path: Path
    key: str
    rows: int
    without_value: int
    requests: int
    fetched: int
    bytes_fetched: int
    release: str


@dataclass(frozen=True, slots=True)
class _Session:
    http: httpx.Client
    cache: Path
    retry: Retry
    report: Report


def fetch_years(
    first: int,
    last: int,
    *,
    scope: Scope,
    cache: Path,
    http: httpx.Client,
    retry: Retry | None = None,
    report: Report = lambda _text: None,
) -> list[YearFile]:
    """Fetch (or reuse) every chunk of ``first``..``last`` and write one file per year."""
    session = _Session(http, cache / "comext-api", retry or Retry(), report)
    codes = _codelist(session)
    files = []
    for year in range(first, last + 1):
        products = dairy_cn8(codes, year)
        if not products:
            report(f"{year}: no dairy CN8 code in the code list for this year; nothing asked")
            continue
        files.append(_year(session, scope, year, products))
    return files


def _codelist(session: _Session) -> list[str]:
    answer = fetch_answer(
        session.http,
        CODELIST_URL,
        session.cache,
        suffix=".tsv",
        query={"what": "CN code list CXT_NC"},
        retry=session.retry,
    )
    session.report(
        f"CN code list: {'cached' if answer.cached else 'downloaded'}, {answer.size:,} bytes"
    )
    return codelist_codes(answer.path.read_text(encoding="utf-8"), shown=str(answer.path))


def _year(session: _Session, scope: Scope, year: int, products: tuple[str, ...]) -> YearFile:
    obs = Observations()
    stats = [0, 0, 0]  # requests, fetched, bytes fetched
    sources: list[dict[str, object]] = []
    todo = chunks(scope, year, products)
    while todo:
        chunk = todo.pop(0)
        try:
            answer = _chunk_answer(session, chunk)
        except TooBig:
            session.report(f"{year}: the API found a chunk too big; splitting it in two")
            todo[:0] = chunk.halves()
            continue
        stats[0] += 1
        if not answer.cached:
            stats[1] += 1
            stats[2] += answer.size
        sources.append(_read(answer, obs))
    return _write_year(session, scope, year, obs, sources, stats)


def _read(answer: Answer, obs: Observations) -> dict[str, object]:
    """Add an answer's observations to ``obs``; describe the answer for the manifest."""
    text = _text_of(answer)
    empty = answer.status == NO_RESULTS
    read = Read(0, frozenset()) if empty else read_answer(text, obs, shown=str(answer.path))
    release = ";".join(sorted(read.releases))
    _note_release(answer, release)
    return {
        "url": answer.url,
        "sha256": answer.sha256,
        "observations": read.observations,
        "release": release,
        "http_status": answer.status,
        "cached": answer.cached,
    }


def _note_release(answer: Answer, release: str) -> None:
    """Add the answer's release stamp (its LAST UPDATE) to its provenance sidecar."""
    side = answer.path.with_name(answer.path.name + ".json")
    meta = json.loads(side.read_text(encoding="utf-8"))
    if meta.get("release") != release:
        meta["release"] = release
        side.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def _text_of(answer: Answer) -> str:
    try:
        return answer.path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FetchError(f"{answer.path}: the answer is not UTF-8 text: {exc}") from exc


def _chunk_answer(session: _Session, chunk: Chunk) -> Answer:
    query = {
        "dataset": "DS-045409",
        "freq": chunk.freq,
        "year": chunk.year,
        "reporters": list(chunk.reporters),
        "partners": list(chunk.partners),
        "products": len(chunk.products),
        "flows": list(chunk.flows),
    }
    return fetch_answer(
        session.http,
        chunk.url(),
        session.cache,
        suffix=".csv",
        query=query,
        ok=frozenset({200, NO_RESULTS}),
        retry=session.retry,
    )


def dataset_key(scope: Scope, year: int) -> str:
    """The dataset an API extract is a vintage of: year, frequency, partners and flows."""
    return f"comext-api:{year}{'-monthly' if scope.monthly else ''}:{scope.label()}"


def _write_year(
    session: _Session,
    scope: Scope,
    year: int,
    obs: Observations,
    sources: list[dict[str, object]],
    stats: list[int],
) -> YearFile:
    folder = session.cache / "files"
    folder.mkdir(parents=True, exist_ok=True)
    label = scope.label().replace(":", "_").replace("+", "-")
    name = f"comext_api_{year}{'_monthly' if scope.monthly else ''}_{label}.csv"
    written = write_trade_file(obs, folder / name)
    release = ";".join(sorted(obs.releases))
    manifest = {
        "dataset_key": dataset_key(scope, year),
        "written_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "release": release,
        "rows": written.rows,
        "keys_without_value": ["/".join(k) for k in written.without_value],
        "answers": sources,
    }
    side = written.path.with_name(written.path.name + ".manifest.json")
    side.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    session.report(
        f"{year}: {stats[0]} request(s), {stats[1]} fetched ({stats[2]:,} bytes), "
        f"{stats[0] - stats[1]} from the cache; {written.rows:,} rows"
    )
    return YearFile(
        year=year,
        path=written.path,
        key=dataset_key(scope, year),
        rows=written.rows,
        without_value=len(written.without_value),
        requests=stats[0],
        fetched=stats[1],
        bytes_fetched=stats[2],
        release=release,
    )
