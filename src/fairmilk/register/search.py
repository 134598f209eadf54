"""Full-text search over the answers, with filters on set, recommendation, SDG, place,
affiliation and year. Public searches see published submissions only."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from fairmilk.errors import InputError
from fairmilk.register.catalogue import find_cited
from fairmilk.register.cfs_options import AFFILIATIONS, SDGS
from fairmilk.register.store import Register
from fairmilk.register.text_index import terms
from fairmilk.text import msg

MAX_TERMS = 8
_TAGGED = (
    "EXISTS (SELECT 1 FROM register_tags g WHERE g.submission_id = s.id "
    "AND g.kind = '{kind}' AND g.value = ?)"
)


@dataclass(frozen=True, slots=True)
class Filters:
    """Search filters; None means 'any'."""

    set: int | None = None
    recommendation: str | None = None
    sdg: int | None = None
    place: str | None = None
    affiliation: str | None = None
    year: int | None = None


def normalise_recommendation(text: str) -> str:
    """'PR-18', '2:18' or 'VII.A' as the stored 'set:id' form; InputError if unreadable."""
    text = text.strip()
    if re.fullmatch(r"[123]:[0-9A-Za-z.]+", text):
        return text
    cited = find_cited(text if " " in text else f"recommendation {text}")
    if len(cited) != 1:
        raise InputError(
            msg("unreadable recommendation id"), column="recommendation",
            expected=msg("PR-18, 2:18, VII.A or 3:III"), found=text,
        )  # fmt: skip
    return f"{cited[0].set}:{cited[0].id}"


def check_filters(filters: Filters) -> Filters:
    """Filters with a clear InputError for a value no submission could have."""
    if filters.set is not None and filters.set not in (1, 2, 3):
        raise InputError(msg("unknown set"), column="set", expected=msg("1, 2 or 3"),
                         found=str(filters.set))  # fmt: skip
    sdgs = [n for n, _en, _fr in SDGS]
    if filters.sdg is not None and filters.sdg not in sdgs:
        raise InputError(
            msg("SDG not on the form"), column="sdg", expected=str(sdgs), found=str(filters.sdg)
        )
    ids = [o.id for o in AFFILIATIONS]
    if filters.affiliation is not None and filters.affiliation not in ids:
        raise InputError(msg("unknown affiliation"), column="affiliation", expected=", ".join(ids),
                         found=filters.affiliation)  # fmt: skip
    return filters


def _where(filters: Filters, *, public: bool) -> tuple[list[str], list[Any]]:
    clauses: list[str] = ["s.status = 'published'"] if public else []
    params: list[Any] = []
    checks: list[tuple[Any, str]] = [
        (filters.set, _TAGGED.format(kind="set")),
        (filters.sdg, _TAGGED.format(kind="sdg")),
        (filters.place, _TAGGED.format(kind="place")),
        (filters.affiliation, _TAGGED.format(kind="affiliation")),
    ]
    if filters.recommendation:
        rec = normalise_recommendation(filters.recommendation)
        checks.append((rec, _TAGGED.format(kind="recommendation")))
    for value, clause in checks:
        if value is not None:
            clauses.append(clause)
            params.append(str(value))
    if filters.year is not None:
        clauses.append("s.year = ?")
        params.append(filters.year)
    return clauses, params


def search(
    con: Register,
    query: str = "",
    filters: Filters | None = None,
    *,
    public: bool = True,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Submissions matching every word of ``query`` (as a word prefix) and the filters,
    best first (most hits), then newest."""
    clauses, params = _where(check_filters(filters or Filters()), public=public)
    words = list(dict.fromkeys(terms(query)))[:MAX_TERMS]
    score = "0"
    for word in words:
        clauses.append(
            "EXISTS (SELECT 1 FROM register_terms t WHERE t.submission_id = s.id AND t.term LIKE ?)"
        )
        params.append(word + "%")  # words hold letters and digits only: no LIKE wildcard
    if words:
        score = (
            "(SELECT coalesce(sum(t.hits), 0) FROM register_terms t WHERE t.submission_id = s.id "
            f"AND ({' OR '.join('t.term LIKE ?' for _ in words)}))"
        )
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    sql = (
        f"SELECT s.id, s.title, s.year, s.status, s.sets, s.sdgs, s.places, {score} AS score "
        f"FROM register_submissions s {where} ORDER BY score DESC, s.received_at DESC LIMIT ?"
    )
    rows = con.execute(sql, [*(w + "%" for w in words), *params, limit]).fetchall()
    keys = ("id", "title", "year", "status", "sets", "sdgs", "places", "score")
    found = [dict(zip(keys, row, strict=True)) for row in rows]
    for row in found:
        row.update({k: json.loads(row[k]) for k in ("sets", "sdgs", "places")})
        row["score"] = int(row["score"])
    return found
