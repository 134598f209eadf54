"""Parallel posts through one store: none lost, none duplicated."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import duckdb

from fairmilk.register.reader import read_submission
from fairmilk.register.submissions import list_submissions, save_submission

FORM = "Title of your submission*\nExperience {n}\nCountry(ies)/ Region(s) covered\nMali\n"


def test_parallel_writers_keep_every_post_once(con: duckdb.DuckDBPyConnection) -> None:
    def post(n: int) -> tuple[str, bool]:
        cur = con.cursor()
        try:
            record = read_submission(FORM.format(n=n % 20), source_name=f"{n}.txt")
            return save_submission(cur, record, via="web-form", nonce=f"nonce-{n % 20}")
        finally:
            cur.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(post, range(60)))
    stored = list_submissions(con)
    titles = sorted(str(s["title"]) for s in stored)
    assert titles == sorted(f"Experience {n}" for n in range(20))
    assert sum(created for _id, created in results) == 20
    # every post (first try or retry) got the id of the one row holding its content
    by_title = {s["title"]: s["id"] for s in stored}
    assert [sid for sid, _created in results] == [
        by_title[f"Experience {n % 20}"] for n in range(60)
    ]
