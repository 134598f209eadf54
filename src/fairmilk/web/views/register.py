"""The register's entry in the dashboard: a page that leads to the register's own pages."""

from __future__ import annotations

import duckdb

from fairmilk.outputs.i18n import translator
from fairmilk.web.views.view import Query, View


def register_view(con: duckdb.DuckDBPyConnection, query: Query, *, lang: str) -> View:
    """The CFS call-for-experiences register: a link to its own pages."""
    _ = translator(lang)
    view = View("register", _("Register of experiences"), lang, {})
    view.intro = _(
        "Submissions to the CFS call for experiences on connecting smallholders to markets."
    )
    view.links.append((_("Open the register"), "/register/"))
    return view
