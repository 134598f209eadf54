"""A new store starts as a copy of a complete empty store: same contents, checked as any store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from fairmilk.store import open_store
from fairmilk.store.complete import FINGERPRINT_KEY, bring_up_to_date, embedded_fingerprint
from fairmilk.store.generations import publishing
from fairmilk.store.template import PREFIX, new_store_template, template_key

TABLES = ("ref_countries", "ref_products", "ref_series", "observations", "source_files", "prices")


def _counts(db: Path) -> dict[str, int]:
    con = open_store(db, read_only=True)
    try:
        return {t: int(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def _fingerprint(db: Path) -> str | None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(f"SELECT max(value) FROM meta WHERE key = '{FINGERPRINT_KEY}'").fetchone()
        return None if row is None else row[0]
    finally:
        con.close()


def test_the_template_holds_what_a_store_made_from_nothing_holds(tmp_path: Path) -> None:
    template = new_store_template(tmp_path / "cache")
    assert template is not None
    assert template.name == f"{PREFIX}{template_key()}.duckdb"
    scratch = tmp_path / "scratch.duckdb"
    con = open_store(scratch)
    bring_up_to_date(con)
    con.close()
    assert _counts(template) == _counts(scratch)
    assert _counts(template)["ref_countries"] > 0
    assert _fingerprint(template) == embedded_fingerprint()


def test_a_new_store_starts_from_the_template(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIRMILK_CACHE", str(tmp_path / "cache"))
    db = tmp_path / "s.duckdb"
    with publishing(db, note="first") as con:
        assert bring_up_to_date(con) is False  # the copy is already up to date
    templates = list((tmp_path / "cache" / "stores").glob(f"{PREFIX}*.duckdb"))
    assert len(templates) == 1
    assert _counts(db) == _counts(templates[0])


def test_a_stale_template_costs_time_not_correctness(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAIRMILK_CACHE", str(tmp_path / "cache"))
    template = new_store_template()
    assert template is not None
    con = duckdb.connect(str(template))
    con.execute(f"UPDATE meta SET value = 'another version' WHERE key = '{FINGERPRINT_KEY}'")
    con.execute("DELETE FROM ref_countries")
    con.close()
    db = tmp_path / "s.duckdb"
    with publishing(db, note="first") as con:
        assert bring_up_to_date(con) is True  # the copy's fingerprint differs: reloaded
    assert _fingerprint(db) == embedded_fingerprint()
    assert _counts(db)["ref_countries"] > 0


def test_templates_of_other_versions_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    old = folder / f"{PREFIX}0123456789abcdef.duckdb"
    old.write_bytes(b"old")
    template = new_store_template(folder)
    assert template is not None
    assert template.is_file()
    assert not old.exists()
    assert not list(folder.glob("*.partial*"))


def test_without_a_writable_cache_a_new_store_is_made_from_nothing(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert new_store_template(blocked / "stores") is None
