"""Data generations: copy-and-swap of the DuckDB file against DuckLake (SYNTHETIC data).

Both candidates publish the same change to a 24-year store (the SYNTHETIC Comext extract of
``bench/web_latency.py``): one more year of trade rows (about 27,000), made visible to readers
at once. Measured per candidate: time to publish, latency of typical indicator queries
(annual exports by exporter, by West African destination, one product's monthly series), and
disk use after N publications.

* (a) copy-and-swap: copy the current generation file, write the change into the copy,
  checkpoint and close it, then replace a small pointer file with ``os.replace``.
* (b) DuckLake: a catalog in SQLite, data in Parquet; the change is one transaction (a
  snapshot). DuckLake's offline packages exist for DuckDB 1.4 only, so this part runs in a
  separate Python given by ``--ducklake-python`` (a virtualenv with ``duckdb==1.4.*``,
  ``duckdb-ext-ducklake`` and ``duckdb-ext-sqlite``).

    python bench/generations.py --ducklake-python /path/to/venv/bin/python --runs 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).parent))
from web_latency import build_store, generate_extract, machine

QUERIES = {
    "exports by exporter and year": (
        "SELECT reporter, year, sum(value_eur) FROM trade_flows "
        "WHERE flow = 'export' GROUP BY ALL ORDER BY ALL"
    ),
    "exports to West Africa by partner": (
        "SELECT partner, year, sum(quantity_kg) FROM trade_flows WHERE partner IN "
        "('SN','CI','GH','NG','ML','BF','BJ','TG','NE','GN') GROUP BY ALL ORDER BY ALL"
    ),
    "FFMP (19019099) series": (
        "SELECT year, reporter, sum(value_eur), sum(quantity_kg) FROM trade_flows "
        "WHERE product_code = '19019099' GROUP BY ALL ORDER BY ALL"
    ),
}
BATCH = "SELECT * REPLACE (CAST(year + 24 AS SMALLINT) AS year) FROM trade_flows WHERE year = {y}"


def du(path: Path) -> int:
    """Bytes used under ``path`` (a file or a folder)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def query_times(con: duckdb.DuckDBPyConnection, runs: int) -> dict[str, float]:
    """Median milliseconds of each indicator query (after one warm-up run)."""
    out = {}
    for name, sql in QUERIES.items():
        con.execute(sql).fetchall()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        out[name] = statistics.median(times)
    return out


def copy_and_swap(store: Path, batch: Path, runs: int) -> dict[str, object]:
    """Publish ``runs`` generations by copy-and-swap; time each one, then query the last."""
    folder = store.parent / "generations"
    folder.mkdir()
    current = folder / "0001.duckdb"
    shutil.copyfile(store, current)
    (folder / "CURRENT").write_text(current.name)
    publish, copy = [], []
    for n in range(2, runs + 2):
        start = time.perf_counter()
        new = folder / f"{n:04d}.duckdb"
        tmp = new.with_suffix(".tmp")
        shutil.copyfile(folder / (folder / "CURRENT").read_text(), tmp)
        copied = time.perf_counter()
        con = duckdb.connect(str(tmp))
        con.execute(f"INSERT INTO trade_flows SELECT * FROM read_parquet('{batch}')")
        con.execute("CHECKPOINT")
        con.close()
        os.replace(tmp, new)
        (folder / "CURRENT.tmp").write_text(new.name)
        os.replace(folder / "CURRENT.tmp", folder / "CURRENT")
        publish.append(time.perf_counter() - start)
        copy.append(copied - start)
    con = duckdb.connect(str(folder / (folder / "CURRENT").read_text()), read_only=True)
    queries = query_times(con, runs)
    rows = con.execute("SELECT count(*) FROM trade_flows").fetchone()
    con.close()
    return {
        "publish_s": publish,
        "copy_s": copy,
        "queries_ms": queries,
        "generation_bytes": du(current),
        "disk_bytes": du(folder),
        "rows": rows[0] if rows else 0,
    }


def main() -> None:
    """Build the store, run both candidates, print JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ducklake-python", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        extract = folder / "comext24.dat.gz"
        n_rows = generate_extract(extract)
        store = folder / "a" / "comext24.duckdb"
        store.parent.mkdir()
        build_store(store, extract)
        con = duckdb.connect(str(store), read_only=True)
        batch = folder / "batch.parquet"
        con.execute(f"COPY ({BATCH.format(y=2023)}) TO '{batch}' (FORMAT parquet)")
        table = folder / "trade.parquet"
        con.execute(f"COPY trade_flows TO '{table}' (FORMAT parquet)")
        single = {"store_bytes": du(store), "queries_ms": query_times(con, args.runs)}
        con.close()
        a = copy_and_swap(store, batch, args.runs)
        lake = folder / "b"
        lake.mkdir()
        script = Path(__file__).with_name("generations_ducklake.py")
        cmd = [str(args.ducklake_python), str(script), str(lake), str(table), str(batch)]
        out = subprocess.run(
            [*cmd, str(args.runs)], input=json.dumps(QUERIES), capture_output=True, text=True
        )
        if out.returncode:
            raise SystemExit(out.stderr)
        b = json.loads(out.stdout)
    report = {"extract_rows": n_rows, "single_file": single, "copy_and_swap": a, "ducklake": b}
    report["machine"] = machine()
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
