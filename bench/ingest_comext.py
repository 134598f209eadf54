"""Benchmark: `fairmilk ingest comext` against bare DuckDB (and pandas) on a Comext file.

    python bench/ingest_comext.py [--rows 3000000] [--runs 3] [--pandas]

Generates (once, deterministic) a SYNTHETIC classic-layout annual Comext file in bench/data/
(git-ignored), then runs, interleaved, each contender ``--runs`` times in a fresh child
process: the real CLI on a fresh store (start-up, schema and reference data included) and
into a copy of a store made by ``fairmilk build`` (the copy is made before the timed run);
(a) DuckDB ``read_csv`` + the same product-code filter into a table, the file's path bound
as a parameter, and (a0) the same with the path written into the statement; with
``--pandas``, (b) pandas ``read_csv`` (chunked, all text) + the same filter. The order of the
contenders turns by one place each round. Wall time and the child's peak RSS (GNU
``time -f %M``) are measured; medians and ratios, per round, go to its own section of
bench/RESULTS.md with a description of the machine and the load average of each round.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
DATA = HERE / "data"
sys.path.insert(0, str(HERE))

from fairmilk.ingest.codes import dairy_prefixes, headings  # noqa: E402

DUCKDB_CHILD = """
import sys, duckdb
con = duckdb.connect(sys.argv[2])
options = ", all_varchar = true" if sys.argv[4] == "text" else ""
if sys.argv[4] == "inline":  # no bound parameter (binding one makes DuckDB import pandas)
    path = "'" + sys.argv[1].replace("'", "''") + "'"
    con.execute("CREATE TABLE t AS SELECT * FROM read_csv(" + path + ") WHERE " + sys.argv[3])
else:
    sql = "CREATE TABLE t AS SELECT * FROM read_csv(?" + options + ") WHERE " + sys.argv[3]
    con.execute(sql, [sys.argv[1]])
print(con.execute("SELECT count(*) FROM t").fetchone()[0])
"""
INPROCESS_CHILD = """
import sys
from fairmilk.store import open_store
from fairmilk.store.complete import updating
from fairmilk.store.trade import ingest_file
con = open_store(sys.argv[2])
with updating(con) as ready:
    print(ingest_file(con, sys.argv[1], source="comext", before_write=ready).rows_kept)
con.close()
"""
PANDAS_CHILD = """
import sys, pandas as pd
prefixes = tuple(sys.argv[2].split(","))
parts = []
for chunk in pd.read_csv(sys.argv[1], dtype=str, chunksize=1_000_000, keep_default_na=False):
    parts.append(chunk[chunk["PRODUCT_NC"].str.startswith(prefixes)])
print(len(pd.concat(parts)))
"""


def code_filter() -> str:
    """The same WHERE clause the ingest uses (heading first, then the exact prefixes)."""
    heads = ", ".join(f"'{h}'" for h in headings(dairy_prefixes()))
    exact = " OR ".join(f"starts_with(PRODUCT_NC, '{p}')" for p in dairy_prefixes())
    return f"left(PRODUCT_NC, 4) IN ({heads}) AND ({exact})"


def run_child(args: list[str], tmp: Path) -> tuple[float, float, str]:
    """Run a child process; its wall time (s), peak RSS (MB) and last output line.

    The peak RSS is measured by ``/usr/bin/time -f %M`` (GNU time), so that it is the
    child's own and not inherited from this process.
    """
    rss_file = tmp / "rss.txt"
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{args[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
    rss_kb = float(rss_file.read_text().strip().splitlines()[-1])
    lines = done.stdout.strip().splitlines()
    return wall, rss_kb / 1024, lines[-1] if lines else ""


def contenders(file: Path, tmp: Path, run: int, *, pandas: bool) -> dict[str, list[str]]:
    """The command line of each contender for one run (fresh store / table each time)."""
    fairmilk = str(Path(sys.executable).with_name("fairmilk"))
    found = {
        "fairmilk ingest comext": [
            fairmilk,
            "ingest",
            "comext",
            str(file),
            "--db",
            str(tmp / f"store{run}.duckdb"),
        ],
        BUILT: [
            fairmilk,
            "ingest",
            "comext",
            str(file),
            "--db",
            str(tmp / f"built{run}.duckdb"),
        ],
        "fairmilk ingest_file() in a plain python process": [
            sys.executable,
            "-c",
            INPROCESS_CHILD,
            str(file),
            str(tmp / f"inproc{run}.duckdb"),
        ],
        "fairmilk --version (CLI start-up only)": [fairmilk, "--version"],
        "(a) duckdb read_csv + filter": [
            sys.executable,
            "-c",
            DUCKDB_CHILD,
            str(file),
            str(tmp / f"bare{run}.duckdb"),
            code_filter(),
            "typed",
        ],
        "(a0) duckdb read_csv + filter, path not bound": [
            sys.executable,
            "-c",
            DUCKDB_CHILD,
            str(file),
            str(tmp / f"inline{run}.duckdb"),
            code_filter(),
            "inline",
        ],
        "(a2) duckdb read_csv(all_varchar) + filter": [
            sys.executable,
            "-c",
            DUCKDB_CHILD,
            str(file),
            str(tmp / f"text{run}.duckdb"),
            code_filter(),
            "text",
        ],
        "(b) pandas read_csv + filter": [
            sys.executable,
            "-c",
            PANDAS_CHILD,
            str(file),
            ",".join(dairy_prefixes()),
        ],
    }
    if not pandas:
        del found["(b) pandas read_csv + filter"]
    return found


OURS = "fairmilk ingest comext"
BUILT = "fairmilk ingest comext, into a built store"
BASE = "(a) duckdb read_csv + filter"


def build_store(tmp: Path) -> Path:
    """A store made by ``fairmilk build`` (reference data and the demo sample), once."""
    built = tmp / "template" / "built.duckdb"
    fairmilk = str(Path(sys.executable).with_name("fairmilk"))
    subprocess.run([fairmilk, "build", "--db", str(built)], check=True, capture_output=True)
    return built


def copy_store(built: Path, target: Path) -> None:
    """Copy the versioned store ``built`` (its versions folder and its link) to ``target``."""
    versions = target.with_name(target.name + ".versions")
    shutil.copytree(built.with_name(built.name + ".versions"), versions)
    os.symlink(f"{versions.name}/{built.resolve().name}", target)


def machine() -> list[str]:
    """CPU model, cores, RAM, load, Python and library versions."""
    import duckdb
    import pandas

    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if ln.startswith("model name")
        ),
        platform.processor(),
    )
    mem = next(
        ln.split(":", 1)[1].strip()
        for ln in Path("/proc/meminfo").read_text().splitlines()
        if ln.startswith("MemTotal")
    )
    return [
        f"CPU: {cpu}",
        f"Cores: {os.cpu_count()}",
        f"RAM: {mem}",
        f"OS: {platform.platform()}",
        f"Python: {platform.python_version()}",
        f"DuckDB: {duckdb.__version__}",
        f"pandas: {pandas.__version__}",
        f"Load average at start: {os.getloadavg()}",
    ]


def main() -> None:
    """Generate the file if needed, run the contenders, write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pandas", action="store_true", help="also run pandas (slow)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args()
    file = DATA / f"comext_synthetic_{args.rows}.dat"
    if not file.exists():
        print(f"generating {file} ...", flush=True)
        gen = [
            sys.executable,
            str(HERE / "generate_comext.py"),
            str(file),
            "--rows",
            str(args.rows),
        ]
        subprocess.run(gen, check=True)  # in a child: keep this process small
    info = machine()
    results: dict[str, list[tuple[float, float, str]]] = {}
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="fairmilk-bench-") as tmp:
        built = build_store(Path(tmp))
        for run in range(args.runs):
            loads.append(os.getloadavg()[0])
            found = contenders(file, Path(tmp), run, pandas=args.pandas)
            names = list(found)
            turned = names[run % len(names) :] + names[: run % len(names)]
            copy_store(built, Path(tmp) / f"built{run}.duckdb")
            for name in turned:
                measured = run_child(found[name], Path(tmp))
                results.setdefault(name, []).append(measured)
                print(
                    f"run {run + 1} {name}: {measured[0]:.2f} s, {measured[1]:.0f} MB", flush=True
                )
            for leftover in Path(tmp).glob("*.duckdb*"):  # stores, links and their versions
                if leftover.is_dir() and not leftover.is_symlink():
                    shutil.rmtree(leftover)
                else:
                    leftover.unlink()
    info.append(f"Load average at end: {os.getloadavg()}")
    info.append(
        "1-minute load average at the start of each round: " + ", ".join(f"{x:.1f}" for x in loads)
    )
    results = {name: results[name] for name in found}  # the listed order, not the last round's
    write_results(args.out, file, args.rows, results, info)


def _ratios(results: dict[str, list[tuple[float, float, str]]], ours: str) -> dict[str, float]:
    """Per contender: the median over rounds of (its time / fairmilk's time in that round)."""
    base = [w for w, _r, _o in results[ours]]
    return {
        name: statistics.median(w / b for (w, _r, _o), b in zip(runs, base, strict=True))
        for name, runs in results.items()
    }


def write_results(
    out: Path,
    file: Path,
    rows: int,
    results: dict[str, list[tuple[float, float, str]]],
    info: list[str],
) -> None:
    """Write medians, minima, ratios and the machine description as Markdown."""
    ours = OURS
    med = {k: statistics.median(w for w, _r, _o in v) for k, v in results.items()}
    low = {k: min(w for w, _r, _o in v) for k, v in results.items()}
    rss = {k: max(r for _w, r, _o in v) for k, v in results.items()}
    per_round = _ratios(results, ours)
    lines = [
        "# Ingest benchmark (SYNTHETIC data)",
        "",
        f"File: `{file.name}` ({file.stat().st_size / 1e9:.2f} GB, {rows:,} rows, classic "
        "layout, annual; generated by `bench/generate_comext.py`, seed 0).",
        "",
        "| contender | median (s) | min (s) | runs (s) | rows/s (median) | peak RSS (MB) "
        "| speed ratio, per round | speed ratio, minima |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        walls = ", ".join(f"{w:.1f}" for w, _r, _o in runs)
        lines.append(
            f"| {name} | {med[name]:.1f} | {low[name]:.1f} | {walls} | "
            f"{rows / med[name]:,.0f} | {rss[name]:.0f} | {per_round[name]:.2f} | "
            f"{low[name] / low[ours]:.2f} |"
        )
    lines += ["", *_target_table(results)]
    lines += [
        "",
        "Speed ratio = contender time / `fairmilk ingest comext` time (>= 1 means fairmilk "
        "is as fast or faster): per round is the median over rounds of the ratio within a "
        "round (the contenders run one after the other in each round); minima compares the "
        "fastest run of each, the least disturbed by other load. Targets: >= 0.8 against "
        "(a), >= 3 against (b) when run, peak RSS <= 1,500 MB. `fairmilk ingest comext` "
        "runs end to end on a fresh store: start-up, schema, the embedded reference data "
        "(loaded while the file is read), the scan, checks and the write. "
        "(a) is DuckDB's default read_csv "
        "(type sniffing, typed columns); (a2), every column as text, is the stricter "
        "comparison, since fairmilk itself stages text and validates afterwards. The CLI "
        "start-up row shows the fixed cost of importing the whole `fairmilk` command line.",
        "",
        "Machine (shared with other jobs while the benchmark ran; see the load averages):",
        "",
        *[f"- {i}" for i in info],
        "",
    ]
    section = "\n".join(lines)
    replace_section(out, section)
    print(section)


def _target_table(results: dict[str, list[tuple[float, float, str]]]) -> list[str]:
    """The target ratio, (a) / fairmilk (and (a0) / fairmilk), for both fairmilk runs."""
    lines = [
        "| fairmilk run | (a) / fairmilk, median of rounds | each round | (a0) / fairmilk, "
        "median of rounds |",
        "|---|---|---|---|",
    ]
    for ours in (OURS, BUILT):
        per = [
            a / o for (a, _r, _x), (o, _r2, _y) in zip(results[BASE], results[ours], strict=True)
        ]
        zero = [
            a / o
            for (a, _r, _x), (o, _r2, _y) in zip(
                results["(a0) duckdb read_csv + filter, path not bound"], results[ours], strict=True
            )
        ]
        lines.append(
            f"| {ours} | {statistics.median(per):.2f} | {', '.join(f'{x:.2f}' for x in per)} | "
            f"{statistics.median(zero):.2f} |"
        )
    return lines


START, END = "<!-- ingest-benchmark:start -->", "<!-- ingest-benchmark:end -->"


def replace_section(out: Path, section: str) -> None:
    """Put ``section`` between this benchmark's markers in ``out``, keeping the rest."""
    block = f"{START}\n{section.rstrip()}\n{END}"
    text = out.read_text(encoding="utf-8") if out.exists() else ""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = block + "\n\n" + text if text else block + "\n"
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
