"""Key messages of a country: plain sentences computed from the store, each with its sources.

Each topic (import dependency, milk-powder imports from all origins (FAOSTAT), EU exports
by product, FFMP, the per-litre comparison, price alerts, memberships, import taxes) reads
the indicators and writes one sentence as a translatable ``Msg``. A figure the store does
not hold gives a sentence saying it is not available: a gap stays a gap. Nothing here
depends on the page language, so the messages are computed once and rendered in English
or French by the caller (``localise``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import duckdb

from fairmilk.errors import FairmilkError
from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.frame import Frame
from fairmilk.indicators.price_tables import anomaly_table, per_litre_table
from fairmilk.indicators.taxes import tax_measures, tax_stack
from fairmilk.outputs import queries
from fairmilk.outputs.fao_imports import LOOK_BACK, PowderYear, fao_frame, powder_years
from fairmilk.outputs.memo import remember
from fairmilk.outputs.tables import Result
from fairmilk.reference.categories import categories
from fairmilk.reference.geo import region_events
from fairmilk.text import Msg, msg, term

ALERT_MIN_MONTHS = 48  # the IPA needs three earlier years of each calendar month
BLOCS = ("ecowas", "waemu", "aes")
EXPORTER_BLOCS = ("eu27",)
TOPICS = ("dependency", "fao-imports", "imports", "ffmp", "per-litre", "alerts", "membership",
          "tariffs")  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeyMessage:
    """One sentence about a country, the period it speaks of and its sources."""

    topic: str
    text: Msg
    period: str = ""
    sources: tuple[str, ...] = ()
    synthetic: bool = False
    available: bool = True


def product_name(category: str) -> Msg:
    """The product's English name, translatable (the catalog holds each name_fr)."""
    names = {c.category: c.name_en for c in categories()}
    return term(names.get(category, category))


def _gap(topic: str, text: Msg) -> KeyMessage:
    return KeyMessage(topic, text, available=False)


def dependency_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """Imports' share of the milk supply (FAOSTAT, milk equivalent) and its change."""
    frame = dependency_frame(con, countries=[iso2])
    known = [r for r in frame.records() if r["dependency_pct"] is not None]
    if not known:
        return _gap(
            "dependency",
            msg("Import dependency: not available (no year with both production and imports)."),
        )
    last, first = known[-1], known[max(0, len(known) - 11)]
    text = msg(
        "In {year}, imports made up {pct:.0f} % of the milk supply (imports in milk "
        "equivalent over local milk production of all animals plus imports), against "
        "{pct0:.0f} % in "
        "{year0}.",
        year=last["year"], pct=last["dependency_pct"],
        year0=first["year"], pct0=first["dependency_pct"],
    )  # fmt: skip
    return KeyMessage("dependency", text, str(last["year"]), tuple(frame.sources))


def fao_imports_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """Milk-powder imports from all origins (FAOSTAT): the latest year with both powders,
    then ten years earlier (a gap said as a gap)."""
    years = powder_years(fao_frame(con, iso2))
    known = [y for y, p in years.items() if p.tonnes is not None]
    if not known:
        return _gap(
            "fao-imports", msg("Milk-powder imports from all origins (FAOSTAT): not available.")
        )
    last = years[max(known)]
    year0 = last.year - LOOK_BACK
    text = msg(
        "In {year}, {country} imported {tonnes:,.0f} t of milk powder (skimmed and whole, SMP "
        "+ WMP) from all origins, {value}; {before}",
        year=last.year, country=term(_country_en(con, iso2)), tonnes=last.tonnes,
        value=_usd_million(last.usd), before=_before(year0, years.get(year0)),
    )  # fmt: skip
    sources = tuple(f"FAOSTAT (FAO), CC BY 4.0: {url}" for url in last.sources)
    return KeyMessage("fao-imports", text, str(last.year), sources)


def _country_en(con: duckdb.DuckDBPyConnection, iso2: str) -> str:
    found = con.execute("SELECT name_en FROM ref_countries WHERE iso2 = ?", [iso2]).fetchone()
    return str(found[0]) if found else iso2


def _usd_million(usd: float | None) -> Msg:
    if usd is None:
        return msg("value not available (a gap in FAOSTAT)")
    return msg("worth USD {musd:,.1f} million", musd=usd / 1e6)


def _before(year0: int, found: PowderYear | None) -> Msg:
    if found is None or found.tonnes is None:
        return msg("ten years earlier, in {year0}: not available (a gap in FAOSTAT).", year0=year0)
    return msg("ten years earlier, in {year0}: {tonnes:,.0f} t.", year0=year0, tonnes=found.tonnes)


def _yearly_totals(result: Result) -> dict[int, dict[str, float | None]]:
    """Tonnes by year and category, one source per year (Comext when there are several)."""
    picked: dict[int, str] = {}
    for rec in result.records():
        year, source = int(rec["year"]), str(rec["source"])
        if picked.get(year) != "comext":
            picked[year] = source
    out: dict[int, dict[str, float | None]] = {}
    for rec in result.records():
        if picked[int(rec["year"])] == rec["source"]:
            out.setdefault(int(rec["year"]), {})[str(rec["category"])] = rec["tonnes"]
    return out


def imports_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """EU-27 dairy exports to the country in the latest year, the main product and the trend."""
    filt = queries.TradeFilter(categories=queries.CATEGORIES, destination=iso2)
    gap = msg("EU-27 dairy exports to this country: not available.")
    return _trade_message(
        con,
        filt,
        gap,
        lambda **v: msg(
            "In {year}, the EU-27 exported {tonnes:,.0f} t of dairy products to this country; "
            "the largest product was {product:mid} ({share:.0f} % of the tonnage). {trend}",
            **v,
        ),
    )


def exports_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """An EU member state's dairy exports to West Africa in the latest year and the trend."""
    filt = queries.TradeFilter(categories=queries.CATEGORIES, exporter=iso2)
    gap = msg("Dairy exports of this country to West Africa: not available.")
    return _trade_message(
        con,
        filt,
        gap,
        lambda **v: msg(
            "In {year}, this country exported {tonnes:,.0f} t of dairy products to West Africa; "
            "the largest product was {product:mid} ({share:.0f} % of the tonnage). {trend}",
            **v,
        ),
    )


def _trade_message(
    con: duckdb.DuckDBPyConnection, filt: queries.TradeFilter, gap: Msg, say: Callable[..., Msg]
) -> KeyMessage:
    """The latest complete year of a trade flow: total tonnes, main product, change in 5 years."""
    result = queries.trade_table(con, filt, by="year")
    totals = _yearly_totals(result)
    complete = {y: c for y, c in totals.items() if None not in c.values()}
    if not complete:
        return _gap("imports", gap)
    year = max(complete)
    cats = complete[year]
    total = sum(v or 0.0 for v in cats.values())
    top = max(cats, key=lambda c: cats[c] or 0.0)
    base = min(y for y in complete if y >= year - 5)
    before = sum(v or 0.0 for v in complete[base].values())
    text = say(
        year=year, tonnes=total, product=product_name(top),
        share=(cats[top] or 0.0) / total * 100.0 if total else 0.0,
        trend=_trend(base, before, year, total),
    )  # fmt: skip
    return KeyMessage("imports", text, str(year), tuple(result.sources), result.synthetic)


def _trend(base: int, before: float, year: int, total: float) -> Msg:
    if base == year or before <= 0:
        return msg("No earlier year to compare with.")
    change = (total - before) / before * 100.0
    return msg("Change since {base}: {change:+.0f} %.", base=base, change=change)


def ffmp_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """FFMP's share of the EU-27 milk powder exported to the country, latest year."""
    return _ffmp_message(ffmp_frame(con, share=True, destinations=[iso2]))


def exporter_ffmp_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """FFMP's share of the member state's milk-powder exports to West Africa, latest year."""
    frame = ffmp_frame(con, share=True, exporters=[iso2])
    message = _ffmp_message(frame)
    if not message.available:
        return message
    last = [r for r in frame.records() if r["share_central_pct"] is not None][-1]
    text = msg(
        "In {year}, fat-filled milk powder (FFMP: skimmed milk with vegetable fat) made up "
        "{share:.0f} % of this country's milk-powder exports to West Africa ({tonnes:,.0f} t).",
        year=last["year"], share=last["share_central_pct"], tonnes=last["ffmp_central_t"],
    )  # fmt: skip
    return KeyMessage("ffmp", text, message.period, message.sources, message.synthetic)


def _ffmp_message(frame: Frame) -> KeyMessage:
    known = [r for r in frame.records() if r["share_central_pct"] is not None]
    if not known:
        return _gap("ffmp", msg("FFMP share of EU milk-powder exports: not available."))
    last = known[-1]
    text = msg(
        "In {year}, fat-filled milk powder (FFMP: skimmed milk with vegetable fat) made up "
        "{share:.0f} % of the EU-27 milk powder exported to this country ({tonnes:,.0f} t).",
        year=last["year"], share=last["share_central_pct"], tonnes=last["ffmp_central_t"],
    )  # fmt: skip
    if last["estimated"]:
        text = msg("{text} Estimated before 2020 (no customs code of its own).", text=text)
    return KeyMessage("ffmp", text, str(last["year"]), tuple(frame.sources), frame.synthetic)


def per_litre_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """A litre reconstituted from imported FFMP (or another powder) vs a litre of local milk."""
    frame = per_litre_table(con, countries=[iso2])
    rows = {r["category"]: r for r in frame.records() if r["landed_local_per_litre"] is not None}
    row = rows.get("ffmp") or next(iter(rows.values()), None)
    if row is None or row["local_price_low"] is None:
        return _gap(
            "per-litre",
            msg("Price per litre, imported powder vs local milk: not available (no dated "
                "local fresh-milk price or no export unit value)."),
        )  # fmt: skip
    text = msg(
        "In {year}, a litre of milk reconstituted from imported {product:mid} cost about "
        "{landed:,.0f} {currency} landed, against {local} {currency} for a litre of local "
        "fresh milk.",
        year=row["year"], product=product_name(str(row["category"])),
        landed=row["landed_local_per_litre"],
        currency=row["currency"],
        local=_price_range(row["local_price_low"], row["local_price_high"]),
    )  # fmt: skip
    return KeyMessage("per-litre", text, str(row["year"]), tuple(frame.sources), frame.synthetic)


def _price_range(low: float, high: float | None) -> Msg:
    """'150–300', or one price when the low and high prices are the same."""
    if high is None or round(high) == round(low):
        return msg("{low:,.0f}", low=low)
    return msg("{low:,.0f}–{high:,.0f}", low=low, high=high)


def alerts_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """The latest FAO GIEWS price-anomaly flag of the country's longest monthly price series."""
    found = con.execute(
        "SELECT series, count(DISTINCT (year, month)) AS n FROM prices_current "
        "WHERE geo = ? AND month IS NOT NULL GROUP BY series ORDER BY n DESC, series LIMIT 1",
        [iso2],
    ).fetchone()
    if found is None or int(found[1]) < ALERT_MIN_MONTHS:
        return _gap(
            "alerts",
            msg("Price alerts (FAO GIEWS price anomalies): not available (no price series of "
                "this country has monthly prices over four years)."),
        )  # fmt: skip
    frame = anomaly_table(con, series=str(found[0]), geo=iso2)
    flagged = [r for r in frame.records() if r["ipa"] is not None]
    if not flagged:
        return _gap("alerts", msg("Price alerts: not available (too short a history)."))
    last = flagged[-1]
    text = msg(
        "Price alerts: in {period}, the {series} series shows a price anomaly index of "
        "{ipa:.2f} ({flag}).",
        period=last["period"], series=term(str(found[0])), ipa=last["ipa"],
        flag=last["flag"] or term("normal"),
    )  # fmt: skip
    return KeyMessage("alerts", text, str(last["period"]), tuple(frame.sources), frame.synthetic)


def membership_message(
    con: duckdb.DuckDBPyConnection, iso2: str, blocs: tuple[str, ...] = BLOCS
) -> KeyMessage:
    """Membership of ECOWAS, WAEMU and the AES, with dates, then the dated events of those
    blocs that concern the country (a bloc not recorded is a gap)."""
    known = {str(r) for (r,) in con.execute("SELECT region FROM ref_regions").fetchall()}
    found = con.execute(
        "SELECT region, start_date, end_date, source_url FROM ref_memberships "
        "WHERE iso2 = ? AND region IN ? ORDER BY start_date, region",
        [iso2, list(blocs)],
    ).fetchall()
    parts: list[Msg] = []
    for region, start, end, _url in found:
        name = term(str(region).upper())
        if end is None:
            parts.append(msg("member of {bloc} since {start}", bloc=name, start=str(start)))
        else:
            parts.append(msg("member of {bloc} from {start} to {end}", bloc=name,
                             start=str(start), end=str(end)))  # fmt: skip
    for bloc in blocs:
        if bloc not in known:
            parts.append(msg("membership of {bloc}: not recorded (a gap)", bloc=term(bloc.upper())))
    if not parts:
        parts.append(msg("member of none of {blocs}", blocs=", ".join(b.upper() for b in blocs)))
    events = [e for e in region_events() if e.region in blocs and iso2 in e.members]
    text = msg("Regional blocs: {list}.", list=_joined(parts))
    if events:
        dated = _joined([EVENT_TEXT[e.event](e.day.isoformat()) for e in events])
        text = msg("{text} Dates: {events}.", text=text, events=dated)
    urls = {str(u) for *_, u in found if u} | {e.source_url for e in events}
    return KeyMessage("membership", text, str(date.today().year), tuple(sorted(urls)))


EVENT_TEXT: dict[str, Callable[[str], Msg]] = {
    "charter": lambda day: msg(
        "Liptako-Gourma Charter establishing the Alliance of Sahel States (AES) signed on {day}",
        day=day,
    ),
    "confederation": lambda day: msg(
        "treaty of the Confederation of Sahel States signed in Niamey on {day}", day=day
    ),
    "withdrawal": lambda day: msg("exit from ECOWAS effective on {day}", day=day),
}
"""The reader's sentence of each kind of event in ``reference/data/region_events.csv``."""


def _joined(parts: list[Msg]) -> Msg:
    template = "; ".join(f"{{p{i}}}" for i in range(len(parts)))
    return Msg(template, {f"p{i}": p for i, p in enumerate(parts)})


def tariffs_message(con: duckdb.DuckDBPyConnection, iso2: str) -> KeyMessage:
    """The customs duty, levies and VAT on imported FFMP in bulk, in force today."""
    today = date.today()
    regions = [
        str(r)
        for (r,) in con.execute(
            "SELECT region FROM ref_memberships WHERE iso2 = ? AND start_date <= ? "
            "AND (end_date IS NULL OR end_date >= ?)",
            [iso2, today, today],
        ).fetchall()
    ]
    stack = tax_stack(tax_measures(), country=iso2, regions=regions, category="ffmp", on=today)
    if stack.duty_pct is None and not stack.measures:
        return _gap("tariffs", msg("Import duty and levies on FFMP: not available."))
    text = msg(
        "Imported FFMP in bulk pays a customs duty of {duty} and levies of {levy:g} % of the "
        "customs value; VAT: {vat}.",
        duty=_pct(stack.duty_pct), levy=stack.levy_pct, vat=_pct(stack.vat_pct),
    )  # fmt: skip
    return KeyMessage("tariffs", text, today.isoformat(), stack.sources)


def _pct(value: float | None) -> Msg:
    if value is None:
        return msg("not available (a gap in the sources)")
    return msg("{pct:g} %", pct=value)


MESSAGES: tuple[Callable[[duckdb.DuckDBPyConnection, str], KeyMessage], ...] = (
    dependency_message,
    fao_imports_message,
    imports_message,
    ffmp_message,
    per_litre_message,
    alerts_message,
    membership_message,
    tariffs_message,
)


def key_messages(con: duckdb.DuckDBPyConnection, iso2: str) -> list[KeyMessage]:
    """Every key message of a West African country, in the order of ``TOPICS`` (kept per store)."""
    makers = [
        (topic, lambda make=make: make(con, iso2))
        for topic, make in zip(TOPICS, MESSAGES, strict=True)
    ]
    return remember(("key_messages", iso2), lambda: _run(makers))  # type: ignore[arg-type]


def exporter_messages(con: duckdb.DuckDBPyConnection, iso2: str) -> list[KeyMessage]:
    """The key messages of an EU member state as an exporter to West Africa."""
    makers: list[tuple[str, Callable[[], KeyMessage]]] = [
        ("imports", lambda: exports_message(con, iso2)),
        ("ffmp", lambda: exporter_ffmp_message(con, iso2)),
        ("membership", lambda: membership_message(con, iso2, EXPORTER_BLOCS)),
    ]
    return remember(("exporter_messages", iso2), lambda: _run(makers))


def _run(makers: list[tuple[str, Callable[[], KeyMessage]]]) -> list[KeyMessage]:
    out = []
    for topic, make in makers:
        try:
            out.append(make())
        except (FairmilkError, duckdb.Error) as exc:
            reason = str(exc).splitlines()[0]
            out.append(_gap(topic, msg("Not computed: {reason}", reason=reason)))
    return out
