"""Words of the answers for full-text search: lower case, accents folded, short words dropped."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]{2,}", re.UNICODE)
STOPWORDS = frozenset(
    {
        "the",
        "and",
        "of",
        "to",
        "in",
        "for",
        "on",
        "by",
        "with",
        "as",
        "at",
        "is",
        "are",
        "be",
        "it",
        "this",
        "that",
        "from",
        "or",
        "an",
        "our",
        "we",
        "their",
        "they",
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "et",
        "en",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "dans",
        "au",
        "aux",
        "est",
        "que",
        "qui",
    }
)


def fold(text: str) -> str:
    """Lower case without accents: 'Sénégal' and 'senegal' match."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def terms(text: str) -> list[str]:
    """The searchable words of ``text``, in order."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOPWORDS]


def term_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each searchable word occurs in all of ``texts``."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms(text))
    return counts
