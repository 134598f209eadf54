"""With the register open (the default of ``fairmilk serve``), public pages never write:
every table of the register store, and the analytics store's version, are the same before
and after a visitor reads every public page."""

from __future__ import annotations

import hashlib

import httpx
from fastapi import FastAPI

from fairmilk.store.generations import current_file

PUBLIC = [
    "/", "/sources", "/trade", "/brief", "/register/", "/register/form", "/register/upload",
    "/register/search", "/register/search.json?q=milk", "/register/synthesis",
    "/register/synthesis.json", "/register/synthesis.csv", "/register/observe",
    "/register/login", "/register/moderate", "/register/s/nosuch", "/register/thanks/nosuch",
    "/api/v1/datasets", "/api/v1/countries", "/api/v1/observations",
]  # fmt: skip


def _snapshot(app: FastAPI) -> dict[str, tuple[int, str]]:
    """Every table of the register store (rows and a hash of them), and the analytics
    store's current version."""
    out = {"analytics": (0, str(current_file(app.state.store.path)))}
    with app.state.register.connect(read_only=True) as con:
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        ).fetchall()]  # fmt: skip
        for table in tables:
            rows = sorted(repr(r) for r in con.execute(f"SELECT * FROM {table}").fetchall())
            out[table] = (len(rows), hashlib.sha256("|".join(rows).encode()).hexdigest())
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
