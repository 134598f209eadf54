"""GlobalDairyTrade event prices: the shipped file, its provenance, the loader, monthly means."""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date

import duckdb
import pytest

from fairmilk.errors import ReferenceDataError
from fairmilk.indicators import price_catalog
from fairmilk.indicators.anomaly import ipa, monthly_means
from fairmilk.reference import catalog, gdt
from fairmilk.store.prices import load_price_reference

FIRST_REAL_BUTTER = 86  # 2013-02-19: the first event with a butter price in GDT's spreadsheet


def _rows() -> list[dict[str, str]]:
    text = catalog.read_bytes(gdt.DATASET).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def test_file_matches_its_provenance_record() -> None:
    prov = catalog.provenance(gdt.DATASET)
    assert prov.extra["sha256"] == hashlib.sha256(catalog.read_bytes(gdt.DATASET)).hexdigest()
    rows = _rows()
    counts = prov.extra["rows"]
    assert counts["events"] == len(rows)
    for column in ("amf", "but", "smp", "wmp"):
        assert counts[column] == sum(1 for r in rows if r[column]), column
    assert counts["prices_loaded"] == len(gdt.gdt_prices())
    origin = prov.extra["origin"]
    assert len(origin["commit"]) == 40
    assert origin["url"].startswith("https://github.com/odow/dairy-analytics/blob/")
    assert "GlobalDairyTrade" in prov.licence
    assert not prov.synthetic


def test_no_imputed_values_are_shipped() -> None:
    rows = _rows()
    assert "bmp" not in rows[0]  # buttermilk powder is gap-filled upstream: not shipped
    assert [int(r["trading_event"]) for r in rows] == list(range(24, 409))
    days = [date.fromisoformat(r["date"]) for r in rows]
    assert days == sorted(days)
    for r in rows:
        real_butter = int(r["trading_event"]) >= FIRST_REAL_BUTTER
        assert bool(r["but"]) == real_butter, r["trading_event"]
        assert all(r[c] for c in ("smp", "wmp", "amf")), r["trading_event"]


def test_values_as_in_gdt_historical_data() -> None:
    # events 24 and 86 of the raw GDT spreadsheet copy, rounded to the dollar by the mirror
    by_event = {(p.event, p.series): p.value for p in gdt.gdt_prices()}
    assert by_event[(24, "gdt_smp_price")] == 3462  # 3461.53
    assert by_event[(24, "gdt_wmp_price")] == 3790  # 3789.58
    assert by_event[(86, "gdt_butter_price")] == 3726  # 3725.79
    assert (85, "gdt_butter_price") not in by_event


def test_bad_cell_names_file_line_and_column(monkeypatch: pytest.MonkeyPatch) -> None:
    good = {"trading_event": "24", "date": "2010-06-01", "amf": "1", "but": "", "smp": "2",
            "wmp": "3"}  # fmt: skip
    bad = good | {"trading_event": "25", "smp": "n/a"}
    monkeypatch.setattr(gdt, "read_rows", lambda _: [good, bad])
    with pytest.raises(ReferenceDataError, match=r"gdt_events\.csv:3: column smp: expected a posi"):
        gdt.gdt_prices()
    monkeypatch.setattr(gdt, "read_rows", lambda _: [good | {"date": "1/06/2010"}])
    with pytest.raises(ReferenceDataError, match=r"csv:2: column date: expected a date YYYY-MM-DD"):
        gdt.gdt_prices()


def test_loaded_into_the_prices_table(priced: duckdb.DuckDBPyConnection) -> None:
    counts = dict(
        priced.execute(
            "SELECT series, count(*) FROM prices_current WHERE dataset = ? GROUP BY series",
            [gdt.DATASET],
        ).fetchall()
    )
    assert counts == {"gdt_smp_price": 385, "gdt_wmp_price": 385, "gdt_amf_price": 385,
                      "gdt_butter_price": 323}  # fmt: skip
    first = priced.execute(
        "SELECT geo, period, period_type, year, month, value, unit, source_org, source_url, note "
        "FROM prices WHERE series = 'gdt_smp_price' ORDER BY period LIMIT 1"
    ).fetchone()
    assert first is not None
    assert first[:8] == ("world", "2010-06-01", "event", 2010, 6, 3462.0, "USD/t",
                         "GlobalDairyTrade")  # fmt: skip
    assert "04b24a863bb1fd1c3031a56d35509d01ed99f20c" in first[8]
    assert first[9] == "GDT trading event 24"
    untraced = priced.execute(
        "SELECT count(*) FROM prices WHERE dataset = ? AND (source_url NOT LIKE 'https://%' "
        "OR source_org IS NULL OR synthetic)",
        [gdt.DATASET],
    ).fetchone()
    assert untraced == (0,)
    assert load_price_reference(priced)[gdt.DATASET] == 1478  # reload replaces, no duplicates


def test_series_are_in_the_price_catalogue(priced: duckdb.DuckDBPyConnection) -> None:
    declared = {s.id: s for s in price_catalog.SERIES}
    loaded = priced.execute(
        "SELECT DISTINCT series, unit, geo FROM prices WHERE dataset = ?", [gdt.DATASET]
    ).fetchall()
    assert {s for s, _, _ in loaded} == set(declared)
    for series, unit, geo in loaded:
        entry = declared[series]
        assert (entry.unit, entry.geo, entry.dataset) == (unit, geo, gdt.DATASET)
        assert entry.title_en.strip()
        assert entry.title_fr.strip()
        assert entry.title_en != entry.title_fr


def test_monthly_means_of_real_events() -> None:
    smp = [(p.day, p.value) for p in gdt.gdt_prices() if p.series == "gdt_smp_price"]
    months = monthly_means(smp)
    assert months[(2010, 6)].price == 3462  # one event (24)
    assert months[(2010, 9)].price == (3197 + 3229) / 2  # events 27 and 28
    assert months[(2010, 10)].price == (3221 + 3072) / 2  # events 29 and 30
    assert months[(2010, 9)].events == 2
    butter = [(p.day, p.value) for p in gdt.gdt_prices() if p.series == "gdt_butter_price"]
    feb = monthly_means(butter)[(2013, 2)]
    assert (feb.price, feb.events) == (3726, 1)  # event 85 of 2013-02-05 is a gap, not a zero
    assert min(monthly_means(butter)) == (2013, 2)


def test_a_month_without_events_stays_a_gap() -> None:
    # SYNTHETIC events: none in March 2021
    events = [(date(2021, 1, 5), 100.0), (date(2021, 1, 19), 110.0), (date(2021, 2, 2), 120.0),
              (date(2021, 4, 6), 130.0), (date(2021, 6, 1), 140.0)]  # fmt: skip
    months = monthly_means(events)
    assert sorted(months) == [(2021, 1), (2021, 2), (2021, 4), (2021, 6)]
    assert months[(2021, 1)].price == 105.0
    points = {(p.year, p.month): p for p in ipa({k: m.price for k, m in months.items()})}
    assert (2021, 3) not in points
    assert points[(2021, 4)].cqgr == pytest.approx((130 / 105) ** (1 / 3) - 1)
    assert points[(2021, 6)].cqgr is None  # needs March: a gap, never interpolated
    assert monthly_means([]) == {}
