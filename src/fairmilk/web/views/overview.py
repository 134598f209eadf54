"""The overview page: headline figures and tables, what the store holds, the country briefs."""

from __future__ import annotations

import duckdb

from fairmilk.indicators.frame import Frame
from fairmilk.indicators.headline import measure_of
from fairmilk.outputs import queries
from fairmilk.outputs.collation import by_name
from fairmilk.outputs.i18n import localise, translator
from fairmilk.outputs.tables import Result
from fairmilk.web.views.blocks import chart_from, computed
from fairmilk.web.views.trade import powder_figures
from fairmilk.web.views.view import Block, Figure, Query, View

PUBLISHED_GEOS = ("west-africa", "ecowas", "waemu", "eu27")


def overview_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Headline figures, each with its period and sources, and what the store holds."""
    _ = translator(lang)
    view = View("overview", _("Overview"), lang, {})
    view.intro = _(
        "Open figures on EU dairy exports to West Africa, milk prices and costs, and local "
        "milk. Every number links to its source; a gap is shown as –."
    )
    view.figures = powder_figures(con, lang=lang) + _published_figures(con, lang)
    view.blocks += headline_blocks(con, lang)
    view.blocks.append(_holdings(con, lang))
    view.briefs = brief_countries(con, lang)
    return view


HEADLINES = (
    ("exports", "EU-27 dairy exports to West Africa by category, latest year"),
    ("ffmp-share", "FFMP share of EU-27 milk-powder exports to West Africa (%)"),
    ("dependency", "Import dependency of West African countries, latest year"),
    ("published-ffmp", "Published figures on FFMP exports"),
)


def headline_blocks(con: duckdb.DuckDBPyConnection, lang: str) -> list[Block]:
    """The headline tables of ``fairmilk build`` (indicators.headline), each with sources."""
    from fairmilk.indicators.headline import headline_frames

    _ = translator(lang)
    frames: list[Frame] = []

    def frame(i: int) -> Frame:
        if not frames:
            frames.extend(headline_frames(con))
        return frames[i]

    blocks = [
        computed(block_id, _(title), lambda i=i: frame(i), lang)  # type: ignore[misc]
        for i, (block_id, title) in enumerate(HEADLINES)
    ]
    blocks[0] = chart_from(blocks[0], x="category", y="tonnes", color=None, kind="bar",
                           y_title="t")  # fmt: skip
    return blocks


def brief_countries(con: duckdb.DuckDBPyConnection, lang: str) -> list[tuple[str, str]]:
    """West African countries (today's members) offered as country briefs."""
    col = "name_fr" if lang == "fr" else "name_en"
    found = con.execute(
        f"""SELECT c.iso2, c.{col} FROM ref_countries c WHERE c.iso2 IN
            (SELECT iso2 FROM ref_memberships WHERE region = 'west-africa' AND end_date IS NULL)
            """
    ).fetchall()
    return by_name((str(iso), str(name)) for iso, name in found)


def _published_figures(con: duckdb.DuckDBPyConnection, lang: str) -> list[Figure]:
    """The latest published value of each regional series (at most eight)."""
    title = "title_fr" if lang == "fr" else "title_en"
    marks = ", ".join("?" for _ in PUBLISHED_GEOS)
    found = queries.rows(
        con,
        f"""SELECT o.series, s.{title} AS label, o.product,
                   o.geo, o.partner, o.period, o.value, o.unit, o.source_org, o.source_url, o.note
            FROM observations o LEFT JOIN ref_series s USING (series)
            WHERE o.geo IN ({marks}) AND o.value IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY o.series, o.geo, o.partner, o.unit
                                       ORDER BY o.year DESC, o.month DESC NULLS FIRST,
                                                o.period DESC, o.source_url, o.value) = 1
            ORDER BY o.series, o.geo, o.partner, o.unit LIMIT 8""",
        list(PUBLISHED_GEOS),
    )
    return [
        Figure(
            f"{_figure_label(r, lang)} — {r['geo']}"
            + (f" → {r['partner']}" if r["partner"] else ""),
            r["value"],
            str(r["unit"]),
            str(r["period"]),
            [" — ".join(str(x) for x in (r["source_org"], r["source_url"]) if x)],
            str(r["note"] or ""),
        )
        for r in found.records()
    ]


def _figure_label(row: dict[str, object], lang: str) -> str:
    """A series' title, or what a published figure measures (and of which product)."""
    if row["label"]:
        return str(row["label"])
    words = str(localise(measure_of(str(row["series"])), lang))
    return f"{words} ({row['product']})" if row["product"] else words


def _holdings(con: duckdb.DuckDBPyConnection, lang: str) -> Block:
    _ = translator(lang)
    counts = [
        (_("Loaded files (vintages)"), queries.count(con, "SELECT count(*) FROM source_files")),
        (_("Trade rows in use"), queries.count(con, "SELECT count(*) FROM trade_current")),
        (_("Published observations"), queries.count(con, "SELECT count(*) FROM observations")),
        (_("Countries"), queries.count(con, "SELECT count(*) FROM ref_countries")),
    ]
    synthetic = queries.count(con, "SELECT count(*) FROM source_files WHERE synthetic") > 0
    result = Result(
        _("What the store holds"), ["item", "count"], counts, synthetic=synthetic, lang=lang
    )
    result.sources = [_("All loaded files are listed on the sources page.")]
    return Block("holdings", result.title, result)
