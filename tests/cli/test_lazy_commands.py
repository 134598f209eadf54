"""A command imports only the command modules that register it; --help shows them all."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import import_module

import pytest
import typer

from fairmilk.cli import COMMANDS, MODULES, build_app, main, modules_for


def _top_level(app: typer.Typer) -> set[str]:
    names = {c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands}
    return names | {g.name or "" for g in app.registered_groups}


@pytest.mark.parametrize("module", MODULES)
def test_each_module_adds_the_commands_listed_for_it(module: str) -> None:
    app = typer.Typer()
    import_module(f"fairmilk.cli.{module}").register(app)
    assert _top_level(app) == set(COMMANDS[module])


def test_the_full_command_line_has_every_listed_command() -> None:
    listed = {name for names in COMMANDS.values() for name in names}
    assert _top_level(build_app()) == listed


@pytest.mark.parametrize(
    ("argv", "modules"),
    [
        (["ingest", "comext", "x.dat"], ("ingest", "prices")),
        (["sources", "--db", "s.duckdb"], ("ingest",)),
        (["export", "--help"], ("trade_export",)),
        (["serve"], ("web",)),
        (["--help"], MODULES),
        (["--version"], MODULES),
        (["nosuch"], MODULES),
        ([], MODULES),
    ],
)
def test_a_command_line_needs_the_modules_of_its_command(
    argv: list[str], modules: tuple[str, ...]
) -> None:
    assert modules_for(argv) == modules


def test_ingest_comext_imports_no_other_command_module() -> None:
    code = (
        "import json, sys\n"
        "sys.argv = ['fairmilk', 'ingest', 'comext', '--help']\n"
        "from fairmilk.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('fairmilk.cli.'))))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert "fairmilk.cli.ingest" in loaded
    assert not {"fairmilk.cli.web", "fairmilk.cli.policy", "fairmilk.cli.trade"} & set(loaded)


def test_the_ingest_group_keeps_its_prices_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.argv", ["fairmilk", "ingest", "--help"])
    main()
    shown = capsys.readouterr().out
    assert all(name in shown for name in ("comext", "comtrade", "prices"))
