"""The headline tables printed by ``fairmilk build``: the data side (the CLI prints them)."""

from __future__ import annotations

from fairmilk.indicators.dependency import dependency_frame
from fairmilk.indicators.ffmp import ffmp_frame
from fairmilk.indicators.frame import Con, Frame, backend, execute
from fairmilk.indicators.trade import TradeQuery, trade_frame
from fairmilk.reference.published import metric_names
from fairmilk.text import Msg, msg, term

PUBLISHED_COLUMNS = (
    "series",
    "period",
    "geo",
    "partner",
    "value",
    "unit",
    "approximate",
    "derived",
    "source_org",
    "source_url",
    "note",
)


def _latest(frame: Frame, column: str, *, when: str | None = None) -> object | None:
    """Keep the rows of the latest value of column (among rows where `when` is truthy).

    Returns that latest value (None, rows untouched, when no row qualifies).
    """
    recs = frame.records()
    years = [r[column] for r in recs if when is None or r[when]]
    if not years:
        return None
    latest: object = max(years)
    keep = [row for row, rec in zip(frame.rows, recs, strict=True) if rec[column] == latest]
    frame.rows = keep
    return latest


def eu_exports_by_category(con: Con) -> Frame:
    """EU-27 exports to West Africa by category for the latest complete year."""
    query = TradeQuery(exporters=["eu27"], destinations=["west-africa"], by=("year",))
    years = trade_frame(con, query).records()
    full = [int(r["year"]) for r in years if r["months_covered"] == 12]
    latest = max(full or [int(r["year"]) for r in years] or [0]) or None
    frame = trade_frame(con, query, start=latest, end=latest, by=("year", "category"))
    frame.title = (
        msg("EU-27 dairy exports to West Africa by category, {year}", year=latest)
        if latest
        else msg("EU-27 dairy exports to West Africa by category")
    )
    if years and not full:
        frame.notes.insert(0, msg("No complete year in the store: the latest year is partial."))
    return frame


def latest_dependency(con: Con) -> Frame:
    """Import dependency of West African countries for the latest year with a value."""
    frame = dependency_frame(con)
    latest = _latest(frame, "year", when="dependency_pct")
    frame.title = (
        msg("Import dependency of West African countries, {year}", year=latest)
        if latest is not None
        else msg("Import dependency of West African countries")
    )
    urls = sorted({u for s in frame.column("sources") if s for u in s.split("; ")})
    frame.sources = urls
    return frame


def measure_of(series: str) -> Msg:
    """What a published figure measures, in words, from its series id.

    ``export_volume__ffmp`` -> "export volume"; a share published beside a volume or value
    (``…__share``) -> "export volume: share (%)".
    """
    metric, _, rest = series.partition("__")
    words = term(metric_names().get(metric, metric.replace("_", " ")))
    return msg("{measure}: share (%)", measure=words) if rest.endswith("__share") else words


def published_ffmp(con: Con) -> Frame:
    """Published figures on FFMP exports (press, reports, papers), as recorded."""
    db = backend(con)
    o = db.table("observations")
    t = o.filter(o.product.upper() == "FFMP").select(*PUBLISHED_COLUMNS)
    t = t.order_by(["period", "geo", "partner", "unit"])
    frame = execute(t, title=msg("Published figures on FFMP exports"))
    frame.columns = ["measure", *PUBLISHED_COLUMNS]
    frame.rows = [(measure_of(str(row[0])), *row) for row in frame.rows]
    frame.sources = sorted({u for u in frame.column("source_url") if u})
    frame.notes = [
        msg(
            "Figures as published by others, with their own definitions of FFMP and West Africa; "
            "'approximate' and 'derived' are flagged per row."
        )
    ]
    return frame


def headline_frames(con: Con) -> list[Frame]:
    """The four headline tables: exports by category, FFMP share, dependency, published FFMP."""
    share = ffmp_frame(con, share=True)
    share.title = msg("FFMP share of EU-27 milk-powder exports to West Africa (%)")
    return [eu_exports_by_category(con), share, latest_dependency(con), published_ffmp(con)]
