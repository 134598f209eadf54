"""Run every benchmark of fairmilk (``make bench``); each writes its own section of RESULTS.md."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = ("ingest_comext.py", "indicators_trade.py", "web_latency.py", "engines.py")


def main() -> None:
    """Run the benchmarks that exist, one after the other, with their default settings."""
    for name in BENCHMARKS:
        script = HERE / name
        if script.exists():
            print(f"== {name}", flush=True)
            subprocess.run([sys.executable, str(script)], check=True)


if __name__ == "__main__":
    main()
