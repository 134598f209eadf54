"""Import a filled form from bytes: check size and content type, extract text, parse it."""

from __future__ import annotations

from pathlib import Path

from fairmilk.errors import InputError
from fairmilk.register.answers import MAX_SHORT, MAX_TEXT, SHORT
from fairmilk.register.cfs2019 import CFS_2019
from fairmilk.register.docx_text import docx_text
from fairmilk.register.form import Form
from fairmilk.register.lines import clean_text
from fairmilk.register.parse import locate
from fairmilk.register.pdf_text import pdf_text
from fairmilk.register.reader import read_submission
from fairmilk.register.record import Submission
from fairmilk.text import msg

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # the whole form: 62 answers of 20,000 characters fit in 1.3 M
MAX_LINES = 20_000  # the printed 2019 form has about 250 lines, a long PDF a few thousand
FORMATS = ("txt", "docx", "pdf")


def sniff(data: bytes, *, name: str) -> str:
    """The format told by the content (not the file name): txt, docx or pdf."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if b"\x00" in data[:4096]:
        raise InputError(
            msg("binary content that is neither .docx nor .pdf"),
            file=name,
            expected=msg("a .txt, .docx or .pdf form"),
        )
    return "txt"


def _decode(data: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    neither = msg("text that is neither UTF-8 nor Windows-1252")
    raise InputError(neither, file=name)  # pragma: no cover


def extract(data: bytes, *, name: str) -> tuple[str, str]:
    """The text of a filled form and its format, after the size and type checks."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(
            msg("file of {size} bytes is too large", size=len(data)),
            file=name,
            expected=msg("at most {limit} bytes", limit=MAX_UPLOAD_BYTES),
        )
    if not data.strip():
        raise InputError(msg("the file is empty"), file=name, expected=msg("a filled form"))
    fmt = sniff(data, name=name)
    if fmt == "pdf":
        return pdf_text(data, name=name), fmt
    if fmt == "docx":
        return docx_text(data, name=name), fmt
    return _decode(data, name), fmt


def check_text_size(text: str, *, name: str) -> None:
    """Refuse extracted text too long or of too many lines to be a filled form."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            msg("the text of the form has {count} characters", count=len(text)),
            file=name,
            expected=msg("at most {limit} characters", limit=MAX_TEXT_CHARS),
        )
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise InputError(
            msg("the text of the form has {count} lines", count=lines),
            file=name,
            expected=msg("at most {limit} lines", limit=MAX_LINES),
        )


def check_answer_sizes(record: Submission, *, name: str) -> None:
    """The limits of the web form hold for imports too: InputError naming the field."""
    for key, value in record.values.items():
        texts = value if isinstance(value, list) else [value]
        limit = MAX_SHORT if key in SHORT else MAX_TEXT
        longest = max((len(t) for t in texts if isinstance(t, str)), default=0)
        if longest > limit:
            raise InputError(
                msg("an answer of {count} characters", count=longest),
                file=name,
                column=key,
                expected=msg("at most {limit} characters", limit=limit),
            )


BLANK_FORM = "/register/blank.txt"
MIN_PROMPT_SHARE = 0.5  # of the printed prompts found: less is another document


def check_is_the_form(text: str, *, name: str, form: Form = CFS_2019) -> None:
    """InputError when too few of the form's printed prompts are in ``text`` (another
    document, or a form typed from memory): the message points to the blank form."""
    found, _warnings = locate(form, clean_text(text).split("\n"))
    total = sum(1 for section in form.sections for item in section.items if item.anchor)
    if len(found) < MIN_PROMPT_SHARE * total:
        raise InputError(
            msg("this is not the {year} form: only {found} of its {total} printed questions "
                "were found", year=form.year, found=len(found), total=total),
            file=name,
            expected=msg("the form filled in (blank form: {blank}, or "
                         "'fairmilk register blank-form')", blank=BLANK_FORM),
        )  # fmt: skip


def import_bytes(data: bytes, *, name: str) -> Submission:
    """Parse a filled form given as bytes (.txt, .docx or .pdf, told by content)."""
    text, fmt = extract(data, name=name)
    check_text_size(text, name=name)
    check_is_the_form(text, name=name)
    record = read_submission(text, source_name=name, source_format=fmt)
    check_answer_sizes(record, name=name)
    return record


def import_file(path: Path) -> Submission:
    """Parse a filled form file; InputError names the file if it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(msg("cannot read: {why}", why=exc.strerror), file=str(path)) from exc
    return import_bytes(data, name=path.name)
