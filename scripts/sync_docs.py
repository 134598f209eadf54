"""Copy the documentation pages the web app shows into the package (src/fairmilk/web/docs).

The site renders docs/methodology, docs/indicators and docs/site (English and French); an
installed fairmilk must not read files outside its package, so the pages travel with it.
tests/web/test_web_docs.py fails when the copy differs from docs/.

Run: .venv/bin/python scripts/sync_docs.py   (or: make docs)
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).parents[1]
FOLDERS = ("methodology", "indicators", "site")
TARGET = ROOT / "src" / "fairmilk" / "web" / "docs"


def main() -> None:
    """Replace the packaged copy by the pages of docs/ (Markdown files only)."""
    for folder in FOLDERS:
        out = TARGET / folder
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        for page in sorted((ROOT / "docs" / folder).glob("*.md")):
            shutil.copyfile(page, out / page.name)
            print(out / page.name)


if __name__ == "__main__":
    main()
