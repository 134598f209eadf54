"""The home page: what fairmilk shows, headline figures, where to start, the country pages."""

from __future__ import annotations

import duckdb

from fairmilk.indicators.frame import Frame
from fairmilk.outputs import queries
from fairmilk.outputs.i18n import translator
from fairmilk.outputs.memo import remember
from fairmilk.web.views.blocks import chart_from, computed
from fairmilk.web.views.country import country_list
from fairmilk.web.views.view import Block, Figure, Query, View

PUBLISHED_GEOS = ("west-africa", "ecowas", "waemu", "eu27")


def overview_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """What fairmilk shows, what FFMP is, a few headline figures and where to start."""
    _ = translator(lang)
    view = View("overview", _("Overview"), lang, {})
    view.intro = _(
        "fairmilk shows how much dairy the EU exports to West Africa, what a litre of imported "
        "milk costs against local milk, and which trade policies could support local milk; "
        "every figure links to its source and a gap is shown as –. FFMP (fat-filled milk "
        "powder) is skimmed milk powder blended with vegetable fat, mostly palm oil, sold in "
        "West Africa far below the price of whole milk powder and of local milk."
    )
    view.blocks += headline_blocks(con, lang)
    view.figures = headline_figures(con, view.blocks, lang)
    view.links = start_links(lang)
    view.countries = country_list(con, lang)
    view.briefs = brief_countries(con, lang)
    return view


def start_links(lang: str) -> list[tuple[str, str]]:
    """Where to start: trade, prices, policy, the register and the method."""
    _ = translator(lang)
    suffix = "?lang=fr" if lang == "fr" else ""
    pages = [
        (_("Trade: EU dairy exports by product, year and country"), "/trade"),
        (_("Prices: farm-gate prices, costs and the price of a litre"), "/per-litre"),
        (_("Policy: tariff, supply-management and milk-offensive simulators"), "/simulators"),
        (_("The register of experiences and field observations"), "/register/"),
        (_("Methodology, glossary and how to cite"), "/methodology"),
    ]
    return [(label, href + suffix) for label, href in pages]


def headline_figures(
    con: duckdb.DuckDBPyConnection, blocks: list[Block], lang: str
) -> list[Figure]:
    """FAOSTAT's powder imports, three figures from the headline tables and up to two
    published ones, one source each."""
    _ = translator(lang)
    found = {b.id: b.result for b in blocks}
    figures: list[Figure] = []
    exports = found.get("exports")
    if exports is not None and exports.rows:
        recs = [r for r in exports.records() if r["category"] in queries.POWDERS]
        tonnes = [r["tonnes"] for r in recs]
        total = None if None in tonnes or not tonnes else sum(tonnes)
        year = str(exports.records()[0]["year"])
        line = one_source(exports.sources, lang)
        ffmp = [r["tonnes"] for r in recs if r["category"] == "ffmp"]
        figures.append(Figure(_("EU-27 milk-powder exports to West Africa (SMP, WMP, FFMP)"),
                              total, "t", year, line))  # fmt: skip
        figures.append(Figure(_("of which fat-filled milk powder (FFMP)"),
                              ffmp[0] if ffmp else None, "t", year, line))  # fmt: skip
    share = found.get("ffmp-share")
    if share is not None and share.rows:
        last = share.records()[-1]
        pct = last["share_central_pct"]
        figures.append(Figure(_("FFMP share of EU milk-powder exports to West Africa"),
                              None if pct is None else round(pct, 1), "%", str(last["year"]),
                              one_source(share.sources, lang)))  # fmt: skip
    return [*_fao_powder_imports(con, lang), *figures, *_published_figures(con, lang)]


FAO_TCL = "https://www.fao.org/faostat/en/#data/TCL"


def _fao_powder_imports(con: duckdb.DuckDBPyConnection, lang: str) -> list[Figure]:
    """Real data first: West Africa's milk-powder imports as FAOSTAT publishes them.

    The latest year in which FAO gives both skimmed and whole milk powder for the region;
    none when it gives neither (a gap is never filled).
    """
    from fairmilk.indicators.fao_trade import fao_trade_frame

    _ = translator(lang)
    frame = remember(  # shared by the English and French pages, kept on disk
        ("home-fao-imports",),
        lambda: fao_trade_frame(con, countries=["west-africa"], products=["smp", "wmp"]),
    )
    by_year: dict[int, dict[str, float | None]] = {}
    for rec in frame.records():
        by_year.setdefault(int(rec["year"]), {})[str(rec["product"])] = rec["quantity_t"]
    whole = [y for y, v in by_year.items() if {"smp", "wmp"} <= v.keys() and None not in v.values()]
    if not whole:
        return []
    year = max(whole)
    total = sum(float(v) for v in by_year[year].values() if v is not None)
    label = _("West Africa's milk-powder imports (SMP and WMP), from all origins")
    return [Figure(label, total, "t", str(year), [f"FAOSTAT (FAO), CC BY 4.0: {FAO_TCL}"])]


def one_source(sources: list[str], lang: str) -> list[str]:
    """One source line: the first source, and how many more the table lists."""
    _ = translator(lang)
    if len(sources) <= 1:
        return list(sources)
    return [_("{first} (and {n} more on the page of the table)", first=sources[0],
              n=len(sources) - 1)]  # fmt: skip


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
    """West African countries (today's members) offered as country briefs, sorted by name."""
    return country_list(con, lang)


# Published regional figures shown on the home page, with their reader labels.
PUBLISHED = {
    "export_volume__ffmp": "EU-27 FFMP exports to West Africa, as published",
    "eu_share_of_wa_dairy_import_value__all_dairy": "EU share of West Africa's dairy import value",
}


def _published_figures(con: duckdb.DuckDBPyConnection, lang: str) -> list[Figure]:
    """The latest published value of each series of ``PUBLISHED`` for West Africa."""
    _ = translator(lang)
    marks = ", ".join("?" for _ in PUBLISHED)
    found = queries.rows(
        con,
        f"""SELECT series, period, value, unit, source_org, source_url, note
            FROM observations WHERE series IN ({marks}) AND partner = 'west-africa'
              AND geo = 'eu27' AND value IS NOT NULL
            QUALIFY row_number() OVER (PARTITION BY series ORDER BY year DESC,
                                       month DESC NULLS FIRST, source_url, value) = 1
            ORDER BY series DESC""",
        list(PUBLISHED),
    )
    return [
        Figure(
            _(PUBLISHED[str(r["series"])]),
            r["value"],
            str(r["unit"]),
            str(r["period"]),
            [" — ".join(str(x) for x in (r["source_org"], r["source_url"]) if x)],
        )
        for r in found.records()
    ]
