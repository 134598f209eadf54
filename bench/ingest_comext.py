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
from typing import NamedTuple

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


class Run(NamedTuple):
    """One run of a contender."""

    wall: float  # seconds
    rss: float  # peak resident set, MB
    cpu: float  # user + system seconds of the child
    out: str  # its last output line


def run_child(args: list[str], tmp: Path) -> Run:
    """Run a child process; its wall time, peak RSS, CPU time and last output line.

    Peak RSS and CPU time are measured by GNU time (``%M %U %S``), so that they are the
    child's own and not inherited from this process. On a shared machine the CPU time is
    the steadier measure: other jobs stretch the wall time far more than the work done.
    """
    stats = tmp / "time.txt"
    start = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%M %U %S", "-o", str(stats), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{args[:3]} failed ({done.returncode}): {done.stderr[-2000:]}")
    rss_kb, user, system = (float(x) for x in stats.read_text().strip().splitlines()[-1].split())
    lines = done.stdout.strip().splitlines()
    return Run(wall, rss_kb / 1024, user + system, lines[-1] if lines else "")


def contenders(
    file: Path, tmp: Path, run: int, *, pandas: bool, before: Path | None = None
) -> dict[str, list[str]]:
    """The command line of each contender for one run (fresh store / table each time)."""
    fairmilk = str(Path(sys.executable).with_name("fairmilk"))
    cold = tmp / f"cache-empty{run}"  # no template yet: the store is made from nothing

    def ingest(cache: Path, db: str, *code: str) -> list[str]:
        return ["env", *code, f"FAIRMILK_CACHE={cache}", fairmilk, "ingest", "comext",
                str(file), "--db", str(tmp / f"{db}{run}.duckdb")]  # fmt: skip

    found = {
        OURS: ingest(tmp / "cache", "store"),
        COLD: ingest(cold, "cold"),
        BUILT: ingest(tmp / "cache", "built"),
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
        BASE0: [
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
    if before is not None:  # the same command run by the code of an earlier source tree
        # Its own cache (the template its build made, if that code makes one).
        code = f"PYTHONPATH={before / 'src'}"
        found[BEFORE] = ingest(tmp / "cache-before", "before", code)
        found[BEFORE_BUILT] = ingest(tmp / "cache-before", "beforebuilt", code)
    return found


OURS = "fairmilk ingest comext"
COLD = "fairmilk ingest comext, first new store of this version (makes the template)"
BUILT = "fairmilk ingest comext, into a built store"
BASE = "(a) duckdb read_csv + filter"
BASE0 = "(a0) duckdb read_csv + filter, path not bound"
BEFORE = "before: fairmilk ingest comext (code of --before)"
BEFORE_BUILT = "before: fairmilk ingest comext, into a built store (code of --before)"


def build_store(tmp: Path, *, code: Path | None = None) -> Path:
    """A store made by ``fairmilk build`` (reference data and the demo sample), once.

    ``code``: the source tree of --before, whose own build (and new-store template, in its
    own cache folder) its contenders use, so that they do not reload reference data that
    a newer loader wrote.
    """
    name = "template" if code is None else "template-before"
    built = tmp / name / "built.duckdb"
    fairmilk = str(Path(sys.executable).with_name("fairmilk"))
    env = {**os.environ, "FAIRMILK_CACHE": str(tmp / ("cache" if code is None else "cache-before"))}
    if code is not None:
        env["PYTHONPATH"] = str(code / "src")
    subprocess.run(
        [fairmilk, "build", "--db", str(built)], check=True, capture_output=True, env=env
    )
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
    parser.add_argument(
        "--before", type=Path, help="a source tree of an earlier fairmilk, run beside this one"
    )
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
    results: dict[str, list[Run]] = {}
    loads: list[float] = []
    with tempfile.TemporaryDirectory(prefix="fairmilk-bench-") as tmp:
        built = build_store(Path(tmp))
        built_before = build_store(Path(tmp), code=args.before) if args.before else built
        for run in range(args.runs):
            loads.append(os.getloadavg()[0])
            found = contenders(file, Path(tmp), run, pandas=args.pandas, before=args.before)
            names = list(found)
            turned = names[run % len(names) :] + names[: run % len(names)]
            copy_store(built, Path(tmp) / f"built{run}.duckdb")
            if args.before is not None:
                copy_store(built_before, Path(tmp) / f"beforebuilt{run}.duckdb")
            for name in turned:
                measured = run_child(found[name], Path(tmp))
                results.setdefault(name, []).append(measured)
                print(
                    f"run {run + 1} {name}: {measured.wall:.2f} s, {measured.cpu:.2f} s CPU, "
                    f"{measured.rss:.0f} MB",
                    flush=True,
                )
            shutil.rmtree(Path(tmp) / f"cache-empty{run}", ignore_errors=True)
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


def _per_round(results: dict[str, list[Run]], top: str, bottom: str, cpu: bool) -> list[float]:
    """Round by round: time of ``top`` / time of ``bottom`` (wall or CPU)."""
    pairs = zip(results[top], results[bottom], strict=True)
    return [(a.cpu / b.cpu) if cpu else (a.wall / b.wall) for a, b in pairs]


def write_results(
    out: Path, file: Path, rows: int, results: dict[str, list[Run]], info: list[str]
) -> None:
    """Write medians, minima, ratios and the machine description as Markdown."""
    lines = [
        "# Ingest benchmark (SYNTHETIC data)",
        "",
        f"File: `{file.name}` ({file.stat().st_size / 1e9:.2f} GB, {rows:,} rows, classic "
        "layout, annual; generated by `bench/generate_comext.py`, seed 0).",
        "",
        "| contender | median (s) | min (s) | runs (s) | CPU median (s) | peak RSS (MB) "
        "| (a) / it, wall, per round | (a) / it, CPU, per round |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, runs in results.items():
        walls = [r.wall for r in runs]
        wall = statistics.median(_per_round(results, BASE, name, cpu=False))
        cpu = statistics.median(_per_round(results, BASE, name, cpu=True))
        lines.append(
            f"| {name} | {statistics.median(walls):.2f} | {min(walls):.2f} | "
            f"{', '.join(f'{w:.2f}' for w in walls)} | "
            f"{statistics.median(r.cpu for r in runs):.2f} | {max(r.rss for r in runs):.0f} | "
            f"{wall:.2f} | {cpu:.2f} |"
        )
    machine_title = "Machine (shared with other jobs while the benchmark ran; see the load):"
    lines += ["", *_target_table(results), "", *NOTES, "", machine_title, ""]
    lines += [*(f"- {i}" for i in info), ""]
    section = "\n".join(lines)
    replace_section(out, section)
    print(section)


NOTES = [
    "(a) / it = the time of (a), DuckDB's own `read_csv` + the dairy filter, divided by the "
    "contender's time in the same round: the target is >= 0.8 for `fairmilk ingest comext` "
    "(1 would be as fast as (a)); the median over rounds is shown. Rounds run the contenders "
    "one after the other, the order turning by one place each round. The CPU ratio uses "
    "the children's user + system time, which other jobs on the machine disturb far less "
    "than the wall time. `fairmilk ingest comext` runs end to end on a new store: start-up, "
    "the store (a copy of the new-store template, made by an earlier run of the same "
    "version), the scan, checks, the write and the new version; the first new store of a "
    "version makes the template itself (its own row). (a) binds the file's path as a "
    "parameter, which makes DuckDB's Python client import pandas; (a0) writes it into the "
    "statement; (a2) reads every column as text, as fairmilk stages them.",
]


def _target_table(results: dict[str, list[Run]]) -> list[str]:
    """The target ratios, (a) / fairmilk and (a0) / fairmilk, for each fairmilk run."""
    lines = [
        "| fairmilk run | (a) / it, wall: median, each round | (a) / it, CPU: median, "
        "each round | (a0) / it, wall | (a0) / it, CPU |",
        "|---|---|---|---|---|",
    ]
    for ours in (OURS, COLD, BUILT, BEFORE, BEFORE_BUILT):
        if ours not in results:
            continue
        cells = []
        for base in (BASE, BASE0):
            for cpu in (False, True):
                per = _per_round(results, base, ours, cpu=cpu)
                each = f" ({', '.join(f'{x:.2f}' for x in per)})" if base == BASE else ""
                cells.append(f"{statistics.median(per):.2f}{each}")
        lines.append(f"| {ours} | {' | '.join(cells)} |")
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
