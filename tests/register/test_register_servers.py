"""Several servers share one PostgreSQL register: a moderator on one server publishes, the
other server shows it (its own analytics store gets the copy within seconds)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest
from postgres_cluster import new_database
from test_web_register_moderation import _login, _seed

from fairmilk.register.observation_store import save_observation
from fairmilk.register.observations import validate_observation
from fairmilk.web import create_app
from fairmilk.web.server import running

OBSERVATION = {
    "date": "2026-03-02", "country": "SN", "place": "Thiès, marché central",
    "product": "ffmp", "package_size": "400", "package_unit": "g", "price": "1250",
    "currency": "XOF",
}  # fmt: skip


@pytest.mark.xdist_group("postgres")
def test_two_servers_share_a_postgresql_register(
    postgres: str, tmp_path: Path, oxfam_text: str
) -> None:
    url = new_database(postgres, "two_servers")
    apps = [
        create_app(tmp_path / f"{name}.duckdb", read_only=False, register_url=url, sync_every=1.0)
        for name in ("a", "b")
    ]
    try:
        with running(apps[0]) as url_a, running(apps[1]) as url_b:
            sid = _seed((url_a, apps[0]), oxfam_text)  # a moderator and a pending submission
            with apps[0].state.register.connect() as reg:
                oid, _ = save_observation(reg, validate_observation(OBSERVATION), source="t")
            with httpx.Client(base_url=url_b, timeout=60) as on_b:
                csrf = _login(on_b)  # the account made through server a
                for kind, item in (("submission", sid), ("observation", oid)):
                    done = on_b.post(f"/register/moderate/{kind}/{item}", data={
                        "action": "publish", "csrf": csrf, "confirm": "yes"})  # fmt: skip
                    assert done.status_code == 303
            with httpx.Client(base_url=url_a, timeout=60) as on_a:
                assert on_a.get(f"/register/s/{sid}").status_code == 200  # at once
                deadline, shown = time.monotonic() + 60, False
                while time.monotonic() < deadline and not shown:
                    shown = "Thiès, marché central" in on_a.get("/country/SN").text
                    time.sleep(0.5)
                assert shown, "server a did not show server b's publication within 60 s"
    finally:
        for app in apps:
            app.state.publisher.stop()
            app.state.publisher.wait()
            app.state.store.close()
