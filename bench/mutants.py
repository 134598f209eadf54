"""Mutation testing of the core computations (``make mutants``), one module at a time.

Runs mutmut (configured in pyproject.toml, ``[tool.mutmut]``) on each module given, within a
time budget per module, then writes bench/MUTANTS.md: per module the mutants killed,
surviving and not reached in time, how long it took, and every survivor with its diff and
the explanation given for it in bench/mutants_explained.csv (``UNEXPLAINED`` otherwise).
A line per module and run is added to bench/mutants_history.csv.

Each module is checked with the tests that exercise it (``TESTS`` below; mutmut then runs, per
mutant, those of them that reach the mutated function): the first run of a checkout records
once which test reaches which function, then each module's record is narrowed to its own
test files, so a module never waits on the slow end-to-end tests of another concept.

    python bench/mutants.py --budget 900 indicators.costs policy.mrp ingest.validate
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "bench" / "MUTANTS.md"
HISTORY = ROOT / "bench" / "mutants_history.csv"
EXPLAINED = ROOT / "bench" / "mutants_explained.csv"
MUTMUT = Path(sys.executable).with_name("mutmut")
HISTORY_FIELDS = ["date", "label", "module", "mutants", "killed", "survived", "other",
                  "not_checked", "seconds"]  # fmt: skip
# mutmut's exit codes (mutmut.stats.status_by_exit_code): 1 and 3 kill, 0 survives,
# timeouts (SIGXCPU) count as killed; None is a mutant not reached within the budget.
KILLED = {1, 3, 24, -24, 152, 36, 255, 37}
SURVIVED = {0}
STATS = ROOT / "mutants" / "mutmut-stats.json"
CENSUS_BUDGET = 1800.0  # seconds: the census runs every selected test once, with tracing
# The test files that exercise each module (patterns on the test's file). A module missing
# here is checked with every selected test that reaches it.
TESTS: dict[str, tuple[str, ...]] = {
    "indicators.costs": (
        "tests/prices/test_cost*",
        "tests/prices/test_per_litre*",
        "tests/prices/test_rates*",
        "tests/indicators/test_costs*",
    ),
    "indicators.perlitre": (
        "tests/prices/test_per_litre*",
        "tests/prices/test_rates*",
        "tests/indicators/test_perlitre*",
    ),
    "indicators.dumping": ("tests/prices/test_dumping*", "tests/indicators/test_dumping*"),
    "indicators.anomaly": (
        "tests/prices/test_anomaly*",
        "tests/prices/test_gdt*",
        "tests/indicators/test_anomaly*",
    ),
    "indicators.taxes": (
        "tests/policy/test_tariff*",
        "tests/prices/test_per_litre*",
        "tests/policy/test_taxes*",
    ),
    "indicators.units": (
        "tests/prices/test_price_units*",
        "tests/prices/test_per_litre*",
        "tests/prices/test_rates*",
        "tests/policy/test_tariff*",
        "tests/prices/test_units*",
    ),
    "indicators.periods": ("tests/indicators/test_trade*", "tests/indicators/test_periods*"),
    "indicators.trade": ("tests/indicators/test_trade*", "tests/indicators/test_golden*"),
    "indicators.dependency": ("tests/indicators/test_dependency*", "tests/indicators/test_golden*"),
    "indicators.fao_trade": ("tests/indicators/test_fao_trade*",),
    "indicators.classify": (
        "tests/indicators/test_classify*",
        "tests/indicators/test_trade*",
        "tests/indicators/test_golden*",
    ),
    "indicators.ffmp": ("tests/indicators/test_ffmp*",),
    "indicators.mirror": ("tests/indicators/test_mirror*",),
    "policy.mrp": ("tests/policy/test_mrp*", "tests/policy/test_simulator*"),
    "policy.mrp_model": ("tests/policy/test_mrp*", "tests/policy/test_simulator*"),
    "policy.tariffs": (
        "tests/policy/test_tariff*",
        "tests/policy/test_simulator*",
        "tests/prices/test_per_litre*",
    ),
    "policy.offensive": ("tests/policy/test_offensive*",),
    "ingest.validate": (
        "tests/ingest/test_ingest_bad_input*",
        "tests/ingest/test_ingest_robust*",
        "tests/ingest/test_ingest_layouts*",
        "tests/ingest/test_ingest_comtrade*",
        "tests/ingest/test_ingest_coverage*",
        "tests/ingest/test_ingest_shuffled*",
        "tests/ingest/test_ingest_vintages*",
        "tests/ingest/test_validate*",
    ),
    "ingest.codes": (
        "tests/ingest/test_ingest_bad_input*",
        "tests/ingest/test_ingest_robust*",
        "tests/ingest/test_ingest_comtrade*",
        "tests/ingest/test_validate*",
        "tests/ingest/test_codes*",
    ),
}


def _meta(module: str) -> dict[str, int | None]:
    path = ROOT / "mutants" / "src" / "fairmilk" / (module.replace(".", "/") + ".py.meta")
    if not path.exists():
        return {}
    data: dict[str, dict[str, int | None]] = json.loads(path.read_text(encoding="utf-8"))
    return data["exit_code_by_key"]


def _counts(codes: dict[str, int | None]) -> Counter[str]:
    c: Counter[str] = Counter()
    for code in codes.values():
        if code is None:
            c["not_checked"] += 1
        elif code in KILLED:
            c["killed"] += 1
        elif code in SURVIVED:
            c["survived"] += 1
        else:
            c["other"] += 1  # no tests reach it (33/5), skipped, suspicious
    return c


def _mutmut(args: list[str], log: Path, budget: float, *, jobs: int = 1) -> None:
    """Run mutmut (``jobs`` mutants at a time); stop it (results kept) when the budget is spent."""
    cmd = [str(MUTMUT), "run", "--max-children", str(jobs), *args]
    log.parent.mkdir(exist_ok=True)
    with log.open("w") as out, subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=out) as proc:
        try:
            proc.wait(timeout=budget)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGINT)  # mutmut saves what it checked and stops
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()


def census(budget: float) -> None:
    """Record once which test reaches which function (mutmut's stats), checking no mutant.

    mutmut records the stats, then stops on the pattern that names no mutant (by design: no
    clean run of the whole suite is spent here); the stats file is what this step is for.
    """
    if STATS.exists():
        return
    log = ROOT / "mutants" / "census.log"
    _mutmut(["fairmilk.no_module_is_named_so.*"], log, budget)
    if not STATS.exists():
        sys.exit(f"mutmut recorded no test stats; see {log.relative_to(ROOT)}")


def narrow(module: str) -> None:
    """Keep, for each function of the module, only the tests of its own test files."""
    patterns = TESTS.get(module)
    if not patterns or not STATS.exists():
        return
    data = json.loads(STATS.read_text(encoding="utf-8"))
    prefix = f"fairmilk.{module}."
    for name, tests in data["tests_by_mangled_function_name"].items():
        if name.startswith(prefix):
            keep = [t for t in tests if any(fnmatch.fnmatch(t.split("::")[0], p) for p in patterns)]
            data["tests_by_mangled_function_name"][name] = keep
    STATS.write_text(json.dumps(data, indent=4), encoding="utf-8")


def run_module(module: str, budget: float, *, jobs: int = 1) -> float:
    """Run mutmut on one module's mutants with its own tests, within the budget."""
    start = time.monotonic()
    narrow(module)
    _mutmut([f"fairmilk.{module}.*"], ROOT / "mutants" / f"{module}.log", budget, jobs=jobs)
    return time.monotonic() - start


def _diff(name: str) -> str:
    out = subprocess.run([str(MUTMUT), "show", name], cwd=ROOT, capture_output=True, text=True)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith(("-", "+"))]
    return "\n".join(ln for ln in lines if not ln.startswith(("---", "+++")))


# A name DuckDB and Ibis read case-insensitively: a type in .cast("...") or ibis.null("...")
# or a table in .table("..."). A mutant that only changes the case of such a name is equivalent.
NAME_ARG = re.compile(r"""(\.cast|\.table|ibis\.null)\(\s*(["'])([^"']*)\2""")
CASE_ONLY = (
    "equivalent: changes only the case of a type or table name, which DuckDB and Ibis read "
    "case-insensitively (int32 = INT32, ref_products = REF_PRODUCTS)"
)


def _case_only(diff: str) -> bool:
    """Whether a one-line diff only changes the case of a cast type or table name."""
    lines = diff.splitlines()
    if len(lines) != 2 or not (lines[0].startswith("-") and lines[1].startswith("+")):
        return False
    old, new = (NAME_ARG.sub(lambda m: m.group(0).lower(), ln[1:]) for ln in lines)
    return old == new and lines[0][1:] != lines[1][1:]


def _explanations() -> dict[str, str]:
    if not EXPLAINED.exists():
        return {}
    with EXPLAINED.open(encoding="utf-8") as f:
        return {r["mutant"]: r["why"] for r in csv.DictReader(f)}


def _history(rows: list[dict[str, object]]) -> list[dict[str, str]]:
    old: list[dict[str, str]] = []
    if HISTORY.exists():
        with HISTORY.open(encoding="utf-8") as f:
            old = list(csv.DictReader(f))
    with HISTORY.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, HISTORY_FIELDS)
        writer.writeheader()
        writer.writerows([*old, *({k: str(v) for k, v in r.items()} for r in rows)])
    with HISTORY.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _score(killed: int, survived: int) -> str:
    done = killed + survived
    return f"{100 * killed / done:.1f} %" if done else "–"


def write_report(modules: list[str], history: list[dict[str, str]]) -> None:
    """bench/MUTANTS.md: the recorded runs, then each module's survivors with explanations."""
    why = _explanations()
    out = ["# Mutation testing of the core computations", "",
           "Written by `make mutants` (bench/mutants.py); see docs/mutants.md for the method.",
           "Score = killed / (killed + survived); mutants not reached in the time budget and",
           "mutants no selected test reaches are counted apart.", "",
           "## Recorded runs", "",
           "| date | tests | module | mutants | killed | survived | other | not run | "
           "score | seconds |", "|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for h in history:
        score = _score(int(h["killed"]), int(h["survived"]))
        out.append(f"| {h['date']} | {h['label']} | {h['module']} | {h['mutants']} | "
                   f"{h['killed']} | {h['survived']} | {h['other']} | {h['not_checked']} | "
                   f"{score} | {h['seconds']} |")  # fmt: skip
    out += ["", "## Surviving mutants of the last run", ""]
    unexplained = 0
    for module in modules:
        survivors = sorted(k for k, v in _meta(module).items() if v in SURVIVED)
        out += [f"### fairmilk.{module}", ""]
        if not survivors:
            out += ["None.", ""]
        for name in survivors:
            diff = _diff(name)
            reason = why.get(name) or (CASE_ONLY if _case_only(diff) else "UNEXPLAINED")
            unexplained += reason == "UNEXPLAINED"
            out += [f"- `{name}`: {reason}", "", "  ```diff",
                    *(f"  {ln}" for ln in diff.splitlines()), "  ```", ""]  # fmt: skip
    out.insert(5, f"Unexplained survivors in the last run: {unexplained}.\n")
    REPORT.write_text("\n".join(out) + "\n", encoding="utf-8")


def main() -> None:
    """Run the modules one after the other and write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("modules", nargs="+", help="modules under fairmilk, e.g. policy.mrp")
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per module")
    parser.add_argument("--label", default="current", help="what the run measures")
    parser.add_argument("--jobs", type=int, default=1, help="mutants checked at the same time")
    parser.add_argument("--seconds", type=float, help="record a finished run that took this long")
    parser.add_argument("--report-only", action="store_true", help="rewrite MUTANTS.md only")
    args = parser.parse_args()
    if args.report_only:
        write_report(args.modules, _history([]))
        return
    rows: list[dict[str, object]] = []
    if not args.seconds:
        census(CENSUS_BUDGET)
    for module in args.modules:
        seconds = args.seconds if args.seconds else run_module(module, args.budget, jobs=args.jobs)
        c = _counts(_meta(module))
        print(f"{module}: {dict(c)} in {seconds:.0f} s", flush=True)
        rows.append({"date": datetime.now(UTC).strftime("%Y-%m-%d"), "label": args.label,
                     "module": module, "mutants": sum(c.values()), "killed": c["killed"],
                     "survived": c["survived"], "other": c["other"],
                     "not_checked": c["not_checked"], "seconds": round(seconds)})  # fmt: skip
    write_report(args.modules, _history(rows))


if __name__ == "__main__":
    main()
