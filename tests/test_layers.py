"""The layout holds: stages import only leftwards, modules are named for one concept, no cycles.

See docs/architecture.md for the data flow these tests hold.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

SRC = Path(__file__).parents[1] / "src" / "fairmilk"
ORDER = ["errors", "config", "reference", "ingest", "store", "indicators", "policy", "outputs"]
# register talks to the store only; web sits on outputs and register; cli may import anything.
ALLOWED = {stage: set(ORDER[: i + 1]) for i, stage in enumerate(ORDER)}
ALLOWED["ingest"] = {"errors", "config", "reference", "ingest"}
ALLOWED["register"] = {"errors", "config", "reference", "store", "register"}
ALLOWED["web"] = {*ORDER, "register", "web"}
# fairmilk.text (translatable reader-facing messages) sits below every stage and imports none.
for _stage in ALLOWED:
    ALLOWED[_stage].add("text")
ALLOWED["text"] = set()
# Names that say a module was cut by size ("the rest"), not by meaning.
GRAB_BAG = re.compile(r"(^|_)(misc|more|later|common|utils?|helpers?|part\d*|rest)$")


def _modules() -> dict[str, Path]:
    """Every module of the package by dotted name (packages by their own name)."""
    out = {}
    for path in SRC.rglob("*.py"):
        parts = ["fairmilk", *path.relative_to(SRC).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _targets(path: Path) -> set[str]:
    """The fairmilk modules ``path`` imports (anywhere in it), as dotted names."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("fairmilk"):
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("fairmilk")}
    return found


def _stages(path: Path) -> set[str]:
    return {t.split(".")[1] for t in _targets(path) if t.count(".") >= 1}


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stage_imports_only_leftwards(stage: str) -> None:
    folder = SRC / stage
    files = list(folder.rglob("*.py")) if folder.is_dir() else [SRC / f"{stage}.py"]
    assert files, f"no module for stage {stage}"
    for file in files:
        bad = _stages(file) - ALLOWED[stage]
        assert not bad, f"{file.relative_to(SRC)} imports {sorted(bad)}, which sit downstream"


def test_every_top_level_package_has_a_stage() -> None:
    """A new package must be placed in the flow (and in docs/architecture.md) on purpose."""
    tops = {p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    tops |= {p.stem for p in SRC.glob("*.py") if p.stem not in ("__init__", "__main__")}
    assert tops - set(ALLOWED) == {"cli"}


def test_no_module_is_named_for_the_rest() -> None:
    bad = sorted(name for name in MODULES if GRAB_BAG.search(name.rsplit(".", 1)[-1]))
    assert not bad, f"modules named by size rather than meaning: {bad}"


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycles() -> None:
    graph = {name: _targets(path) - {name} for name, path in MODULES.items()}
    cycle = _cycle(graph)
    assert cycle is None, "modules import each other: " + " -> ".join(cycle or [])


def test_cycle_finder_finds_a_cycle() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


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
