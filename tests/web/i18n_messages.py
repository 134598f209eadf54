"""The English messages the web pages use: extracted literals plus declared dynamic ones."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir

from fairmilk.outputs import columns, queries, view_misc, views
from fairmilk.outputs.tables import SYNTHETIC_NOTE
from fairmilk.outputs.web import render

OUTPUTS = Path(views.__file__).parent
METHODS = [
    ("**/vendor/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
    ("**/report_templates/**.html", "jinja2.ext:babel_extract"),
]


def literal_messages() -> set[str]:
    """Every string literal passed to ``_`` in the outputs code and templates."""
    found = extract_from_dir(str(OUTPUTS), METHODS, keywords={"_": None})
    return {str(msg if isinstance(msg, str) else msg[0]) for _f, _l, msg, _c, _x in found}


def dynamic_messages() -> set[str]:
    """Messages chosen at run time: menu labels, page titles, parameter values."""
    out = set(render.NAV_LABELS.values()) | set(views.MEASURES) | set(queries.TRADE_GROUPS)
    out |= {"export", "import", "consumer", "producer"} | set(views.POWDER_IDS)
    out |= {title for _id, title in view_misc.HEADLINES}
    return out | set(columns.COLUMNS) | set(LABELS) | {SYNTHETIC_NOTE}


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
