"""Synthesis of the register: counts and breakdowns with EN/FR labels, as JSON or CSV."""

from __future__ import annotations

import json
from typing import Any

from fairmilk.register.catalogue import lookup
from fairmilk.register.cfs_options import AFFILIATIONS, SDGS, SETS
from fairmilk.register.places import COUNTRIES, REGIONS
from fairmilk.register.store import Register

BREAKDOWNS: dict[str, tuple[str, str, str]] = {
    # id: (tag kind, or 'year', EN title, FR title)
    "year": ("year", "Submissions by year of the call", "Contributions par année de l'appel"),
    "set": ("set", "Sets of recommendations used", "Ensembles de recommandations utilisés"),
    "sdg": ("sdg", "SDGs ticked", "ODD cochés"),
    "affiliation": ("affiliation", "Affiliation", "Affiliation"),
    "place": ("place", "Countries and regions covered", "Pays et régions couverts"),
    "recommendation": ("recommendation", "Recommendations cited", "Recommandations citées"),
}
CSV_COLUMNS = ("breakdown", "key", "label_en", "label_fr", "count", "known")


def _label(breakdown: str, key: str) -> tuple[str, str, bool]:
    """EN and FR label of one breakdown key, and whether the key is known to fairmilk."""
    if breakdown == "set":
        found = next(((en, fr) for n, en, fr in SETS if str(n) == key), None)
        return (
            (f"Set {key}: {found[0]}", f"Ensemble {key} : {found[1]}", True)
            if found
            else (key, key, False)
        )
    if breakdown == "sdg":
        found = next(((en, fr) for n, en, fr in SDGS if str(n) == key), None)
        return (
            (f"SDG {key} ({found[0]})", f"ODD {key} ({found[1]})", True)
            if found
            else (key, key, False)
        )
    if breakdown == "affiliation":
        option = next((o for o in AFFILIATIONS if o.id == key), None)
        return (option.label_en, option.label_fr, True) if option else (key, key, False)
    if breakdown == "place":
        names = COUNTRIES.get(key) or REGIONS.get(key)
        return (
            (names[0], names[-1] if len(names) > 1 else names[0], True)
            if names
            else (key, key, False)
        )
    if breakdown == "recommendation":
        set_no, _sep, rid = key.partition(":")
        rec = lookup(int(set_no), rid)
        if rec is None:
            return (
                f"Set {set_no} {rid} (not in catalogue)",
                f"Ensemble {set_no} {rid} (hors catalogue)",
                False,
            )
        return (
            f"Set {set_no} {rid}: {rec.short_title_en}",
            f"Ensemble {set_no} {rid} : {rec.short_title_fr}",
            True,
        )
    return key, key, True


def _counts(con: Register, kind: str, where: str) -> list[tuple[str, int]]:
    """(key, submissions) of one breakdown, most frequent first."""
    if kind == "year":
        sql = (
            "SELECT CAST(s.year AS TEXT) AS k, count(*) AS n FROM register_submissions s "
            f"{where} GROUP BY s.year ORDER BY n DESC, k"
        )
        return [(str(k), int(n)) for k, n in con.execute(sql).fetchall()]
    joined = f"{where} AND" if where else "WHERE"
    sql = (
        "SELECT g.value AS k, count(*) AS n FROM register_tags g JOIN register_submissions s "
        f"ON s.id = g.submission_id {joined} g.kind = ? GROUP BY g.value ORDER BY n DESC, k"
    )
    return [(str(k), int(n)) for k, n in con.execute(sql, [kind]).fetchall()]


def synthesis(con: Register, *, public: bool = True) -> dict[str, Any]:
    """Counts of submissions by year, set, SDG, affiliation, place and recommendation cited,
    with the quantitative facts reported (each with its submission and sentence)."""
    where = "WHERE s.status = 'published'" if public else ""
    total = con.execute(f"SELECT count(*) FROM register_submissions s {where}").fetchone()
    out: dict[str, Any] = {
        "total": int(total[0]) if total else 0,
        "published_only": public,
        "breakdowns": {},
    }
    for bid, (expr, title_en, title_fr) in BREAKDOWNS.items():
        rows = []
        for key, count in _counts(con, expr, where):
            en, fr, known = _label(bid, key)
            rows.append(
                {"key": key, "label_en": en, "label_fr": fr, "count": count, "known": known}
            )
        out["breakdowns"][bid] = {"title_en": title_en, "title_fr": title_fr, "rows": rows}
    out["facts"] = _facts(con, where)
    return out


def _facts(con: Register, where: str) -> list[dict[str, Any]]:
    """Every quantitative fact reported, with the submission it comes from (never summed)."""
    facts: list[dict[str, Any]] = []
    for sid, title, record in con.execute(
        f"SELECT s.id, s.title, s.record_json FROM register_submissions s {where} "
        "ORDER BY s.received_at"
    ).fetchall():
        for fact in json.loads(record)["facts"]:
            facts.append({"submission": sid, "title": title, **fact})
    return facts


def synthesis_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The breakdowns of a synthesis as one long table (columns: CSV_COLUMNS), for the
    formula-safe CSV writer of the outputs."""
    rows: list[tuple[Any, ...]] = [
        ("total", "", "Submissions", "Contributions", data["total"], True)
    ]
    for bid, block in data["breakdowns"].items():
        for row in block["rows"]:
            rows.append(
                (bid, row["key"], row["label_en"], row["label_fr"], row["count"], row["known"])
            )
    return rows
