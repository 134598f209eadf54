"""The country page lists the register's published experiences and field observations."""

from __future__ import annotations

from datetime import date

import duckdb

from fairmilk.register.observation_store import save_observation, set_observation_status
from fairmilk.register.observations import Observation
from fairmilk.register.submissions import set_status
from fairmilk.web.views.country import register_entries


def _observation(country: str, place: str, currency: str) -> Observation:
    return Observation(date(2026, 3, 2), country, place, "ffmp", "Brand",
                       400.0, "g", 1250.0, currency, (), None, None)  # fmt: skip


def test_published_entries_only_and_only_for_the_country(
    stored: tuple[duckdb.DuckDBPyConnection, str],
) -> None:
    con, sid = stored
    country = "SN"  # the submission names Senegal among its places
    con.execute(
        "UPDATE register_submissions SET places = ['SN', 'west-africa'] WHERE id = ?", [sid]
    )
    assert register_entries(con, country, "en") == []  # pending: not shown
    set_status(con, sid, "published", actor="moderator")
    oid, _ = save_observation(
        con, _observation(country, "Kaolack, marché central", "XOF"), source="test"
    )
    other, _ = save_observation(con, _observation("GH", "Accra", "GHS"), source="test")
    entries = register_entries(con, country, "en")
    assert [e.href for e in entries] == [f"/register/s/{sid}"]  # the observation is pending
    set_observation_status(con, oid, "published", actor="moderator")
    set_observation_status(con, other, "published", actor="moderator")
    entries = register_entries(con, country, "fr")
    assert len(entries) == 2
    assert (
        entries[1].title
        == "Observation de terrain : Poudre de lait réengraissée en matière grasse végétale"
    )
    assert entries[1].detail == "Kaolack, marché central, 2026-03-02 : 1\u202f250 XOF"


def test_the_brief_lists_the_entries(stored: tuple[duckdb.DuckDBPyConnection, str]) -> None:
    from fairmilk.outputs.reports import build_brief, render_html
    from fairmilk.store.reference import load_reference
    from fairmilk.web.views.country import brief_entries

    con, sid = stored
    load_reference(con)
    con.execute("UPDATE register_submissions SET places = ['SN'] WHERE id = ?", [sid])
    set_status(con, sid, "published", actor="moderator")
    entries = brief_entries(con, "sn", "fr")
    assert len(entries) == 1
    html = render_html(build_brief(con, "SN", lang="fr", entries=entries))
    assert "<h2>Expériences et observations de terrain</h2>" in html
    assert entries[0][0] in html
