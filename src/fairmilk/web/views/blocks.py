"""Page blocks from indicator frames: computed once per page, translated, charted, with controls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import duckdb

from fairmilk.errors import FairmilkError
from fairmilk.indicators.frame import Frame
from fairmilk.outputs import charts, memo
from fairmilk.outputs.i18n import localise, pick, translator
from fairmilk.outputs.tables import Result, localised
from fairmilk.web.views.view import Block, Control

CET_BANDS = ("0", "5", "10", "20", "35")
STAGES = ("any", "consumer", "producer")  # local price stages offered on the per-litre page


def as_result(frame: Frame, title: str, lang: str) -> Result:
    """An indicator frame as a sourced result in ``lang``, with the page's (translated) title.

    The frame's notes and text cells are translated; its own title becomes the last note.
    """
    result = localised(frame, lang, title=title)
    result.notes.append(str(localise(frame.title, lang)))
    return result


def computed(block_id: str, title: str, run: Callable[[], Frame], lang: str) -> Block:
    """Run an indicator; a failure becomes a block that says so (never a made-up table).

    ``run`` must not depend on ``lang``: in the web app its frame is kept per page and
    parameters (``memo.remember``) and shared by the English and French pages.
    """
    _ = translator(lang)
    try:
        frame = memo.remember(("block", block_id), run, per_page=True)
        return Block(block_id, title, as_result(frame, title, lang))
    except (FairmilkError, duckdb.Error) as exc:
        result = Result(title, [], [], lang=lang)
        result.notes.append(_("Not computed: {reason}", reason=str(exc).splitlines()[0]))
        return Block(block_id, title, result)


def chart_from(
    block: Block,
    *,
    x: str,
    y: str,
    color: str | None,
    kind: str,
    y_title: str,
    rules: Sequence[charts.Rule] = (),
) -> Block:  # kind: line, bar (stacked) or grouped (bars side by side)
    """The block with a chart of its own columns (none when the columns or rows are missing)."""
    res = block.result
    if not res.rows or not {x, y} <= set(res.columns) or (color and color not in res.columns):
        return block
    if all(rec[y] is None for rec in res.records()):
        return block  # only gaps: a chart would suggest zeros
    common: dict[str, Any] = {"x": x, "y": y, "color": color, "title": block.title}
    common |= {"y_title": y_title, "rules": rules}
    if color == "category":  # the legend names products in the page language; ids fix colours
        res = _with_product_names(res)
        common |= {"color": "product", "color_key": "category"}
    if kind == "line":
        block.chart = charts.line_chart(res, **common)
    else:
        block.chart = charts.bar_chart(res, grouped=kind == "grouped", **common)
    return block


def _with_product_names(res: Result) -> Result:
    """The result with a ``product`` column: each category's name in the result's language."""
    from fairmilk.reference.categories import categories

    names = {c.category: pick(res.lang, c.name_en, c.name_fr) for c in categories()}
    at = res.columns.index("category")
    rows = [(*r, names.get(str(r[at]), str(r[at]))) for r in res.rows]
    out = Result(res.title, [*res.columns, "product"], rows, res.sources, res.notes,
                 res.synthetic, res.lang)  # fmt: skip
    return out


def controls_for(
    lang: str, params: dict[str, str], fields: list[tuple[str, str, list[tuple[str, str]]]]
) -> list[Control]:
    """Form fields: (name, English label, choices); no choices means a number field."""
    _ = translator(lang)
    return [
        Control(name, _(label), params[name], options, "select" if options else "number")
        for name, label, options in fields
    ]


def pairs(values: tuple[str, ...], lang: str, *, add_all: bool = False) -> list[tuple[str, str]]:
    """Choices whose labels are the values themselves (translated when the catalog has them)."""
    _ = translator(lang)
    head = [("all", _("All"))] if add_all else []
    return head + [(v, _(v)) for v in values]
