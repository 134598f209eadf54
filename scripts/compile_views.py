"""Rewrite the package's compiled SQL of the current views (src/fairmilk/store/current_views.sql).

Run after changing a schema file or src/fairmilk/store/current.py:

    python scripts/compile_views.py

tests/store/test_current_views.py fails until the file is rewritten.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import duckdb

from fairmilk.store import db
from fairmilk.store.compiled_views import FILE, render


def main() -> None:
    """Compile the views of an empty in-memory store and write them to the package's file."""
    con = duckdb.connect()
    for _name, sql in db.schema_files():
        con.execute(sql)
    target = Path(str(resources.files("fairmilk.store") / FILE))
    target.write_text(render(db.definitions(), db.compile_views(con)), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
