"""Cold-start measurements for bench/web_latency.py: each run in a fresh Python process.

* ``cold_views``: one ``overview_view`` in English, then in French, then in English again
  under another store fingerprint (what a writable server does after a write), in a fresh
  process (imports done first, timed from the call), for three set-ups run in turn:
  ``baseline`` (no result memo, no SQL memo: each language computes everything, as before),
  ``results`` (results shared by EN and FR, ``fairmilk.outputs.memo``) and ``results+sql``
  (also the SQL memo of ``fairmilk.store.backend``).
* ``cold_restart``: a server started as ``fairmilk serve`` starts it (warm-up thread on),
  then the first hit of each page, English then French, one after the other:
  ``baseline`` (result memo, SQL memo and disk cache switched off in the same code),
  ``first start`` (empty disk cache) and ``restart`` (the same cache folder again).

The baseline switches the new caches off in the current code (it is not the old code).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

VIEW_CODE = """
import json, sys, time, warnings
from contextlib import nullcontext
from pathlib import Path
warnings.simplefilter("ignore")
import fairmilk.store.backend as sql_memo
from fairmilk.outputs import memo
from fairmilk.web.views.overview import overview_view
from fairmilk.web.state import Store, ViewCache
store = Store(Path(sys.argv[1]), read_only=True)
setup = sys.argv[2]
if setup == "baseline" or setup == "results":
    sql_memo.SQL_MEMO_SIZE = 0
results, parts = ViewCache(), store.fingerprint().part("data")
out = {}
for lang, stamp in (("en", parts), ("fr", parts), ("rebuild", ("after a write",))):
    scope = nullcontext() if setup == "baseline" else memo.scope(results, stamp, ("overview", ()))
    start = time.perf_counter()
    with scope, store.cursor() as con:
        overview_view(con, {}, lang="en" if lang == "rebuild" else lang)
    out[lang] = time.perf_counter() - start
print(json.dumps(out))
"""
SERVER_CODE = """
import sys, warnings
from contextlib import nullcontext
from pathlib import Path
warnings.simplefilter("ignore")
import fairmilk.store.backend as sql_memo
from fairmilk.outputs import memo
from fairmilk.web import create_app
from fairmilk.web.server import serve
results = None
if sys.argv[3] == "baseline":
    sql_memo.SQL_MEMO_SIZE = 0
    memo.scope = lambda *args, **kwargs: nullcontext()
else:
    results = Path(sys.argv[4])
app = create_app(Path(sys.argv[1]), warm=True, results_dir=results)
serve(app, host="127.0.0.1", port=int(sys.argv[2]))
"""
VIEW_SETUPS = ("baseline", "results", "results+sql")
PAGES = ("/", "/trade", "/prices", "/per-litre", "/offensive", "/simulators", "/sources")
RESTARTS = ("baseline", "first start", "restart")
ERRORS: list[str] = []  # answers other than 200 (reported with the results)


def cold_views(db: Path, rounds: int) -> dict[str, dict[str, list[float]]]:
    """Seconds of the English and French overview per set-up, one fresh process each."""
    langs = ("en", "fr", "rebuild")
    out: dict[str, dict[str, list[float]]] = {s: {k: [] for k in langs} for s in VIEW_SETUPS}
    for _round in range(rounds):
        for setup in VIEW_SETUPS:
            run = [sys.executable, "-c", VIEW_CODE, str(db), setup]
            found = json.loads(subprocess.run(run, capture_output=True, check=True).stdout)
            for lang in langs:
                out[setup][lang].append(found[lang])
    return out


def first_hits(db: Path, port: int, setup: str, folder: Path) -> dict[str, float]:
    """Start a server, then time the first hit of each page in English, then in French."""
    run = [sys.executable, "-c", SERVER_CODE, str(db), str(port), setup, str(folder)]
    proc = subprocess.Popen(run)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(base)
        out = {}
        with httpx.Client(base_url=base, timeout=300) as client:
            for page in PAGES:
                for lang in ("en", "fr"):
                    start = time.perf_counter()
                    answer = client.get(page, params={"lang": lang})
                    out[f"{page} {lang}"] = time.perf_counter() - start
                    if answer.status_code != 200:
                        ERRORS.append(f"{setup}: {page}?lang={lang} → {answer.status_code}")
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _wait(base: str) -> None:
    for _ in range(600):
        try:
            httpx.get(f"{base}/static/favicon.svg", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def cold_restart(db: Path, port: int, rounds: int) -> dict[str, list[dict[str, float]]]:
    """First hits per set-up and round; ``restart`` reuses the ``first start`` folder."""
    out: dict[str, list[dict[str, float]]] = {s: [] for s in RESTARTS}
    for _round in range(rounds):
        with tempfile.TemporaryDirectory() as tmp:
            for setup in RESTARTS:
                out[setup].append(first_hits(db, port, setup, Path(tmp)))
    return out


def median_ms(values: list[float]) -> str:
    """The median in milliseconds, as text."""
    return f"{1000 * statistics.median(values):.0f}"


def view_rows(store: str, found: dict[str, dict[str, list[float]]]) -> list[str]:
    """Markdown rows: medians of EN, FR and the rebuild, and their ratios to the baseline."""
    langs = ("en", "fr", "rebuild")
    base = {lang: statistics.median(found["baseline"][lang]) for lang in langs}
    rows = []
    for setup, times in found.items():
        meds = " | ".join(median_ms(times[k]) for k in langs)
        ratio = " / ".join(f"{statistics.median(times[k]) / base[k]:.2f}" for k in langs)
        runs = ", ".join(f"{1000 * t:.0f}" for t in times["en"])
        rows.append(f"| {store} | {setup} | {meds} | {ratio} | {runs} |")
    return rows


def restart_rows(store: str, found: dict[str, list[dict[str, float]]]) -> list[str]:
    """Markdown rows: per page and language, the median first hit of each set-up, and ratios."""
    rows = []
    for hit in found["baseline"][0]:
        med = {s: statistics.median(r[hit] for r in found[s]) for s in RESTARTS}
        cells = " | ".join(f"{1000 * med[s]:.0f}" for s in RESTARTS)
        ratios = " | ".join(f"{med[s] / med['baseline']:.2f}" for s in RESTARTS[1:])
        rows.append(f"| {store} | {hit} | {cells} | {ratios} |")
    totals = {s: statistics.median(sum(r.values()) for r in found[s]) for s in RESTARTS}
    cells = " | ".join(f"{1000 * totals[s]:.0f}" for s in RESTARTS)
    ratios = " | ".join(f"{totals[s] / totals['baseline']:.2f}" for s in RESTARTS[1:])
    rows.append(f"| {store} | **all pages, EN then FR** | {cells} | {ratios} |")
    return rows
