"""French throughout the register: warnings stored as codes and shown in the reader's language,
form, upload, password and rate-limit errors in French, old stored warnings shown as stored."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from fairmilk.cli import main
from fairmilk.cli.register import app as register_app
from fairmilk.errors import InputError
from fairmilk.outputs.error_text import error_text
from fairmilk.outputs.i18n import localise
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.importer import MAX_UPLOAD_BYTES
from fairmilk.register.moderators import check_new_password, create_moderator
from fairmilk.register.reader import read_submission
from fairmilk.register.record import ParseWarning, Submission
from fairmilk.register.store import Register
from fairmilk.register.submissions import get_submission, save_submission
from fairmilk.register.warning_text import WARNINGS, warning_msg
from fairmilk.register.withhold import withhold

Web = tuple[str, FastAPI]
OXFAM = Path(__file__).parent / "fixtures" / "oxfam-local-and-fair-milk-2019.txt"
ENGLISH_WARNING = "is not ticked, but"
FRENCH_WARNING = "n’est pas cochée, mais"


def _tokens(page: str) -> dict[str, str]:
    return dict(re.findall(r'name="(draft_token|nonce)" value="([^"]+)"', page))


def test_warnings_are_stored_as_codes_with_parameters(
    stored: tuple[Register, str],
) -> None:
    con, sid = stored
    (raw,) = con.execute(
        "SELECT record_json FROM register_submissions WHERE id = ?", [sid]
    ).fetchone()  # type: ignore[misc]
    warnings = json.loads(raw)["warnings"]
    assert warnings
    assert all(w["code"] in WARNINGS for w in warnings)
    first = warnings[0]
    assert first["code"] == "explained_unticked"
    assert first["params"] == {"box": "set_1", "answer": "set_1_purpose"}  # ids, no language
    assert ENGLISH_WARNING in first["message"]  # the English text is kept for old readers


def test_a_stored_warning_reads_in_french_with_french_labels(
    stored: tuple[Register, str],
) -> None:
    con, sid = stored
    data = get_submission(con, sid, public=False)
    assert data is not None
    first = data["record"]["warnings"][0]
    french = localise(warning_msg(first, CFS_2019, "fr"), "fr")
    assert french.startswith("la case « Ensemble 1 : Investir dans l'agriculture paysanne")
    assert FRENCH_WARNING in french
    assert str(localise(warning_msg(first, CFS_2019, "en"), "en")) == first["message"]


def test_an_old_warning_without_code_is_shown_as_stored() -> None:
    old = {"field": "title", "kind": "missing", "message": "'Title' is required"}
    assert warning_msg(old, CFS_2019, "fr") == "'Title' is required"


def test_every_parse_warning_has_a_code() -> None:
    text = "Title of the experience: x\n(ii) Is it an individual or a collective experience?\n"
    record = read_submission(text + "☒ Both\n☒ Collective\n", source_name="s.txt")
    assert record.warnings
    assert all(w.code in WARNINGS for w in record.warnings), record.warnings
    french = [localise(warning_msg(_as_dict(w), CFS_2019, "fr"), "fr") for w in record.warnings]
    assert not [t for t in french if t == "" or " not found" in t or "required" in t]


def _as_dict(warning: ParseWarning) -> dict[str, object]:
    return {"field": warning.field, "kind": warning.kind, "message": warning.message,
            "code": warning.code, "params": warning.params}  # fmt: skip


def test_quoted_contact_details_are_held_back_from_warning_parameters() -> None:
    warning = ParseWarning("coverage", "invalid", "no email address in 'call +221 77 123 45 67'",
                           "no_email", {"text": "call +221 77 123 45 67"})  # fmt: skip
    sub = Submission("cfs-2019", 2019, "s.txt", "txt", {"coverage": "x"}, warnings=[warning])
    shown, _held = withhold(sub)
    assert "123 45" not in json.dumps(shown.to_dict(), ensure_ascii=False)


def test_password_errors_in_french_name_the_field() -> None:
    with pytest.raises(InputError) as caught:
        check_new_password("short", "ama")
    french = error_text(caught.value, "fr")
    assert french.startswith("mot de passe trop court ou trop simple (champ password)")
    assert "au moins 10 caractères" in french
    assert error_text(caught.value, "en") == str(caught.value)  # English as raised


def test_french_form_errors(browser_client: httpx.Client) -> None:
    tokens = _tokens(browser_client.get("/register/form?lang=fr").text)
    data = {**tokens, "title": "Seulement un titre", "contact_email": "non", "action": "submit"}
    bad = browser_client.post("/register/form?lang=fr", data=data)
    assert bad.status_code == 422
    assert "Cette réponse est obligatoire." in bad.text
    assert "Saisissez une adresse électronique" in bad.text
    assert "This answer is required." not in bad.text


def test_french_upload_errors_name_the_file(browser_client: httpx.Client) -> None:
    tokens = _tokens(browser_client.get("/register/upload?lang=fr").text)
    other = {"file": ("lettre.txt", b"Dear friends,\nhere is our news.\n", "text/plain")}
    refused = browser_client.post("/register/upload?lang=fr", data=tokens, files=other)
    assert refused.status_code == 422
    assert "lettre.txt: ce n’est pas le formulaire de 2019 : seules 0 de ses 62" in refused.text
    assert "attendu : le formulaire rempli (formulaire vierge" in refused.text
    big = b"x" * (MAX_UPLOAD_BYTES + 10)  # over the file limit, under the request limit
    files = {"file": ("gros.txt", big, "text/plain")}
    large = browser_client.post("/register/upload?lang=fr", data=tokens, files=files)
    assert large.status_code == 422
    assert f"gros.txt: le fichier de {len(big)} octets est trop volumineux" in large.text
    assert "is too large" not in large.text


def test_french_observation_error_names_the_field(browser_client: httpx.Client) -> None:
    page = browser_client.get("/register/observe?lang=fr").text
    data = {**_tokens(page), "date": "2024-03-02", "country": "SN", "place": "Dakar",
            "product": "ffmp", "package_size": "400", "package_unit": "g", "price": "gratuit",
            "currency": "XOF"}  # fmt: skip
    bad = browser_client.post("/register/observe?lang=fr", data=data)
    assert bad.status_code == 422
    assert "form: valeur non valide (champ Prix" in bad.text
    assert "attendu : un nombre positif, reçu « gratuit »" in bad.text


def test_french_rate_limit(browser_client: httpx.Client, web: Web) -> None:
    web[1].state.register_post_limit = 0
    tokens = _tokens(browser_client.get("/register/upload?lang=fr").text)
    files = {"file": ("f.txt", b"text", "text/plain")}
    limited = browser_client.post("/register/upload?lang=fr", data=tokens, files=files)
    assert limited.status_code == 429
    assert "Trop de contributions depuis votre adresse" in limited.text


def test_moderator_sees_french_warnings(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    with web[1].state.register.connect() as con:
        create_moderator(con, "ama", "a long secret 42", actor="test")
        sid, _ = save_submission(con, read_submission(oxfam_text, source_name="o.txt"), via="cli")
    login = {"username": "ama", "password": "a long secret 42"}
    assert browser_client.post("/register/login?lang=fr", data=login).status_code == 303
    page = browser_client.get(f"/register/moderate/s/{sid}?lang=fr").text
    assert FRENCH_WARNING in page
    assert "(Case ambiguë)" in page
    assert "en attente ·" in page  # the status, in French
    assert re.search(r"en attente · \d{4}-\d\d-\d\d \d\d:\d\d</p>", page)  # to the minute
    assert ENGLISH_WARNING not in page
    english = browser_client.get(f"/register/moderate/s/{sid}").text
    assert ENGLISH_WARNING in english
    assert FRENCH_WARNING not in english
    queue = browser_client.get("/register/moderate?lang=fr").text
    assert "<td>connexion</td><td>modérateur</td>" in queue  # the audit trail, in French
    times = re.findall(r"<tr><td>([^<]*)</td><td>ama</td>", queue)
    assert times
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", t) for t in times), times


def test_unknown_submission_error_page_in_french(browser_client: httpx.Client) -> None:
    page = browser_client.get("/register/thanks/nope?lang=fr")
    assert page.status_code == 422
    assert "contribution inconnue (champ id), reçu « nope »" in page.text


def test_command_line_speaks_french_with_fairmilk_lang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("FAIRMILK_LANG", "fr")
    letter = tmp_path / "lettre.txt"
    letter.write_text("Chers amis,\nvoici nos nouvelles.\n", encoding="utf-8")
    monkeypatch.setattr("sys.argv", ["fairmilk", "register", "import", str(letter)])
    with pytest.raises(SystemExit) as stopped:
        main()
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("Erreur : lettre.txt: ce n’est pas le formulaire de 2019")
    main_ok = CliRunner().invoke(register_app, ["import", str(OXFAM)])
    assert main_ok.exit_code == 0
    assert "avertissement : set_1 : Case ambiguë : la case « Ensemble 1" in main_ok.stderr
    monkeypatch.setenv("FAIRMILK_LANG", "en")
    english = CliRunner().invoke(register_app, ["import", str(OXFAM)])
    assert "warning: set_1: Ambiguous box: box 'Set 1" in english.stderr


def test_search_filter_error_in_french(browser_client: httpx.Client) -> None:
    page = browser_client.get("/register/search?set=9&lang=fr")
    assert page.status_code == 422
    assert "ensemble inconnu (champ set) ; attendu : 1, 2 ou 3, reçu « 9 »" in page.text


def test_withheld_contact_mark_and_not_found_page_in_french(
    browser_client: httpx.Client, web: Web, oxfam_text: str
) -> None:
    from fairmilk.register.submissions import set_status

    record = read_submission(oxfam_text, source_name="o.txt")
    record.values["lessons_learned"] = "Call us: +221 77 123 45 67"
    with web[1].state.register.connect() as con:
        sid, _ = save_submission(con, record, via="cli")
        set_status(con, sid, "published", actor="test")
    french = browser_client.get(f"/register/s/{sid}?lang=fr").text
    assert "[coordonnées retenues]" in french
    assert "[contact withheld]" not in french
    assert "+221" not in french
    assert "[contact withheld]" in browser_client.get(f"/register/s/{sid}").text
    missing = browser_client.get("/no/such/page?lang=fr")
    assert missing.status_code == 404
    assert "Page introuvable" in missing.text


@pytest.mark.parametrize(
    ("value", "text"),
    [(datetime(2026, 12, 5, 16, 35, 16, 432315), "2026-12-05 16:35"),
     ("2026-12-05T16:35:16.432315+00:00", "2026-12-05 16:35"),
     ("2026-12-05 16:35:16", "2026-12-05 16:35"), (None, "")],
)  # fmt: skip
def test_stored_times_shown_to_the_minute(value: object, text: str) -> None:
    from fairmilk.web.render import to_the_minute

    assert to_the_minute(value) == text
