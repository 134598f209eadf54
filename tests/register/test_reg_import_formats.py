"""The .docx and .pdf versions of the same form give the same record as the text export."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fairmilk.register.blank import blank_form
from fairmilk.register.importer import import_bytes, sniff


def _squash(value: Any) -> Any:
    """Text answers compared without layout (a PDF wraps lines where it likes)."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _comparable(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "values": {k: _squash(v) for k, v in data["values"].items()},
        "citations": [
            (c["set"], c["id"], c["field"], _squash(c["sentence"])) for c in data["citations"]
        ],
        "facts": [(f["kind"], f["value"], f["field"]) for f in data["facts"]],
        "places": data["places"],
        "dates": data["dates"],
        "warnings": data["warnings"],
    }


@pytest.mark.parametrize("fixture", ["oxfam_docx", "oxfam_pdf"])
def test_same_record_as_text(fixture: str, oxfam_text: str, request: pytest.FixtureRequest) -> None:
    data: bytes = request.getfixturevalue(fixture)
    reference = import_bytes(oxfam_text.encode(), name="oxfam.txt").to_dict()
    other = import_bytes(data, name=f"oxfam.{fixture[6:]}").to_dict()
    assert other["source_format"] == fixture[6:]
    assert _comparable(other) == _comparable(reference)


def test_docx_with_typed_glyphs(oxfam_text: str, make_docx: Callable[..., bytes]) -> None:
    """Boxes typed as ☒/☐ characters (no content control) and no tables read the same."""
    typed = make_docx(oxfam_text.replace("☒", "☒ ").replace("\t", ""), tables=False)
    record = import_bytes(typed, name="typed.docx")
    assert record.values["set_2"] is True
    assert record.ticked("sdg_") == ["sdg_1", "sdg_2", "sdg_8", "sdg_10", "sdg_13"]
    assert record.values["annex_participants"] == [
        "government",
        "civil_society",
        "private_sector",
        "academia",
    ]


def test_content_control_state_wins_over_nothing(make_docx: Callable[..., bytes]) -> None:
    form = blank_form().replace("☐ Academia", "☒ Academia", 1)
    record = import_bytes(make_docx(form), name="boxes.docx")
    assert record.values["affiliation"] == ["academia"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"%PDF-1.7 ...", "pdf"), (b"PK\x03\x04...", "docx"), ("Title ☒".encode(), "txt")],
)
def test_sniff_by_content(data: bytes, expected: str) -> None:
    assert sniff(data, name="upload.bin") == expected
