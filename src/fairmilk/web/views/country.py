"""Country pages (/country/SN): key messages, charts and short tables, then the register.

The page is the country's profile (``outputs.country_profile``, shared with the brief)
followed by the experiences and field observations the register holds for that country.
"""

from __future__ import annotations

import unicodedata
from datetime import date

import duckdb

from fairmilk.outputs.country_profile import Profile, build_profile, country_name
from fairmilk.outputs.i18n import fmt_number, localise, pick, translator
from fairmilk.reference.categories import categories
from fairmilk.reference.geo import members
from fairmilk.register.published import published_observations_in, published_submissions_in
from fairmilk.web.views.view import Block, Entry, Query, Statement, View

MAX_ENTRIES = 12


def country_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """The page of one country: ``query['country']`` is its ISO code (validated)."""
    _ = translator(lang)
    profile = build_profile(con, query.get("country", ""), lang=lang)
    view = View("country", profile.name, lang, {"country": profile.iso2})
    view.intro = (
        _("Key figures on milk imports, local milk and trade policy, each with its source.")
        if profile.role == "importer"
        else _("This EU member state as an exporter of dairy products to West Africa.")
    )
    view.messages = statements(profile)
    view.blocks = [Block(s.id, s.title, s.result, s.chart) for s in profile.sections]
    view.entries = register_entries(con, profile.iso2, lang)
    view.briefs = [(profile.iso2, profile.name)]
    return view


def statements(profile: Profile) -> list[Statement]:
    """The profile's key messages in its language."""
    return [
        Statement(
            str(localise(m.text, profile.lang)),
            m.period,
            list(m.sources),
            m.synthetic,
            m.available,
        )
        for m in profile.messages
    ]


def register_entries(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> list[Entry]:
    """Published experiences that name the country, then its published field observations
    (the copy of the register's published rows in this version of the analytics data)."""
    _ = translator(lang)
    found = published_submissions_in(con, iso2, limit=MAX_ENTRIES)
    entries = [
        Entry(str(s["title"] or s["id"]), f"/register/s/{s['id']}", str(s["year"] or ""))
        for s in found
    ]
    observed = published_observations_in(con, iso2)
    names = {c.category: pick(lang, c.name_en, c.name_fr) for c in categories()}
    for obs in observed[:MAX_ENTRIES]:
        price = fmt_number(obs["price"], lang)
        detail = _("{place}, {day}: {price} {currency}", place=obs["place"],
                   day=str(obs["observed_on"]), price=price, currency=obs["currency"])  # fmt: skip
        product = names.get(str(obs["product"]), str(obs["product"]))
        entries.append(Entry(_("Field observation: {product}", product=product),
                             f"/register/search?place={iso2}", detail))  # fmt: skip
    return entries


def country_list(con: duckdb.DuckDBPyConnection, lang: str) -> list[tuple[str, str]]:
    """The West African countries today (ISO code, name), sorted by name in ``lang``."""
    codes = sorted(members("west-africa", date.today()))
    named = [(c, country_name(con, c, lang=lang)) for c in codes]
    return sorted(named, key=lambda pair: _sort_key(pair[1]))


def _sort_key(name: str) -> str:
    """Accents ignored: Sénégal sorts with Senegal, not after Sierra Leone."""
    plain = unicodedata.normalize("NFKD", name)
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def brief_entries(con: duckdb.DuckDBPyConnection, iso2: str, lang: str) -> list[tuple[str, str]]:
    """The register's entries of a country as a brief lists them (title, detail)."""
    return [(e.title, e.detail) for e in register_entries(con, iso2.upper(), lang)]
