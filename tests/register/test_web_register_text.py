"""Every text of the register pages exists in English and French."""

from __future__ import annotations

import re
from pathlib import Path

from fairmilk import web
from fairmilk.register.observations import PRODUCTS
from fairmilk.web.register.text import PRODUCT_NAMES, TEXT

TEMPLATES = Path(web.__file__).parent / "templates" / "register"


def test_texts_are_bilingual() -> None:
    missing = [k for k, (en, fr) in TEXT.items() if not en.strip() or not fr.strip()]
    assert missing == []
    assert set(PRODUCT_NAMES) == set(PRODUCTS)


def test_templates_use_only_declared_texts() -> None:
    used: set[str] = set()
    for page in TEMPLATES.glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_]+)["']\)""", page.read_text(encoding="utf-8")))
    assert used
    assert used - set(TEXT) == set()
