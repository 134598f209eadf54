"""The country page lists the register's published experiences and field observations, as
the analytics data holds them (copied there at each publication)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from fairmilk.register.observation_store import save_observation, set_observation_status
from fairmilk.register.observations import Observation
from fairmilk.register.published import sync_published
from fairmilk.register.store import Register
from fairmilk.register.submissions import set_status
from fairmilk.store import open_store
from fairmilk.web.views.country import register_entries
from fairmilk.web.views.view import Entry


def _observation(country: str, place: str, currency: str) -> Observation:
    return Observation(date(2026, 3, 2), country, place, "ffmp", "Brand",
                       400.0, "g", 1250.0, currency, (), None, None)  # fmt: skip


def _places(reg: Register, sid: str, places: list[str]) -> None:
    with reg.writing():
        reg.execute("UPDATE register_submissions SET places = ? WHERE id = ?",
                    [json.dumps(places), sid])  # fmt: skip
        reg.execute("DELETE FROM register_tags WHERE submission_id = ? AND kind = 'place'", [sid])
        for place in places:
            reg.execute("INSERT INTO register_tags VALUES (?, 'place', ?)", [sid, place])


def _entries(reg: Register, db: Path, country: str, lang: str) -> list[Entry]:
    sync_published(reg, db)
    con = open_store(db, read_only=True)
    try:
        return register_entries(con, country, lang)
    finally:
        con.close()


def test_published_entries_only_and_only_for_the_country(
    stored: tuple[Register, str], tmp_path: Path
) -> None:
    con, sid = stored
    db = tmp_path / "analytics.duckdb"
    open_store(db).close()
    country = "SN"  # the submission names Senegal among its places
    _places(con, sid, ["SN", "west-africa"])
    assert _entries(con, db, country, "en") == []  # pending: not shown
    set_status(con, sid, "published", actor="moderator")
    oid, _ = save_observation(
        con, _observation(country, "Kaolack, marché central", "XOF"), source="test"
    )
    other, _ = save_observation(con, _observation("GH", "Accra", "GHS"), source="test")
    entries = _entries(con, db, country, "en")
    assert [e.href for e in entries] == [f"/register/s/{sid}"]  # the observation is pending
    set_observation_status(con, oid, "published", actor="moderator")
    set_observation_status(con, other, "published", actor="moderator")
    entries = _entries(con, db, country, "fr")
    assert len(entries) == 2
    assert (
        entries[1].title
        == "Observation de terrain : Poudre de lait réengraissée en matière grasse végétale"
    )
    assert entries[1].detail == "Kaolack, marché central, 2026-03-02 : 1\u202f250 XOF"


def test_the_brief_lists_the_entries(stored: tuple[Register, str], tmp_path: Path) -> None:
    from fairmilk.outputs.reports import build_brief, render_html
    from fairmilk.store.reference import load_reference
    from fairmilk.web.views.country import brief_entries

    con, sid = stored
    db = tmp_path / "analytics.duckdb"
    analytics = open_store(db)
    load_reference(analytics)
    analytics.close()
    _places(con, sid, ["SN"])
    set_status(con, sid, "published", actor="moderator")
    assert sync_published(con, db)
    analytics = open_store(db, read_only=True)
    try:
        entries = brief_entries(analytics, "sn", "fr")
        assert len(entries) == 1
        html = render_html(build_brief(analytics, "SN", lang="fr", entries=entries))
    finally:
        analytics.close()
    assert "<h2>Expériences et observations de terrain</h2>" in html
    assert entries[0][0] in html
