"""Time the trade indicators on a store with N SYNTHETIC trade rows (default 1 000 000).

Usage: python bench/indicators_trade.py [N]. Builds a throw-away store in a temporary folder:
the embedded reference data, then N generated rows (EU-27 reporters, ECOWAS + other partners,
real dairy codes, 2015-2024, annual), flagged synthetic. Prints one markdown line per call.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.headline import headline_frames
from fairmilk.indicators.trade import trade_frame
from fairmilk.store import open_store
from fairmilk.store.reference import load_reference

REPORTERS = "['IE','PL','NL','FR','DE','BE','ES','DK','IT','AT']"
PARTNERS = "['SN','NG','ML','CI','GH','BF','NE','GN','MR','TG','BJ','CN','DZ','US','GB']"
CODES = "['04021019','04022118','19019099','19019095','04051011','04069099','04011010']"
SQL = f"""
INSERT INTO trade_flows (file_id, source, reporter, partner, product_code, code_system, flow,
                         year, month, value_eur, quantity_kg)
SELECT 'bench', 'comext', {REPORTERS}[1 + i % 10], {PARTNERS}[1 + (i // 10) % 15],
       {CODES}[1 + (i // 150) % 7], 'CN8', 'export', 2015 + (i // 1050) % 10, NULL,
       1000 + (i * 7919) % 100000,
       CASE WHEN i % 97 = 0 THEN NULL ELSE 400 + (i * 104729) % 40000 END
FROM range(?) AS r(i)
"""


def build(folder: Path, n: int) -> Path:
    """A store with the reference data and n synthetic rows."""
    path = folder / "bench.duckdb"
    con = open_store(path)
    load_reference(con)
    con.execute(
        "INSERT INTO source_files (file_id, source, dataset_key, vintage, is_current, file_name, "
        "size_bytes, synthetic) VALUES ('bench', 'comext', 'bench', 1, true, "
        "'SYNTHETIC bench rows', 0, true)"
    )
    con.execute(SQL, [n])
    con.close()
    return path


def timed(name: str, call: Callable[[], object]) -> None:
    """Run call once and print its wall time."""
    start = time.perf_counter()
    call()
    print(f"| {name} | {time.perf_counter() - start:.2f} s |", flush=True)


def main() -> None:
    """Build the store, then time each indicator once."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        path = build(Path(tmp), n)
        print(f"store with {n:,} SYNTHETIC rows built in {time.perf_counter() - start:.1f} s")
        con = open_store(path, read_only=True)
        print("| call | wall time |\n|---|---|")
        timed("trade_frame default by", lambda: trade_frame(con))
        timed("trade_frame eu27 -> west-africa by year,category",
              lambda: trade_frame(con, exporters=["eu27"], destinations=["west-africa"],
                                  by=("year", "category")))  # fmt: skip
        timed("trade_frame by year,region", lambda: trade_frame(con, by=("year", "region")))
        timed("ffmp_frame share", lambda: ffmp_frame(con, share=True))
        timed("dependency_frame", lambda: dependency_frame(con))
        timed("headline_frames", lambda: headline_frames(con))
        con.close()


if __name__ == "__main__":
    main()
