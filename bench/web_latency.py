"""Web latency benchmark: p50/p95 of the API and the pages under N concurrent clients.

Two stores, each served by a real uvicorn server in a child process on loopback:

* ``embedded``: the embedded reference data and prices plus the SYNTHETIC Comext demo file
  (what ``make run`` serves);
* ``comext24``: the embedded reference data and prices plus a SYNTHETIC 24-year (2000-2023)
  Comext dairy extract generated here (EU27 exporters, 60 partners, 30 dairy CN8 codes).

For each store: one cold pass over the URLs (first hit builds the view), then 20 client
threads (each with a kept-alive connection) share a fixed, bounded list of requests.
Reports p50/p95/max per kind (api, page), errors, and the bytes a browser transfers for
each page (HTML plus its static assets, gzip).
Then the cold start (bench/cold_start.py), for each store: a cold ``overview_view`` in
fresh processes (EN then FR; with and without the result and SQL memos), and the first hit
of each page, EN then FR, in a freshly started server (caches off; empty disk cache; the
same disk cache after a restart). Writes the results and the machine into its own marked
section of bench/RESULTS.md.

    python bench/web_latency.py [--requests 600] [--clients 20] [--workers 1]
                                [--view-rounds 5] [--restart-rounds 3]
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from cold_start import ERRORS, cold_restart, cold_views, restart_rows, view_rows

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS.md"
HEADING = "## Web latency (bench/web_latency.py)"
PAGES = [
    "/",
    "/trade",
    "/trade?by=exporter",
    "/trade?by=destination&measure=value_eur&lang=fr",
    "/prices",
    "/per-litre",
    "/offensive",
    "/simulators",
    "/sources",
    "/trade.json?by=category",
]
API = [
    "/api/v1/trade",
    "/api/v1/trade?by=exporter&limit=50",
    "/api/v1/trade.csv?by=destination",
    "/api/v1/observations?limit=100",
    "/api/v1/observations?series=population&limit=200&offset=100",
    "/api/v1/countries?limit=300",
    "/api/v1/datasets",
    "/api/v1/regions",
]
ASSETS = [
    "/static/style.css",
    "/static/vendor/vega.min.js",
    "/static/vendor/vega-lite.min.js",
    "/static/vendor/vega-embed.min.js",
    "/static/vendor/vega-interpreter.min.js",
    "/static/charts.js",
    "/static/favicon.svg",
]


def words(text: str) -> list[str]:
    """The space-separated words of ``text``."""
    return text.split()


HEADER = (
    "DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,"
    "PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA21,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,"
    "FLOW,STAT_REGIME,SUPP_UNIT,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,SUP_QUANTITY"
)
EU27 = words("FR NL DE IT IE DK GR PT ES BE LU SE FI AT MT EE LV LT PL CZ SK HU RO BG SI HR CY ")
WEST_AFRICA = words("MR ML BF NE SN CV GM GW GN SL LR CI GH TG BJ NG ")
OTHERS = words(
    "DZ MA TN EG LY SA AE OM QA KW CN JP KR PH ID MY VN TH SG US CA MX BR VE RU UA GB CH "
    "NO TR IL LB IQ IR PK BD LK "
)
CODES = words(
    "04011010 04012011 04014010 04015011 04021011 04021019 04021099 04022111 04022118 "
    "04022191 04029110 04029910 04031011 04039011 04041002 04041048 04049021 04051011 "
    "04051019 04052010 04059010 04061020 04062000 04063010 04069021 04069099 19011000 "
    "19019091 19019095 19019099 "
)


def generate_extract(path: Path, *, seed: int = 24) -> int:
    """Write the SYNTHETIC 24-year Comext dairy extract (classic layout, annual); row count."""
    rng = random.Random(seed)
    lines = [HEADER]
    for year in range(2000, 2024):
        for r_i, rep in enumerate(EU27):
            for partner in WEST_AFRICA + OTHERS:
                for code in CODES:
                    if (code == "19019095" and year < 2020) or rng.random() < 0.35:
                        continue
                    kg = rng.randint(1_000, 5_000_000)
                    value = round(kg * rng.uniform(0.8, 5.5))
                    qty = "" if rng.random() < 0.01 else str(kg)
                    cells = [
                        f"{r_i + 1:03d}",
                        rep,
                        "0000",
                        partner,
                        "E",
                        code,
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        code[:2],
                        "2",
                        "1",
                        "",
                        f"{year}52",
                        str(value),
                        qty,
                        "",
                    ]
                    lines.append(",".join(cells))
    path.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0))
    return len(lines) - 1


def build_store(path: Path, extract: Path | None) -> None:
    """Reference data and prices, plus the demo file or the 24-year extract (SYNTHETIC)."""
    from fairmilk.ingest.demo import demo_files
    from fairmilk.store import open_store
    from fairmilk.store.prices import load_price_reference
    from fairmilk.store.reference import load_reference
    from fairmilk.store.trade import ingest_file

    con = open_store(path)
    try:
        load_reference(con)
        load_price_reference(con)
        for file in [extract] if extract else demo_files():
            ingest_file(con, file, source="comext", synthetic=True)
    finally:
        con.close()


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path, port: int, workers: int = 1) -> subprocess.Popen[bytes]:
    """Serve the store in a child process (as ``fairmilk serve`` does; or N uvicorn workers)."""
    code = (
        "import sys; from pathlib import Path; from fairmilk.web import create_app; "
        "from fairmilk.web.server import serve; "
        "serve(create_app(Path(sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]))"
    )
    cmd = [sys.executable, "-c", code, str(db), str(port)]
    if workers > 1:  # each worker a process: the app factory reads the store from FAIRMILK_DB
        cmd = [sys.executable, "-m", "uvicorn", "--factory", "fairmilk.web.server:app_from_env",
               "--port", str(port), "--workers", str(workers), "--log-level", "warning",
               "--no-access-log"]  # fmt: skip
    proc = subprocess.Popen(cmd, env={**os.environ, "FAIRMILK_DB": str(db)})
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/static/favicon.svg", timeout=1)
            return proc
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


Timing = tuple[str, float, int, int]  # url, seconds, status, body bytes as transferred


def fetch(conn: http.client.HTTPConnection, url: str) -> Timing:
    """One GET on a kept-alive connection, accepting gzip as browsers do."""
    start = time.perf_counter()
    conn.request("GET", url, headers={"Accept-Encoding": "gzip"})
    answer = conn.getresponse()
    body = answer.read()
    return url, time.perf_counter() - start, answer.status, len(body)


def load(port: int, urls: list[str], clients: int) -> list[Timing]:
    """Send ``urls`` from ``clients`` threads, each with its own kept-alive connection.

    (Plain http.client threads: an httpx AsyncClient in the same process added up to
    several hundred milliseconds of its own at p95 in trials, hiding the server's latency.)
    """
    todo = list(reversed(urls))
    out: list[Timing] = []
    lock = threading.Lock()

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        while True:
            with lock:
                if not todo:
                    break
                url = todo.pop()
            result = fetch(conn, url)
            with lock:
                out.append(result)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return out


def pct(values: list[float], q: float) -> float:
    """The q-quantile in milliseconds."""
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def summary(name: str, timings: list[Timing]) -> list[str]:
    """Markdown rows: p50/p95/max and errors for api and page requests."""
    rows = []
    for kind in ("api", "page"):
        part = [t for t in timings if t[0].startswith("/api/") == (kind == "api")]
        secs = [t[1] for t in part]
        errors = sum(1 for t in part if t[2] >= 400)
        rows.append(f"| {name} | {kind} | {len(part)} | {pct(secs, 50):.1f} | {pct(secs, 95):.1f} "
                    f"| {1000 * max(secs):.1f} | {errors} |")  # fmt: skip
    return rows


def page_weights(port: int) -> dict[str, int]:
    """Bytes a browser transfers for each page: HTML plus static assets (gzip)."""
    assets = sum(t[3] for t in load(port, ASSETS, 1))
    pages = [p for p in PAGES if ".json" not in p]
    return {url: size + assets for url, _s, _st, size in load(port, pages, 1)}


def run_store(
    name: str, db: Path, total: int, clients: int, workers: int = 1
) -> tuple[list[str], list[str]]:
    """Cold pass, loaded pass and page weights for one store."""
    port = free_port()
    proc = start_server(db, port, workers)
    try:
        cold = load(port, PAGES + API, 1)
        urls = [(PAGES + API)[i % len(PAGES + API)] for i in range(total)]
        random.Random(7).shuffle(urls)
        warm = load(port, urls, clients)
        weights = page_weights(port)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    cold_rows = [f"| {name} | {u} | {1000 * s:.0f} | {st} |" for u, s, st, _b in cold]
    weight_rows = [f"| {name} | {p} | {b / 1e6:.3f} |" for p, b in weights.items()]
    return summary(name, warm), [*cold_rows, "WEIGHTS", *weight_rows]


def machine() -> str:
    """A one-line description of the machine."""
    cpu = "unknown CPU"
    info = Path("/proc/cpuinfo")
    if info.exists():
        names = [ln.split(":", 1)[1].strip() for ln in info.read_text().splitlines()
                 if ln.startswith("model name")]  # fmt: skip
        cpu = names[0] if names else cpu
    load = os.getloadavg()[0]
    return (
        f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} CPUs "
        f"({cpu}); 1-minute load average {load:.1f} when the run started (shared machine)"
    )


def main() -> None:
    """Build both stores, measure, print and append the results."""
    machine_line = machine()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--view-rounds", type=int, default=5)
    parser.add_argument("--restart-rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        build_store(folder / "embedded.duckdb", None)
        extract = folder / "comext_synthetic_dairy_2000_2023.dat.gz"
        n_rows = generate_extract(extract)
        build_store(folder / "comext24.duckdb", extract)
        print(f"stores built in {time.perf_counter() - started:.0f} s; extract {n_rows} rows")
        tables, cold, weights, starts = [], [], [], []
        for name in ("embedded", "comext24"):
            db = folder / f"{name}.duckdb"
            rows, more = run_store(name, db, args.requests, args.clients, args.workers)
            cut = more.index("WEIGHTS")
            tables += rows
            cold += more[:cut]
            weights += more[cut + 1 :]
        for name in ("embedded", "comext24"):
            db = folder / f"{name}.duckdb"
            starts += view_rows(name, cold_views(db, args.view_rounds))
            print("\n".join(starts), flush=True)
        starts.append("RESTART")
        for name in ("embedded", "comext24"):
            db = folder / f"{name}.duckdb"
            starts += restart_rows(name, cold_restart(db, free_port(), args.restart_rounds))
            print("\n".join(starts), flush=True)
        starts += ["", f"Answers other than 200 during the cold starts: {ERRORS or 'none'}."]
    details = [*cold, "WEIGHTS", *weights, "STARTS", *starts]
    write_results(tables, details, n_rows, args, f"{machine_line}; {load_line()} at the end")


def load_line() -> str:
    """The 1-, 5- and 15-minute load averages now."""
    return "load averages " + ", ".join(f"{x:.1f}" for x in os.getloadavg())


def write_results(
    tables: list[str], details: list[str], n_rows: int, args: argparse.Namespace, host: str
) -> None:
    """Print the tables and replace this benchmark's section of bench/RESULTS.md."""
    cut, starts = details.index("WEIGHTS"), details.index("STARTS")
    restart = details.index("RESTART")
    text = [
        HEADING, "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {host}.",
        f"{args.clients} concurrent clients, {args.requests} requests per store after one cold "
        f"pass (client threads with kept-alive connections, gzip accepted); server: uvicorn "
        f"({args.workers} worker process(es)) in a child process on loopback; with several, "
        f"the cold pass reaches one of them. The comext24 store "
        f"holds a SYNTHETIC 24-year Comext dairy extract of {n_rows:,} rows.", "",
        "| store | kind | requests | p50 ms | p95 ms | max ms | errors |",
        "|---|---|---|---|---|---|---|",
        *tables, "",
        "Cold first hit of each URL (the view is built, then cached under the store "
        "fingerprint):", "",
        "| store | url | ms | status |", "|---|---|---|---|", *details[:cut], "",
        "Bytes transferred per page (HTML + CSS + JavaScript, gzip), target < 1.5 MB:", "",
        "| store | page | MB |", "|---|---|---|", *details[cut + 1 : starts], "",
        f"Cold `overview_view` (ms; median of {args.view_rounds} fresh processes per set-up, "
        "set-ups in turn in each round; imports done before the timed call): EN, then FR, "
        "then EN again under another store fingerprint (as after a write on a writable "
        "server). baseline: no result memo, no SQL memo (each language computes "
        "everything); results: EN and FR share the computed results; results+sql: also the "
        "SQL memo. Ratio = median / baseline median (EN / FR / after a write):", "",
        "| store | set-up | EN ms | FR after EN ms | EN after a write ms | ratio | EN runs ms |",
        "|---|---|---|---|---|---|---|", *details[starts + 1 : restart], "",
        f"Cold after restart: first hit of each page (EN, then FR) in a freshly started "
        f"server (warm-up thread on, as `fairmilk serve`), ms, median of "
        f"{args.restart_rounds} starts. baseline: result memo, SQL memo and disk cache off "
        "(the same code); first start: empty disk cache; restart: the next start on the "
        "same cache folder. Ratio = median / baseline median:", "",
        "| store | page | baseline | first start | restart | ratio first start "
        "| ratio restart |", "|---|---|---|---|---|---|---|", *details[restart + 1 :], "",
    ]  # fmt: skip
    section = "\n".join(text)
    print(section)
    replace_section(RESULTS, section)


START, END = "<!-- web-latency:start -->", "<!-- web-latency:end -->"


def replace_section(out: Path, section: str) -> None:
    """Put ``section`` between this benchmark's markers in ``out``, keeping the rest."""
    block = f"{START}\n{section.rstrip()}\n{END}"
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n" if text else block + "\n"
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
