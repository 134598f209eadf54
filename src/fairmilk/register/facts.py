"""Quantitative facts in free text: numbers of people, countries and organisations."""

from __future__ import annotations

import re

from fairmilk.register.lines import Sentences
from fairmilk.register.record import Fact

WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "dozen": 12,
    "a dozen": 12, "hundred": 100, "a hundred": 100, "hundreds": 100, "thousand": 1000,
}  # fmt: skip
KINDS: dict[str, tuple[str, ...]] = {
    "organisations": (
        "organisation", "organization", "association", "cooperative", "co-operative",
        "union", "network", "ngo", "federation", "dairies", "mini-dairies", "platform",
    ),
    "countries": ("countries", "country", "nations", "states"),
    "people": (
        "people", "persons", "person", "participants", "smallholders", "farmers", "producers",
        "women", "men", "youth", "members", "pastoralists", "herders", "servants", "households",
        "families", "delegates", "consumers", "children", "workers",
    ),
}  # fmt: skip
PRIORITY = ("organisations", "countries", "people")
QUALIFIERS = (
    "more than", "less than", "fewer than", "at least", "at most", "up to", "nearly", "almost",
    "about", "around", "approximately", "over", "some", "a total of", "minimum", "maximum",
    "more",
)  # fmt: skip
WINDOW = 8
LOOKAHEAD = 400  # characters read after a number to find what it counts (WINDOW words)
_SCALE = {"million": 1e6, "millions": 1e6, "billion": 1e9, "thousand": 1e3}
_WORDS = "|".join(
    sorted((re.escape(w).replace(r"\ ", r"\s+") for w in WORD_NUMBERS), key=len, reverse=True)
)
_QUAL = "|".join(re.escape(q) for q in QUALIFIERS)
_NUMBER = re.compile(
    rf"(?<![\w.,:/\-])(?:(?P<qual>{_QUAL})\s+)?"
    rf"(?:(?P<num>\d{{1,3}}(?:[ ,]\d{{3}})+|\d+(?:\.\d+)?)(?![\w.,:/\-]?\d)(?![.)/:\-%\w])"
    rf"|(?P<word>{_WORDS})\b)"
    rf"(?:\s+(?P<scale>million|millions|billion|thousand)\b)?",
    re.IGNORECASE,
)
_STOP = re.compile(r"[.;:!?()\[\]\n]")
_TOKEN = re.compile(r"[\w'-]+")


def _value(match: re.Match[str]) -> float | None:
    if match.group("num"):
        value = float(re.sub(r"[ ,]", "", match.group("num")))
    else:
        value = float(WORD_NUMBERS[" ".join(match.group("word").lower().split())])
    if match.group("scale"):
        value *= _SCALE[match.group("scale").lower()]
    return value


def _kind(after: str) -> tuple[str, str] | None:
    """The kind of thing counted, from the words that follow the number.

    Within a few words and before a full stop, the noun of highest PRIORITY wins. The phrase
    ends at a comma once a counted noun is seen ("50 million people, with organisations"), and
    at another number unless joined by "and"/"or" ("3 regional and 7 national organisations").
    """
    phrase = _STOP.split(after, maxsplit=1)[0]
    best: tuple[int, str, int] | None = None
    previous = ""
    last_end = 0
    for position, token in enumerate(_TOKEN.finditer(phrase)):
        word = token.group(0).lower()
        gap = phrase[last_end : token.start()]
        if position >= WINDOW or (best is not None and "," in gap):
            break
        if _is_number_word(word) and previous not in ("and", "or"):
            break
        last_end, previous = token.end(), word
        rank = next((r for r, k in enumerate(PRIORITY) if word.startswith(KINDS[k])), None)
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, PRIORITY[rank], token.end())
    return None if best is None else (best[1], " ".join(phrase[: best[2]].split()))


def _is_number_word(word: str) -> bool:
    return word[:1].isdigit() or word in WORD_NUMBERS


def _is_year(match: re.Match[str]) -> bool:
    num = match.group("num")
    return bool(num) and len(num) == 4 and 1900 <= int(num) <= 2100


_SDG = re.compile(r"(?:SDG|ODD|PR)[-\s]*$")


def _after_sdg(text: str, start: int) -> bool:
    return bool(_SDG.search(text, max(0, start - 5), start))


def find_facts(text: str, *, field: str, limit: int | None = None) -> list[Fact]:
    """Numbers of people, countries or organisations in ``text``, each with its sentence
    (the first ``limit`` of them when given: the reading stops there)."""
    facts: list[Fact] = []
    sentences = Sentences(text)
    for match in _NUMBER.finditer(text):
        if _is_year(match) or _after_sdg(text, match.start()):
            continue
        kind = _kind(text[match.end() : match.end() + LOOKAHEAD])
        value = None if kind is None else _value(match)
        if kind is None or value is None:
            continue
        qualifier = match.group("qual").lower() if match.group("qual") else None
        phrase = " ".join(f"{match.group(0)} {kind[1]}".split())
        facts.append(Fact(kind[0], value, qualifier, phrase, field, sentences.at(match.start())))
        if limit is not None and len(facts) >= limit:
            break
    return facts
