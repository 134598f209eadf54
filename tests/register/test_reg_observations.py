"""Field observations: validation, CSV import, moderation, and the published price rows."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fairmilk.errors import InputError
from fairmilk.register.observation_store import (
    import_observations_csv,
    list_observations,
    save_observation,
    set_observation_status,
)
from fairmilk.register.observations import LABELS, OBSERVATION_FIELDS, validate_observation
from fairmilk.register.published import published_price_observations, sync_published
from fairmilk.register.store import Register
from fairmilk.store import open_store
from fairmilk.store.generations import list_versions

CSV = Path(__file__).parent / "fixtures" / "observations.csv"  # synthetic rows
GOOD = {
    "date": "2024-03-02", "country": "sn", "place": "Dakar, Tilène", "product": "FFMP",
    "package_size": "400", "package_unit": "g", "price": "1 500", "currency": "xof",
    "labels": "contains vegetable fat; ne convient pas aux nourrissons",
}  # fmt: skip


def test_form_is_bilingual() -> None:
    for field in OBSERVATION_FIELDS:
        assert field.label_en.strip()
        assert field.label_fr.strip()
    assert all(en and fr for en, fr in LABELS.values())


def test_validate_normalises() -> None:
    obs = validate_observation(GOOD)
    assert (obs.country, obs.product, obs.currency, obs.price) == ("SN", "ffmp", "XOF", 1500.0)
    assert obs.labels == ("contains_vegetable_fat", "not_suitable_for_infants")
    assert obs.observed_on == date(2024, 3, 2)


@pytest.mark.parametrize(
    ("key", "value", "column"),
    [
        ("date", "02/03/2024", "date"),
        ("date", "2999-01-01", "date"),
        ("country", "XX", "country"),
        ("product", "camel", "product"),
        ("package_size", "-4", "package_size"),
        ("package_unit", "tins", "package_unit"),
        ("price", "cheap", "price"),
        ("currency", "CFA francs", "currency"),
        ("labels", "halal", "labels"),
        ("place", "  ", "place"),
    ],
)
def test_each_bad_value_names_its_column(key: str, value: str, column: str) -> None:
    with pytest.raises(InputError) as info:
        validate_observation({**GOOD, key: value}, file="obs.csv", line=7)
    assert info.value.column == column
    assert "obs.csv:7" in str(info.value)


def _price_rows(db: Path) -> list[dict[str, object]]:
    analytics = open_store(db, read_only=True)
    try:
        return published_price_observations(analytics)
    finally:
        analytics.close()


def test_csv_import_moderation_and_price_rows(con: Register, tmp_path: Path) -> None:
    db = tmp_path / "analytics.duckdb"
    created = import_observations_csv(con, CSV.read_bytes(), name="observations.csv")
    assert [c for _i, c in created] == [True, True, True]
    again = import_observations_csv(con, CSV.read_bytes(), name="observations.csv")
    assert [c for _i, c in again] == [False, False, False]
    assert not sync_published(con, db)  # nothing published: no version made
    assert not db.exists()
    ids = [i for i, _c in created]
    set_observation_status(con, ids[0], "published", actor="ama")
    set_observation_status(con, ids[2], "published", actor="ama")
    set_observation_status(con, ids[1], "rejected", actor="ama")
    assert sync_published(con, db)  # the published rows reach the analytics data ...
    assert [v.note for v in list_versions(db)] == ["fairmilk register publication"]
    assert not sync_published(con, db)  # ... once: the same rows make no new version
    rows = _price_rows(db)
    assert [
        (r["country"], r["product"], r["price_per_base_unit"], r["base_unit"]) for r in rows
    ] == [
        ("SN", "ffmp", 3750.0, "kg"),
        ("BF", "liquid_milk", 600.0, "l"),
    ]
    assert rows[0]["labels"] == ["contains_vegetable_fat", "not_suitable_for_infants"]
    assert rows[0]["source"] == f"fairmilk register observation {ids[0]}"
    assert len(list_observations(con, status="rejected")) == 1
    set_observation_status(con, ids[0], "rejected", actor="ama")  # withdrawn: gone from prices
    assert sync_published(con, db)
    assert [r["id"] for r in _price_rows(db)] == [ids[2]]
    assert len(list_versions(db)) == 2


def test_csv_errors_store_nothing(con: Register) -> None:
    bad = CSV.read_text(encoding="utf-8").replace("2600", "lots")
    with pytest.raises(InputError, match=r"obs.csv:3.*column price"):
        import_observations_csv(con, bad.encode(), name="obs.csv")
    assert list_observations(con) == []
    with pytest.raises(InputError, match="bad header"):
        import_observations_csv(con, b"date,price,colour\n", name="h.csv")


def test_single_save_and_unknown_id(con: Register) -> None:
    oid, created = save_observation(con, validate_observation(GOOD), source="web form")
    assert created
    assert list_observations(con)[0]["id"] == oid
    with pytest.raises(InputError, match="no observation"):
        set_observation_status(con, "nope", "published", actor="ama")
