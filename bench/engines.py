"""Time the indicators on DuckDB (the store) and on Spark (local mode, Parquet) on the demo store.

Usage: python bench/engines.py [RUNS]. Builds the demo store in a temporary folder (what
'fairmilk build' loads: embedded reference data and the SYNTHETIC Comext sample), writes its
tables as Parquet, then runs each indicator once to warm up and RUNS times (default 3) on
each engine. Prints one markdown line per indicator with the median wall time of the timed
runs, the Spark session start-up time and the machine's load average before and after.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.price_tables import cost_coverage_table, per_litre_table
from fairmilk.indicators.trade import trade_frame
from fairmilk.ingest.demo import demo_files
from fairmilk.store import open_store
from fairmilk.store.engines import read_tables, spark_backend
from fairmilk.store.parquet import export_parquet
from fairmilk.store.prices import load_price_reference
from fairmilk.store.reference import load_reference
from fairmilk.store.trade import ingest_file

CALLS: dict[str, Callable[[Any], object]] = {
    "trade eu27 -> west-africa by year,category": lambda c: trade_frame(
        c, exporters=["eu27"], destinations=["west-africa"], by=("year", "category")
    ),
    "trade ffmp --share": lambda c: ffmp_frame(c, share=True),
    "trade dependency": lambda c: dependency_frame(c),
    "prices coverage": lambda c: cost_coverage_table(c),
    "prices per-litre SN,CI": lambda c: per_litre_table(c, countries=["SN", "CI"]),
}


def build(folder: Path) -> Path:
    """The demo store, as 'fairmilk build' makes it."""
    path = folder / "demo.duckdb"
    con = open_store(path)
    load_reference(con)
    load_price_reference(con)
    for file in demo_files():
        ingest_file(con, file, source="comext", synthetic=True)
    con.close()
    return path


def median_seconds(call: Callable[[], object], runs: int) -> float:
    """Median wall time of runs calls, after one warm-up call."""
    call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    """Build, export, then time every call on both engines."""
    warnings.simplefilter("ignore")
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"load average before: {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores)", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        con = open_store(build(Path(tmp)), read_only=True)
        export_parquet(con, Path(tmp) / "parquet")
        start = time.perf_counter()
        spark = spark_backend()
        read_tables(spark, Path(tmp) / "parquet")
        print(f"Spark session started in {time.perf_counter() - start:.1f} s", flush=True)
        print("| call | DuckDB (store) | Spark (local) | ratio |\n|---|---|---|---|")
        for name, make in CALLS.items():
            duck = median_seconds(lambda make=make: make(con), runs)
            on_spark = median_seconds(lambda make=make: make(spark), runs)
            print(f"| {name} | {duck:.2f} s | {on_spark:.2f} s | {on_spark / duck:.0f}x |")
        spark.disconnect()
        con.close()
    print(f"load average after: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
