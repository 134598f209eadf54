"""Each stage imports only from the stages to its left (see docs/architecture.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "fairmilk"
ORDER = ["errors", "config", "reference", "ingest", "store", "indicators", "policy", "outputs"]
# register talks to the store only; cli may import anything.
ALLOWED = {stage: set(ORDER[: i + 1]) for i, stage in enumerate(ORDER)}
ALLOWED["ingest"] = {"errors", "config", "reference", "ingest"}
ALLOWED["register"] = {"errors", "config", "reference", "store", "register"}
ALLOWED["outputs"] |= {"register"}
# fairmilk.text (translatable reader-facing messages) sits below every stage and imports none.
for _stage in ALLOWED:
    ALLOWED[_stage].add("text")
ALLOWED["text"] = set()


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fairmilk."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[1] for a in node.names if a.name.startswith("fairmilk.")}
    return found


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stage_imports_only_leftwards(stage: str) -> None:
    folder = SRC / stage
    files = list(folder.rglob("*.py")) if folder.is_dir() else [SRC / f"{stage}.py"]
    for file in files:
        bad = _imports(file) - ALLOWED[stage]
        assert not bad, f"{file.relative_to(SRC)} imports {sorted(bad)}, which sit downstream"


ENGINE_FREE = ("indicators", "policy")  # run on any Ibis backend: never DuckDB itself
DUCKDB_MODULES = ("duckdb", "ibis.backends.duckdb", "ibis.duckdb")


def _third_party_imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            found.add(f"{node.value.id}.{node.attr}")  # ibis.duckdb.connect(...)
    return found


@pytest.mark.parametrize("stage", ENGINE_FREE)
def test_indicators_and_simulators_do_not_import_duckdb(stage: str) -> None:
    for file in (SRC / stage).rglob("*.py"):
        names = _third_party_imports(file)
        bad = sorted(
            n for n in names if any(n == m or n.startswith(m + ".") for m in DUCKDB_MODULES)
        )
        assert not bad, f"{file.relative_to(SRC)} imports {bad}: take an ibis.BaseBackend instead"
