"""Sources as links: the web addresses inside a source line become HTML links."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

URL = re.compile(r"https?://[^\s<>\"']+")
TRAILING = ".,;:)]"


def linkify(text: object) -> Markup:
    """``text`` HTML-escaped, each http(s) address in it a link (trailing punctuation kept out)."""
    plain = str(text)
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
