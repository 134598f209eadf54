"""Line-level reading of a filled form: box markers, prompts, boilerplate, sentences."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import cache

TICKED = "ticked"
EMPTY = "empty"
CROSS = "x"  # a bare "x" or "X" before a label: ticked when the label is a known option

_GLYPH_TICKED = "☒☑✓✔✗✘■"
_GLYPH_EMPTY = "☐□"
_BRACKET = re.compile(r"^[\[(]\s*([xX✓✔]?)\s*[\])]\s*")
_BULLET = re.compile(r"^[·•▪◦*]\s*")
_ROMAN_LABEL = re.compile(r"^\((?:x{0,3})(?:ix|iv|v?i{0,3})\)\s*", re.IGNORECASE)
_FOOTNOTE_REF = re.compile(r"\[footnoteRef:\d+\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”»)]?\s+(?=[A-Z“\"«(])|\n+")


def clean_text(raw: str) -> str:
    """Normalise a whole document: line ends, no-break spaces, apostrophes, footnote marks."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\ufeff", "")
    return _FOOTNOTE_REF.sub("", text)


def split_marker(line: str) -> tuple[str | None, str]:
    """A line's box marker (TICKED, EMPTY, CROSS or None) and the text after it."""
    text = _BULLET.sub("", line.strip())
    if text[:1] and text[0] in _GLYPH_TICKED:
        return TICKED, text[1:].strip()
    if text[:1] and text[0] in _GLYPH_EMPTY:
        return EMPTY, text[1:].strip()
    bracket = _BRACKET.match(text)
    if bracket:
        return (TICKED if bracket.group(1) else EMPTY), text[bracket.end() :].strip()
    if len(text) > 2 and text[0] in "xX" and text[1] == " ":
        return CROSS, text[2:].strip()
    return None, text


def strip_label(text: str) -> str:
    """The text without a leading roman question number such as ``(iv)``."""
    return _ROMAN_LABEL.sub("", text).strip()


def norm(text: str) -> str:
    """Lower case, single spaces, typographic quotes folded: the form used for matching."""
    folded = text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(folded.lower().split())


@cache
def anchor_pattern(anchor: str) -> re.Pattern[str]:
    """A regex matching ``anchor`` at the start of a line, whatever its spacing and case."""
    parts = [re.escape(word).replace(r"\-", r"-\s*") for word in anchor.split()]
    return re.compile(r"^" + r"\s*".join(parts), re.IGNORECASE)


def match_printed(lines: list[str], index: int, printed: tuple[str, ...]) -> tuple[int, str] | None:
    """If a printed text of the form starts at line ``index`` (maybe wrapped over several
    lines), the index of its last line and what follows it there; else None."""
    _marker, first = split_marker(lines[index])
    joined = "\n".join([strip_label(first), *lines[index + 1 : index + 8]])
    best: tuple[int, str] | None = None
    for text in printed:
        match = anchor_pattern(text).match(joined)
        if match and (best is None or match.end() > best[0]):
            best = (match.end(), text)
    if best is None:
        return None
    end = best[0]
    return index + joined[:end].count("\n"), joined[end:].split("\n", 1)[0]


def is_boilerplate(line: str, prefixes: Iterable[str]) -> bool:
    """True for a printed instruction of the form, a lone question number, or a bare bullet."""
    _marker, text = split_marker(line)
    bare = norm(strip_label(text))
    if not bare and (text or _marker):
        return True
    return any(bare.startswith(norm(p)) for p in prefixes if p)


def join_lines(lines: Iterable[str]) -> str | None:
    """Answer lines joined into paragraphs; None when nothing is written."""
    kept = [line.strip() for line in lines]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()
    return text or None


MAX_SENTENCE = 400  # characters quoted around a citation or a fact (a long run is cut)


class Sentences:
    """The sentence boundaries of one text, found once: each lookup is a binary search, so
    quoting every number of a long answer stays linear in its length."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0]
        self.ends: list[int] = []
        for match in _SENTENCE_END.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.cuts = self.starts[1:]  # a position before a cut's end is in the sentence before
        self.ends.append(len(text))

    def at(self, start: int) -> str:
        """The sentence that contains ``start``, at most MAX_SENTENCE characters around it."""
        index = bisect.bisect_right(self.cuts, start)
        begin, end = self.starts[index], self.ends[index]
        if end - begin > MAX_SENTENCE:
            begin = max(begin, start - MAX_SENTENCE // 2)
            end = min(end, begin + MAX_SENTENCE)
        return self.text[begin:end].strip()


def sentence_at(text: str, start: int) -> str:
    """The sentence of ``text`` that contains the position ``start``."""
    return Sentences(text).at(start)
