"""Many register writers at once: the register store (SQLite, WAL) against the old path.

N processes each store M submissions (distinct SYNTHETIC one-line forms) at the same time,
as N web workers or command-line users would. Measured: wall time from the first write to
the last (the processes start and import first, then all write at once), submissions per
second, and the time of one write (median, 95th percentile).

* (a) the register store: ``save_submission`` on the SQLite register in WAL mode beside the
  analytics store (one connection per process; writers queued by ``BEGIN IMMEDIATE``).
* (c) with ``--postgres``: the same as (a) on PostgreSQL (a throwaway local cluster from
  Debian's ``postgresql`` package, as the tests start it; fsync off).
* (b) the old path (before the fourth round): the same rows written into the versioned
  DuckDB analytics store, one new version per write (writers' lock, copy of the current
  version, write, checkpoint, switch), as every register post was. The analytics store is
  the one ``fairmilk build`` makes from the embedded data.

    python bench/register_writers.py --processes 4 --posts 20 --rounds 3 --postgres
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "register"))
from postgres_cluster import cluster, new_database

from web_latency import machine

HERE = Path(__file__).parent
RESULTS = HERE / "RESULTS.md"
LEGACY = HERE.parent / "tests" / "register" / "fixtures" / "legacy_register_schema.sql"
START, END = "<!-- register-writers:start -->", "<!-- register-writers:end -->"
FORM = (
    "Title of your submission*\nSYNTHETIC experience {n}\nCountry(ies)/ Region(s) covered\nMali\n"
)


def _register_writer(target: str, worker: int, posts: int, out: Any, go: Any) -> None:
    from fairmilk.register.reader import read_submission
    from fairmilk.register.store import connect
    from fairmilk.register.submissions import save_submission

    times = []
    go.wait()  # every process has started and imported: now all write at once
    first = time.monotonic()
    with connect(target, migrate=False) as reg:
        for n in range(posts):
            record = read_submission(FORM.format(n=f"{worker}-{n}"), source_name="bench.txt")
            began = time.perf_counter()
            save_submission(reg, record, via="web-form")
            times.append(time.perf_counter() - began)
    out.put((first, time.monotonic(), times))


def _old_writer(db: str, worker: int, posts: int, out: Any, go: Any) -> None:
    """The old register post: one new version of the analytics store per submission."""
    from fairmilk.register.reader import read_submission
    from fairmilk.register.submissions import content_key, public_record
    from fairmilk.store.generations import publishing

    times = []
    go.wait()
    first = time.monotonic()
    for n in range(posts):
        record = read_submission(FORM.format(n=f"{worker}-{n}"), source_name="bench.txt")
        began = time.perf_counter()
        with publishing(Path(db), note="web POST /register/form") as con:
            con.execute(
                "INSERT INTO register_submissions VALUES (?, 'pending', ?, ?, ?, 'bench.txt', "
                "'txt', 'web-form', ?, NULL, [], [], [], ?, [], ?, 0, now(), NULL, NULL, NULL)",
                [f"{worker}-{n}", record.form, record.year, record.values.get("title"),
                 content_key(record), record.places, json.dumps(public_record(record))],
            )  # fmt: skip
            con.execute(
                "INSERT INTO register_contacts VALUES (?, NULL, NULL, NULL)", [f"{worker}-{n}"]
            )
        times.append(time.perf_counter() - began)
    out.put((first, time.monotonic(), times))


def _round(writer: Any, target: str, processes: int, posts: int) -> tuple[float, list[float]]:
    context = multiprocessing.get_context("spawn")
    out, go = context.Queue(), context.Event()
    workers = [
        context.Process(target=writer, args=(target, w, posts, out, go)) for w in range(processes)
    ]
    for worker in workers:
        worker.start()
    time.sleep(5.0)  # let every process import fairmilk before the writes start
    go.set()
    done = [out.get(timeout=1800) for _ in workers]
    for worker in workers:
        worker.join()
    wall = max(end for _s, end, _t in done) - min(start for start, _e, _t in done)
    return wall, [t for _s, _e, times in done for t in times]


def _stores(folder: Path) -> tuple[str, str]:
    """A built analytics store with the old register tables, and a new register store."""
    from fairmilk.register.store import connect, default_path
    from fairmilk.store.generations import publishing

    db = folder / "bench.duckdb"
    subprocess.run([sys.executable, "-m", "fairmilk", "build", "--db", str(db)], check=True,
                   capture_output=True)  # fmt: skip
    with publishing(db, note="old register tables") as con:
        con.execute(LEGACY.read_text(encoding="utf-8"))
    connect(str(default_path(db))).close()
    return str(default_path(db)), str(db)


def main() -> None:
    """Measure every path, print the table and replace this section of RESULTS.md."""
    machine_line = machine()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--posts", type=int, default=10, help="submissions per process")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", action="store_true", help="also PostgreSQL (c)")
    args = parser.parse_args()
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        admin = stack.enter_context(cluster()) if args.postgres else None
        rows, size = _measure(Path(tmp), admin, args)
    _report(rows, args, machine_line, size)


def _measure(tmp: Path, admin: str | None, args: Any) -> tuple[dict[str, Any], int]:
    from fairmilk.register.store import connect

    rows: dict[str, Any] = {}
    size = 0
    for r in range(args.rounds):
        register, db = _stores(tmp / f"round{r}")
        size = Path(db).resolve().stat().st_size
        contenders = [("(a) register store, SQLite WAL", _register_writer, register)]
        if admin is not None:
            url = new_database(admin, f"bench{r}")
            connect(url).close()
            contenders.append(("(c) register store, PostgreSQL", _register_writer, url))
        contenders.append(("(b) old path, a DuckDB version per write", _old_writer, db))
        for name, writer, target in contenders:
            rows.setdefault(name, []).append(_round(writer, target, args.processes, args.posts))
    return rows, size


def _report(rows: dict[str, Any], args: Any, machine_line: str, size: int) -> None:
    total = args.processes * args.posts
    lines = [
        "## Register writers (bench/register_writers.py)", "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {machine_line}.",
        f"{args.processes} processes x {args.posts} SYNTHETIC submissions each, at once; "
        f"{args.rounds} rounds (fresh stores each round; the analytics store made by "
        f"`fairmilk build` is {size / 1e6:.1f} MB). Command: `python bench/register_writers.py "
        f"--processes {args.processes} --posts {args.posts} --rounds {args.rounds}"
        f"{' --postgres' if args.postgres else ''}`.", "",
        "| path | wall s (median) | submissions/s (median) | one write ms (median) | "
        "one write ms (p95) |",
        "|---|---|---|---|---|",
    ]  # fmt: skip
    medians = {}
    for name, runs in rows.items():
        wall = statistics.median(w for w, _t in runs)
        writes = sorted(t for _w, ts in runs for t in ts)
        medians[name] = wall
        p95 = writes[int(0.95 * (len(writes) - 1))]
        lines.append(f"| {name} | {wall:.2f} | {total / wall:.1f} | "
                     f"{statistics.median(writes) * 1000:.1f} | {p95 * 1000:.1f} |")  # fmt: skip
    old = medians["(b) old path, a DuckDB version per write"]
    ratios = ", ".join(f"{n[:3]}/(b) **{old / w:.1f}x**" for n, w in medians.items() if w != old)
    lines += ["", f"Throughput ratios (median wall times): {ratios}."]
    section = "\n".join(lines)
    print(section)
    block = f"{START}\n{section}\n{END}"
    text = RESULTS.read_text(encoding="utf-8")
    if START in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
