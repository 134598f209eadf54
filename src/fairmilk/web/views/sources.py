"""The sources page: every loaded file, every published-figures dataset, the reference data."""

from __future__ import annotations

import duckdb

from fairmilk.outputs import queries
from fairmilk.outputs.i18n import pick, translator
from fairmilk.outputs.tables import Result
from fairmilk.web.views.view import Block, Query, View


def sources_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """Every loaded file with its vintage, and every published-figures dataset."""
    _ = translator(lang)
    view = View("sources", _("Sources"), lang, {})
    view.intro = _("Every dataset the observatory uses: producer, address, licence, vintage.")
    files = queries.source_files(con)
    files.title, files.lang = _("Loaded files and vintages"), lang
    obs = queries.observation_datasets(con)
    obs.title, obs.lang = _("Published figures (observations)"), lang
    obs.sources = queries.observation_sources(con, "TRUE", [])
    view.blocks += [Block("files", files.title, files), Block("datasets", obs.title, obs)]
    view.blocks.append(_reference_block(lang))
    return view


def _reference_block(lang: str) -> Block:
    """The embedded reference datasets and their provenance records."""
    from fairmilk.reference import catalog

    _ = translator(lang)
    out = []
    for ds in catalog.datasets():
        p = catalog.provenance(ds)
        title = pick(lang, p.title_en, p.title_fr)
        out.append((ds, title, p.producer, " ".join(p.urls), p.accessed, p.licence, p.synthetic))
    columns = ["dataset", "title", "producer", "urls", "accessed", "licence", "synthetic"]
    result = Result(_("Embedded reference data"), columns, out, lang=lang)
    result.sources = sorted({u for r in out for u in str(r[3]).split()})
    result.synthetic = any(r[6] for r in out)
    return Block("reference", result.title, result)
