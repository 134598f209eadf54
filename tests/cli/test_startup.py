"""The command line starts without the heavy data libraries (they load inside commands)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("ibis", "pyarrow", "pandas", "duckdb")
PROBE = (
    "import json, sys\n"
    "import fairmilk.cli\n"
    f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))\n"
)


def _loaded_after(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _loaded_after(PROBE) == []


def test_the_probe_sees_the_heavy_libraries_once_a_command_needs_them() -> None:
    command = "import fairmilk.indicators.trade, fairmilk.outputs.exports\n"
    loaded = _loaded_after(
        PROBE.replace("import fairmilk.cli\n", f"import fairmilk.cli\n{command}")
    )
    assert {"duckdb", "ibis", "pyarrow"} <= set(loaded)
