"""Browser tests of both register forms, in English and French (Debian's chromium)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI

from fairmilk.register.observation_store import list_observations
from fairmilk.register.submissions import list_submissions

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="chromium is not installed"),
]
TEXT = {
    "en": {"submit": "Submit", "draft": "Save draft", "thanks": "Thank you", "obs": "Thank you."},
    "fr": {
        "submit": "Envoyer",
        "draft": "Enregistrer le brouillon",
        "thanks": "Merci",
        "obs": "Merci.",
    },
}
Web = tuple[str, FastAPI]


def _unexpected(msg: Any) -> bool:
    return bool(msg.type == "error" and "status of 422" not in msg.text)


def _tab(browser: Any) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    # a 422 answer (server validation) is expected; any other console error is not
    tab.on("console", lambda msg: errors.append(msg.text) if _unexpected(msg) else None)
    return context, tab, errors


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_cfs_form_in_browser(browser: Any, web: Web, lang: str, tmp_path: Path) -> None:
    context, tab, errors = _tab(browser)
    tab.goto(f"{web[0]}/register/form?lang={lang}")
    assert tab.locator("html").get_attribute("lang") == lang
    tab.fill("#i-title", f"Lait local ({lang})")
    tab.fill("#i-contact_name", "Awa")
    tab.fill("#i-contact_email", "awa@example.org")
    tab.check("input[name=affiliation][value=civil_society]")
    tab.check("input[name=set_2]")
    tab.fill("#i-set_2_purpose", "PR-18: 200 producteurs")
    tab.check("input[name=sdg_2]")
    tab.get_by_role("button", name=TEXT[lang]["submit"]).click()
    tab.wait_for_load_state()
    # server validation: the missing country is explained, nothing typed is lost
    assert tab.locator("#e-countries").count() == 1
    assert tab.input_value("#i-title") == f"Lait local ({lang})"
    assert tab.is_checked("input[name=set_2]")
    tab.fill("#i-countries", "Burkina Faso")
    tab.get_by_role("button", name=TEXT[lang]["submit"]).click()
    tab.wait_for_url("**/register/thanks/**")
    assert TEXT[lang]["thanks"] in tab.content()
    tab.screenshot(path=str(tmp_path / f"thanks-{lang}.png"), full_page=True)
    assert errors == []
    context.close()
    with web[1].state.register.connect() as con:
        (row,) = list_submissions(con)
    assert row["title"] == f"Lait local ({lang})"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_draft_survives_a_closed_tab(browser: Any, web: Web, lang: str) -> None:
    context, tab, errors = _tab(browser)
    tab.goto(f"{web[0]}/register/form?lang={lang}")
    tab.fill("#i-title", "Typed, then the tab was closed")
    with tab.expect_response(lambda r: r.request.method == "POST"):
        tab.type("#i-lessons_learned", " keep me", delay=10)  # the script saves the draft
    tab.close()
    again = context.new_page()
    again.goto(f"{web[0]}/register/form?lang={lang}")
    assert again.input_value("#i-title") == "Typed, then the tab was closed"
    assert again.input_value("#i-lessons_learned").strip() == "keep me"
    assert errors == []
    context.close()


def test_draft_button_works_without_javascript(browser: Any, web: Web) -> None:
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(f"{web[0]}/register/form?lang=fr")
    tab.fill("#i-title", "Sans JavaScript")
    tab.get_by_role("button", name=TEXT["fr"]["draft"]).click()
    tab.wait_for_load_state()
    tab.goto(f"{web[0]}/register/form?lang=fr")
    assert tab.input_value("#i-title") == "Sans JavaScript"
    context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_observation_form_in_browser(browser: Any, web: Web, lang: str) -> None:
    context, tab, errors = _tab(browser)
    tab.goto(f"{web[0]}/register/observe?lang={lang}")
    tab.fill("#o-date", "2024-03-02")
    tab.fill("#o-country", "SN")
    tab.fill("#o-place", "Dakar, Tilène")
    tab.select_option("#o-product", "ffmp")
    tab.fill("#o-brand", "Example Brand")
    tab.fill("#o-package_size", "400")
    tab.select_option("#o-package_unit", "g")
    tab.fill("#o-price", "1500")
    tab.fill("#o-currency", "XOF")
    tab.check("input[name=labels][value=not_suitable_for_infants]")
    tab.get_by_role("button", name=TEXT[lang]["submit"]).click()
    tab.wait_for_load_state()
    assert TEXT[lang]["obs"] in tab.locator("p.notice").inner_text()
    assert errors == []
    context.close()
    with web[1].state.register.connect() as con:
        (row,) = list_observations(con)
    assert (row["product"], list(row["labels"])) == ("ffmp", ["not_suitable_for_infants"])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_moderator_publishes_after_confirming_without_javascript(
    browser: Any, web: Web, oxfam_text: str, lang: str, tmp_path: Path
) -> None:
    from fairmilk.register.moderators import create_moderator, list_moderators
    from fairmilk.register.reader import read_submission
    from fairmilk.register.submissions import save_submission

    with web[1].state.register.connect() as con:
        create_moderator(con, "boss", "chief secret 7788", actor="test", admin=True)
        create_moderator(con, "ama", "a long secret 42", actor="test")
        sid, _ = save_submission(con, read_submission(oxfam_text, source_name="o.txt"), via="cli")
    q = "" if lang == "en" else "?lang=fr"
    confirm = "Yes, confirm" if lang == "en" else "Oui, confirmer"
    context = browser.new_context(viewport={"width": 1200, "height": 900},
                                  java_script_enabled=False)  # fmt: skip
    tab = context.new_page()
    tab.goto(f"{web[0]}/register/moderate{q}")
    tab.click("a[href*='/register/login']")  # the refusal links to the login
    tab.fill("#username", "boss")
    tab.fill("#password", "chief secret 7788")
    tab.click("button[type=submit]")
    tab.click(f"#p-{sid} button[value=publish]")
    tab.screenshot(path=str(tmp_path / f"confirm-{lang}.png"), full_page=True)
    with web[1].state.register.connect() as con:
        assert list_submissions(con, status="published") == []  # asked, not yet done
    tab.click(f"button:has-text('{confirm}')")
    tab.goto(f"{web[0]}/register/moderators{q}")
    tab.screenshot(path=str(tmp_path / f"moderators-{lang}.png"), full_page=True)
    tab.click("#m-ama button")
    context.close()
    with web[1].state.register.connect() as con:
        assert [s["id"] for s in list_submissions(con, status="published")] == [sid]
        assert ("ama", False) in list_moderators(con)
