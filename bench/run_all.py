"""Run every benchmark of fairmilk (``make bench``); each writes its own results file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
BENCHMARKS = ("ingest_comext.py",)


def main() -> None:
    """Run the benchmarks one after the other; stop at the first failure."""
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, str(HERE / name), *sys.argv[1:]], check=True)


if __name__ == "__main__":
    main()
