"""Rate limits and drafts."""

from __future__ import annotations

from fairmilk.register.limits import allow_post, drop_draft, load_draft, save_draft
from fairmilk.register.store import Register


def test_rate_limit_per_client(con: Register) -> None:
    assert [allow_post(con, "10.0.0.1", limit=3) for _ in range(5)] == [True] * 3 + [False] * 2
    assert allow_post(con, "10.0.0.2", limit=3)


def test_drafts_round_trip(con: Register) -> None:
    assert load_draft(con, "tok", "cfs") == {}
    assert save_draft(con, "tok", "cfs", {"title": "Lait <local>"})
    assert save_draft(con, "tok", "cfs", {"title": "Lait local", "countries": "Mali"})
    assert load_draft(con, "tok", "cfs") == {"title": "Lait local", "countries": "Mali"}
    assert load_draft(con, "other", "cfs") == {}
    assert not save_draft(con, "tok", "cfs", {"x": "y" * 300_000})
    drop_draft(con, "tok", "cfs")
    assert load_draft(con, "tok", "cfs") == {}
