"""The `fairmilk register` commands, driven through Typer's test runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from fairmilk.cli.register import app
from fairmilk.errors import InputError

FIXTURES = Path(__file__).parent / "fixtures"
OXFAM = FIXTURES / "oxfam-local-and-fair-milk-2019.txt"
runner = CliRunner()


def _run(*args: str, stdin: str | None = None) -> str:
    result = runner.invoke(app, list(args), input=stdin)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_import_prints_json_record() -> None:
    record = json.loads(_run("import", str(OXFAM), "--format", "json"))
    assert record["values"]["title"] == "Local and Fair Milk in West Africa and Europe"
    assert [c["raw"] for c in record["citations"]][:2] == ["PR-18", "PR-1"]


def test_save_moderate_search_synthesis(store_path: Path) -> None:
    db = ["--db", str(store_path)]
    _run("import", str(OXFAM), "--save", *db)
    listed = json.loads(_run("list", "--format", "json", *db))["data"]
    sid = listed[0]["id"]
    assert listed[0]["status"] == "pending"
    assert json.loads(_run("search", "milk", "--format", "json", *db))["data"] == []
    _run("publish", sid, "--as", "ama", "--note", "read twice", *db)
    found = json.loads(_run("search", "milk", "--recommendation", "PR-18", "-f", "json", *db))
    assert [r["id"] for r in found["data"]] == [sid]
    shown = json.loads(_run("show", sid, *db))
    assert "contact" not in shown
    assert json.loads(_run("show", sid, "--contact", *db))["contact"]["name"] == "Thierry Kesteloot"
    synth = json.loads(_run("synthesis", "-f", "json", *db))
    assert synth["total"] == 1
    assert "set,2,Set 2: Connecting Smallholders to Markets" in _run("synthesis", "-f", "csv", *db)
    assert "Ensemble 2 : Relier les petits producteurs aux marchés" in _run(
        "synthesis", "--lang", "fr", *db
    )
    audit = json.loads(_run("audit", "-f", "json", *db))["data"]
    assert (audit[0]["actor"], audit[0]["action"]) == ("cli:ama", "published")


def test_moderators_and_observations(store_path: Path) -> None:
    db = ["--db", str(store_path)]
    _run(
        "moderators", "add", "ama", "--as", "root", "--password-stdin", *db, stdin="a long secret\n"
    )
    assert _run("moderators", "list", *db) == "ama\tactive\n"
    out = _run("observations", "import", str(FIXTURES / "observations.csv"), *db)
    assert out.startswith("3 observations stored as pending")
    rows = json.loads(_run("observations", "list", "-f", "json", *db))["data"]
    _run("observations", "publish", rows[0]["id"], "--as", "ama", *db)
    assert (
        len(
            json.loads(_run("observations", "list", "--status", "published", "-f", "json", *db))[
                "data"
            ]
        )
        == 1
    )


def test_errors_are_input_errors(store_path: Path) -> None:
    result = runner.invoke(app, ["publish", "nope", "--as", "ama", "--db", str(store_path)])
    assert isinstance(result.exception, InputError)
    assert "no submission with id 'nope'" in str(result.exception)
    bad = runner.invoke(app, ["moderators", "add", "ama", "--as", "r", "--password-stdin",
                              "--db", str(store_path)], input="short\n")  # fmt: skip
    assert isinstance(bad.exception, InputError)
