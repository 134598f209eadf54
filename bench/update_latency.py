"""Page latency while the data is updated: N uvicorn workers, 200 concurrent clients.

The SYNTHETIC 24-year store of ``bench/web_latency.py`` is served by ``uvicorn --factory
fairmilk.web.server:app_from_env --workers N`` (read-only, warming). After a warm-up pass,
``--clients`` threads (each with a kept-alive connection) send ``--requests`` requests over
the pages and the API while ``fairmilk ingest comext`` loads the SYNTHETIC demo file in its
own process (a new version of the store). Reported: p50/p95/max and errors during the
update, the time until the new data shows, then the first hit of each page after the switch
(EN, then FR) with every worker asked once (``--workers`` hits per page).

    python bench/update_latency.py [--workers 2] [--clients 200] [--requests 2000]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from web_latency import API, PAGES, build_store, free_port, generate_extract, load, machine, pct

DEMO = "comext_synthetic_eu27_west_africa"  # the demo file's name starts so
ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}


def start(db: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """uvicorn with ``workers`` processes on the store ``db``; returns once it answers."""
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "fairmilk.web.server:app_from_env",
           "--port", str(port), "--workers", str(workers), "--log-level", "warning",
           "--no-access-log"]  # fmt: skip
    proc = subprocess.Popen(cmd, env={**ENV, "FAIRMILK_DB": str(db)})
    for _ in range(1200):
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/favicon.svg", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def shows(port: int, name: str) -> bool:
    """True when the API (asked on a new connection) lists a file named ``name``*."""
    got = httpx.get(f"http://127.0.0.1:{port}/api/v1/datasets?limit=500", timeout=60).json()
    return any(str(row["file_name"]).startswith(name) for row in got["data"])


def during_update(port: int, db: Path, args: argparse.Namespace) -> dict[str, object]:
    """Load from ``args.clients`` threads while an ingest runs; time until the data shows."""
    from fairmilk.ingest.demo import demo_files

    demo = demo_files()[0]
    urls = [(PAGES + API)[i % len(PAGES + API)] for i in range(args.requests)]
    random.Random(7).shuffle(urls)
    out: list[tuple[str, float, int, int]] = []
    loader = threading.Thread(target=lambda: out.extend(load(port, urls, args.clients)))
    loader.start()
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "fairmilk", "ingest", "comext", str(demo), "--synthetic",
           "--db", str(db)]  # fmt: skip
    subprocess.run(cmd, check=True, env=ENV, capture_output=True)
    ingested = time.perf_counter() - started
    while not shows(port, demo.name):
        time.sleep(0.2)
    visible = time.perf_counter() - started
    loader.join()
    secs = [t[1] for t in out]
    return {"requests": len(out), "errors": sum(1 for t in out if t[2] >= 400),
            "p50_ms": pct(secs, 50), "p95_ms": pct(secs, 95), "max_ms": 1000 * max(secs),
            "ingest_s": ingested, "visible_s": visible}  # fmt: skip


def first_hits(port: int, workers: int) -> list[tuple[str, float]]:
    """The slowest of ``workers`` first hits of each page (each worker likely asked once)."""
    out = []
    for lang in ("en", "fr"):
        for page in [p for p in PAGES if "lang=" not in p]:
            url = f"{page}{'&' if '?' in page else '?'}lang={lang}"
            times = [t[1] for t in load(port, [url] * workers, workers)]
            out.append((url, 1000 * max(times)))
    return out


def main() -> None:
    """Build the store, serve it, update it under load, print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate_extract(folder / "comext24.dat.gz")
        db = folder / "comext24.duckdb"
        build_store(db, folder / "comext24.dat.gz")
        port = free_port()
        proc = start(db, port, args.workers)
        try:
            load(port, (PAGES + API) * args.workers, args.workers)  # every worker warm
            print(during_update(port, db, args))
            started = time.perf_counter()
            while not all(shows(port, DEMO) for _ in range(8 * args.workers)):
                time.sleep(0.5)  # every worker warms the new version, then switches to it
            print(f"every worker on the new version after {time.perf_counter() - started:.1f} s")
            for url, ms in first_hits(port, args.workers):
                print(f"| {url} | {ms:.0f} |")
        finally:
            proc.terminate()
            proc.wait(timeout=60)


if __name__ == "__main__":
    main()
