"""Sorting names as readers expect in English and French: Sénégal before Sierra Leone.

Python compares code points, so "Sénégal" (é = U+00E9) sorts after "Sierra Leone". Babel
has no collation and ``locale.strxfrm`` depends on the locales installed on the machine, so
names sort on a key of their own: accents removed (Unicode NFKD, combining marks dropped),
case folded, with the exact text last to keep the order stable. That is the primary level
of the Unicode collation for the Latin letters of English and French names.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable


def sort_key(text: str) -> tuple[str, str]:
    """The key that sorts ``text`` by its letters, ignoring accents and case."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return plain.casefold().replace("’", "'"), text


def by_name(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name as readers expect."""
    return sorted(items, key=lambda pair: sort_key(pair[1]))
