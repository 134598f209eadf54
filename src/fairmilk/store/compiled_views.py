"""The SQL of the current views as Ibis compiles it, shipped with the package.

The current views are defined once, as Ibis expressions (``store/current.py``); the DuckDB
store keeps them as SQL views. Importing Ibis and compiling takes about half a second, so a
new store takes the statements from ``current_views.sql``, compiled from the same
definitions: the file starts with the digest of the schema files and ``current.py`` it was
compiled from, and is used only when that digest is today's. Otherwise (a definition
changed, the file not yet rewritten) the store compiles the views itself, as before.

A test checks that the file is what Ibis compiles today. To rewrite it:

    python scripts/compile_views.py
"""

from __future__ import annotations

from importlib import resources

FILE = "current_views.sql"
HEAD = "-- Compiled by Ibis from the definitions of digest "
NEXT = "\n-- next view\n"


def shipped(definitions: bytes) -> list[str] | None:
    """The shipped statements if they were compiled from ``definitions``, else None."""
    try:
        text = (resources.files("fairmilk.store") / FILE).read_text(encoding="utf-8")
    except OSError:
        return None
    first, _, body = text.partition("\n")
    if first != HEAD + definitions.hex():
        return None
    statements = [s.strip() for s in body.split(NEXT) if s.strip()]
    return statements or None


def render(definitions: bytes, statements: list[str]) -> str:
    """The file's text for ``statements`` compiled from ``definitions``."""
    return HEAD + definitions.hex() + "\n" + NEXT.join(s.strip() for s in statements) + "\n"
