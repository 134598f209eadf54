"""The English messages the web pages use: extracted literals plus declared dynamic ones."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from babel.messages.extract import extract_from_dir

from fairmilk import outputs, web
from fairmilk.indicators.anomaly import FLAGS
from fairmilk.indicators.perlitre import STAGES
from fairmilk.indicators.trade_keys import GROUP_KEYS
from fairmilk.outputs import charts, columns, country_profile, i18n, key_messages, queries, tables
from fairmilk.outputs.tables import SYNTHETIC_NOTE
from fairmilk.reference import fao_trade
from fairmilk.reference.geo import countries, members
from fairmilk.reference.published import metric_names
from fairmilk.web import pages, render
from fairmilk.web.views import overview, view

READER_CODE = (Path(outputs.__file__).parent, Path(web.__file__).parent)
SRC = Path(outputs.__file__).parents[1]
METHODS = [
    ("**/vendor/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/report_templates/**.html", "jinja2.ext:babel_extract"),
]


def literal_messages() -> set[str]:
    """Every string literal passed to ``_`` in the outputs and web code and templates."""
    found = [
        item
        for folder in READER_CODE
        for item in extract_from_dir(str(folder), METHODS, keywords={"_": None})
    ]
    return {str(msg if isinstance(msg, str) else msg[0]) for _f, _l, msg, _c, _x in found}


def dynamic_messages() -> set[str]:
    """Messages chosen at run time: menu labels, page titles, parameter values."""
    out = set(render.NAV_LABELS.values()) | set(view.MEASURES) | set(queries.TRADE_GROUPS)
    out |= {"export", "import", "consumer", "producer"} | set(view.POWDER_IDS)
    out |= {title for _id, title in overview.HEADLINES}
    out |= set(GROUP_KEYS) | set(STAGES)  # ids shown in titles and notes (fairmilk.text.term)
    out |= set(FLAGS)  # anomaly flags shown in table cells (fairmilk.text.term)
    out |= {i18n.ELASTIC_HEADER}  # header of any imports_pct_e<elasticity> column
    out |= set(country_profile.LABELS.values()) | set(overview.PUBLISHED.values())
    out |= {key_messages.product_name(c) for c in queries.CATEGORIES}  # in key messages
    out |= {b.upper() for b in (*key_messages.BLOCS, *key_messages.EXPORTER_BLOCS)}
    out |= set(charts.TEXTS)  # chart notes and descriptions
    out |= {tables.LEFT_OUT}  # terminal tables: the columns left out
    out |= set(metric_names().values())  # what published figures measure (a table column)
    out |= set(pages.ERROR_TEXTS)  # fixed texts of the error page
    out |= {note for _years, note in fao_trade.BREAKS.values()}  # FAOSTAT break notes (term)
    west_africa = members("west-africa", date.today())  # country names in key messages (term)
    out |= {c.name_en for c in countries() if c.iso2 in west_africa}
    return out | set(columns.COLUMNS) | set(LABELS) | {SYNTHETIC_NOTE} | msg_templates()


def msg_calls() -> list[tuple[str, int, str | None]]:
    """Every ``msg(...)`` call in src/fairmilk: (file, line, its literal template or None)."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name != "msg":
                continue
            first = node.args[0] if node.args else None
            literal = first.value if isinstance(first, ast.Constant) else None
            where = str(path.relative_to(SRC))
            found.append((where, node.lineno, literal if isinstance(literal, str) else None))
    return found


def msg_templates() -> set[str]:
    """The templates of the ``fairmilk.text.msg`` titles and notes of indicators and policy."""
    return {template for _f, _l, template in msg_calls() if template is not None}


LABELS = (
    "Powder",
    "Freight and insurance (% of FOB)",
    "Importer and retail margin (%)",
    "Local price stage",
    "Target share (%)",
    "MRP: country (ISO code)",
    "Share of deliveries whose producers cut (%)",
    "Voluntary cut for the bonus (%)",
    "Compulsory cut in the crisis phase (%)",
    "Bonus (EUR per 100 kg not delivered)",
)
"""Form labels passed to ``controls_for`` as data (not as ``_`` literals)."""
