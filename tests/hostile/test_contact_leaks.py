"""Contact details typed into public answers (a contact block on one line, a phone number in
a story) never reach the record page, its JSON or search; the moderator sees them."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from fairmilk.register.moderators import create_moderator
from fairmilk.register.reader import read_submission
from fairmilk.register.search import search
from fairmilk.register.submissions import get_submission, save_submission, set_status
from fairmilk.register.withhold import MARK, contact_patterns, scrub, withhold

OLD_BLOCK = (
    "\tContact person \n\tName: Thierry Kesteloot\nEmail address: Thierry.Kesteloot@oxfam.org\n"
)
ONE_LINE = "\tContact: Awa Diallo, awa.diallo@example.sn, +221 77 123 45 67\n"
STORY = (
    "The collection centres of Kolda, Velingara and Tambacounda bought local milk all year "
    "from the herders who formed a union with the help of the district. "
    "Call Awa on 77 123 45 67 or +221 77 123 45 67, "
    "write to awa.diallo@example.sn, or 01 23 45 67 89. 50 000 000 people in 2019-2020."
)


def test_scrub_keeps_numbers_that_are_not_phones() -> None:
    assert len(STORY) > 200  # a long line: only the details go, the rest stays
    text, held = scrub(STORY, contact_patterns([]))
    assert held == [STORY]
    assert "example.sn" not in text
    assert "+221" not in text
    assert "01 23 45 67 89" not in text
    assert "50 000 000 people in 2019-2020" in text


@pytest.mark.parametrize("extra", ["", STORY])
def test_contact_details_are_withheld_from_every_public_view(
    site: tuple[str, FastAPI], oxfam: str, extra: str
) -> None:
    url, app = site
    assert OLD_BLOCK in oxfam
    text = oxfam.replace(OLD_BLOCK, ONE_LINE + extra + "\n")
    record = read_submission(text, source_name="one-line.txt")
    assert "awa.diallo@example.sn" in str(record.values["countries"])  # the leak, before
    _shown, held = withhold(record)
    assert held
    with app.state.register.connect() as con:
        sid, _ = save_submission(con, record, via="cli")
        set_status(con, sid, "published", actor="test")
        public = get_submission(con, sid)
        hits = search(con, "diallo") + search(con, "awa")
        create_moderator(con, "mod", "a long secret 42", actor="test")
    blob = str(public)
    assert "awa.diallo@example.sn" not in blob
    assert "123 45 67" not in blob
    assert MARK in blob
    assert all("diallo" not in str(h).lower() for h in hits)
    with httpx.Client(base_url=url, timeout=30) as http:
        for path in (f"/register/s/{sid}", f"/register/s/{sid}.json", "/register/search?q=diallo",
                     "/register/search.json?q=diallo"):  # fmt: skip
            page = http.get(path)
            assert page.status_code == 200, path
            assert "example.sn" not in page.text, path
            assert "123 45 67" not in page.text, path
            assert "Diallo" not in page.text, path
        http.post("/register/login", data={"username": "mod", "password": "a long secret 42"})
        private = http.get(f"/register/moderate/s/{sid}").text
    assert "awa.diallo@example.sn" in private  # held back for the moderator
