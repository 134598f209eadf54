"""Hostile-input suite: every case is marked ``hostile`` and bounded in time (pytest-timeout).

The whole suite is meant to finish in about a minute on a small CI machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

CASE_TIMEOUT = 20  # seconds per case: a case that hangs fails instead of blocking CI


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark each case of this folder ``hostile`` with a per-case timeout."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.hostile)
            if item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(CASE_TIMEOUT))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, FastAPI]]:
    """A real uvicorn server (loopback, free port) on a writable, empty store."""
    from fairmilk.web import create_app
    from fairmilk.web.server import running

    app = create_app(tmp_path / "hostile.duckdb", read_only=False)
    with running(app) as url:
        yield url, app
    app.state.store.close()


@pytest.fixture
def browser(site: tuple[str, FastAPI]) -> Iterator[httpx.Client]:
    """An HTTP client with a cookie jar, holding the draft cookie of the form page."""
    with httpx.Client(base_url=site[0], timeout=60, follow_redirects=False) as http:
        assert http.get("/register/form").status_code == 200
        yield http


@pytest.fixture(scope="session")
def oxfam() -> str:
    """The real filled 2019 form, as text."""
    path = (
        Path(__file__).parents[1] / "register" / "fixtures" / "oxfam-local-and-fair-milk-2019.txt"
    )
    return path.read_text(encoding="utf-8")
