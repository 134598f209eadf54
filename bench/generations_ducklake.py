"""The DuckLake half of ``bench/generations.py``; runs under DuckDB 1.4 with its extensions.

    python generations_ducklake.py FOLDER TRADE.parquet BATCH.parquet RUNS < QUERIES.json

It prints its measurements as JSON; the queries (name to SQL) come as JSON on stdin.
"""

from __future__ import annotations

import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

import duckdb


def du(path: Path) -> int:
    """Bytes used under the folder ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def extension(name: str) -> str:
    """The ``name.duckdb_extension`` file shipped by the ``duckdb-ext-*`` packages."""
    spec = importlib.util.find_spec("duckdb_ext")
    folder = Path(next(iter(spec.submodule_search_locations or [])) if spec else ".")
    return str(next(folder.rglob(f"{name}.duckdb_extension")))


def main() -> None:
    """Load the table into a DuckLake, publish RUNS snapshots, query, print JSON."""
    folder, table, batch, runs = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    queries_sql: dict[str, str] = json.load(sys.stdin)
    con = duckdb.connect()
    con.execute(f"LOAD '{extension('sqlite_scanner')}'")
    con.execute(f"LOAD '{extension('ducklake')}'")
    catalog, data = folder / "catalog.sqlite", folder / "data"
    con.execute(f"ATTACH 'ducklake:sqlite:{catalog}' AS lake (DATA_PATH '{data}/')")
    start = time.perf_counter()
    con.execute(f"CREATE TABLE lake.trade_flows AS SELECT * FROM read_parquet('{table}')")
    load_s = time.perf_counter() - start
    publish = []
    for _ in range(runs):
        start = time.perf_counter()
        con.execute("BEGIN")
        con.execute(f"INSERT INTO lake.trade_flows SELECT * FROM read_parquet('{batch}')")
        con.execute("COMMIT")
        publish.append(time.perf_counter() - start)
    con.execute("USE lake")
    queries = {}
    for name, sql in queries_sql.items():
        con.execute(sql).fetchall()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            con.execute(sql).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        queries[name] = statistics.median(times)
    row = con.execute("SELECT count(*) FROM trade_flows").fetchone()
    snaps = con.execute("SELECT count(*) FROM lake.snapshots()").fetchone()
    out = {
        "duckdb": duckdb.__version__,
        "initial_load_s": load_s,
        "publish_s": publish,
        "queries_ms": queries,
        "disk_bytes": du(folder),
        "rows": row[0] if row else 0,
        "snapshots": snaps[0] if snaps else 0,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
