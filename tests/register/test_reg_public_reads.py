"""With the register open (the default of ``fairmilk serve``), public pages never write:
every table of the store is the same before and after a visitor reads every public page."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

PUBLIC = [
    "/", "/sources", "/trade", "/brief", "/register/", "/register/form", "/register/upload",
    "/register/search", "/register/search.json?q=milk", "/register/synthesis",
    "/register/synthesis.json", "/register/synthesis.csv", "/register/observe",
    "/register/login", "/register/moderate", "/register/s/nosuch", "/register/thanks/nosuch",
    "/api/v1/datasets", "/api/v1/countries", "/api/v1/observations",
]  # fmt: skip


def _snapshot(app: FastAPI) -> dict[str, tuple[int, str]]:
    with app.state.store.cursor() as con:
        tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        out = {}
        for table in tables:
            row = con.execute(
                f"SELECT count(*), coalesce(md5(string_agg(CAST(t AS VARCHAR), '|' "
                f"ORDER BY CAST(t AS VARCHAR))), '') FROM {table} t"
            ).fetchone()
            assert row is not None
            out[table] = (int(row[0]), str(row[1]))
    return out


def test_public_pages_do_not_write(web: tuple[str, FastAPI]) -> None:
    url, app = web
    assert not app.state.store.read_only
    before = _snapshot(app)
    assert any(name.startswith("register_") for name in before)
    with httpx.Client(base_url=url, timeout=60) as visitor:
        for path in PUBLIC:
            for lang in ("", "?lang=fr" if "?" not in path else "&lang=fr"):
                assert visitor.get(path + lang).status_code < 500, path
    assert _snapshot(app) == before
