"""Reading one field's lines: e-mail and URL patterns, boxes in English or French, warnings."""

from __future__ import annotations

import pytest

from fairmilk.register.form import Field, Option
from fairmilk.register.parse import read_boxes, read_value, read_yesno

BOXES = Field(
    "channels",
    "boxes",
    "Channels",
    "Canaux",
    "Channels",
    options=(
        Option("radio", "Radio", "Radio"),
        Option("market", "Local market", "Marché local"),
        Option("other", "Other", "Autre"),
    ),
)
YESNO = Field(
    "aware", "yesno", "Aware", "Informé", "Aware",
    options=(Option("yes", "Yes", "Oui"), Option("no", "No", "Non")),
)  # fmt: skip
EMAIL = Field("email", "email", "E-mail", "Courriel", "E-mail")
LINKS = Field("links", "links", "Links", "Liens", "Links")


def test_french_box_labels_are_read() -> None:
    ticked, _other, warnings = read_boxes(BOXES, ["☒ Marché local", "☐ Radio"])
    assert ticked == ["market"]
    assert warnings == []


def test_french_single_choice() -> None:
    assert read_yesno(YESNO, ["☐ Oui", "☒ Non"]) == ("no", [])


def test_ticked_line_matching_no_box_is_ambiguous() -> None:
    ticked, _other, warnings = read_boxes(BOXES, ["☒ Television", "plain words"])
    assert ticked == []
    assert [(w.field, w.kind) for w in warnings] == [
        ("channels", "ambiguous"),  # a ticked box whose label we cannot place
        ("channels", "unrecognised"),  # a line without a box
    ]


def test_other_text_kept() -> None:
    ticked, other, _warnings = read_boxes(BOXES, ["☒ Other: community radio"])
    assert (ticked, other) == (["other"], "community radio")


def test_repeated_urls_kept_once_in_order() -> None:
    body = [
        "see https://example.org/a and www.example.net/b",
        "again https://example.org/a, then http://x.example/c",
    ]
    value, warnings = read_value(LINKS, None, body)
    # the comma after the second https://example.org/a ends the sentence, not the address
    assert value == ["https://example.org/a", "www.example.net/b", "http://x.example/c"]
    assert warnings == []


@pytest.mark.parametrize(
    "text",
    ["example.org/path", "ftp://example.org/file", "mailto:someone@example.org"],
)
def test_only_web_addresses_are_links(text: str) -> None:
    assert read_value(LINKS, None, [text]) == ([], [])


def test_url_stops_at_space_quote_and_bracket() -> None:
    value, _w = read_value(LINKS, None, ['<a href="https://a.example/x">', "[www.b.example]"])
    assert value == ["https://a.example/x", "www.b.example"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Contact: jane.doe+cfs@mail.example.org (office)", "jane.doe+cfs@mail.example.org"),
        ("écrire à a_b-c@x-y.sn.", "a_b-c@x-y.sn"),
    ],
)
def test_email_found_in_text(text: str, expected: str) -> None:
    assert read_value(EMAIL, None, [text]) == (expected, [])


@pytest.mark.parametrize("text", ["jane at example dot org", "jane@localhost", "@example.org"])
def test_text_without_an_email_address_is_flagged(text: str) -> None:
    value, warnings = read_value(EMAIL, None, [text])
    assert value == text
    assert [(w.field, w.kind) for w in warnings] == [("email", "invalid")]
