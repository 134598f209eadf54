"""Sources as links: a source line in the page's language, its web addresses HTML links."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from fairmilk.outputs.i18n import DEFAULT_LANG, localise

URL = re.compile(r"https?://[^\s<>\"']+")
TRAILING = ".,;:)]"


def linkify(text: object, lang: str = DEFAULT_LANG) -> Markup:
    """``text`` in ``lang`` (a ``Msg`` translated, other text as is), HTML-escaped, each http(s)
    address in it a link (trailing punctuation kept out)."""
    plain = str(localise(text, lang))
    out: list[str] = []
    last = 0
    for found in URL.finditer(plain):
        url = found.group(0)
        while url and url[-1] in TRAILING and not (url[-1] == ")" and "(" in url):
            url = url[:-1]
        start, end = found.start(), found.start() + len(url)
        out.append(str(escape(plain[last:start])))
        out.append(f'<a href="{escape(url)}" rel="noopener">{escape(url)}</a>')
        last = end
    out.append(str(escape(plain[last:])))
    return Markup("".join(out))  # noqa: S704 - every part is escaped above
