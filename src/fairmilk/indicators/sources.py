"""The sources behind an indicator: the loaded files and reference rows its rows came from."""

from __future__ import annotations

from typing import Any

import ibis

from fairmilk.text import Msg, join, msg


def _describe_file(rec: dict[str, Any]) -> Msg:
    parts: list[str] = [msg("vintage {vintage}", vintage=rec["vintage"])]
    parts += [str(rec[k]) for k in ("producer", "url") if rec.get(k)]
    if rec.get("licence"):
        parts.append(f"licence {rec['licence']}")  # the same word in French
    if rec.get("synthetic"):
        parts.append(msg("SYNTHETIC"))
    return msg(
        "{source}: {file} ({details})",
        source=rec["source"], file=rec["file_name"], details=join(parts, ", "),
    )  # fmt: skip


def file_sources(db: ibis.BaseBackend, rows: ibis.Table) -> tuple[list[str], bool]:
    """Describe each source file behind the rows; True when any of them is synthetic."""
    f = db.table("source_files")
    used = rows.select("file_id").distinct()
    files = f.semi_join(used, "file_id").order_by(["source", "file_name", "vintage"])
    records = files.to_pyarrow().to_pylist()
    return [_describe_file(r) for r in records], any(bool(r["synthetic"]) for r in records)


def factor_sources(rows: ibis.Table) -> list[str]:
    """The milk-equivalent factor source of each category used, one line per category."""
    used = rows.filter(rows.me_factor.notnull()).select("category", "me_factor", "me_source_url")
    records = used.distinct().order_by("category").to_pyarrow().to_pylist()
    return [factor_line(r["category"], r["me_factor"], r["me_source_url"]) for r in records]


def factor_line(category: str, factor: float, url: str | None) -> Msg:
    """One milk-equivalent factor and where it comes from, translatable."""
    return msg(
        "Milk-equivalent factor {category} = {factor:g} kg milk/kg: {url}",
        category=category,
        factor=factor,
        url=url or msg("source not recorded"),
    )


def fx_sources(rows: ibis.Table) -> list[str]:
    """The EUR per USD rates used to convert US-dollar values, one line per dataset."""
    used = rows.filter(rows.value_usd.notnull() & rows.fx_dataset.notnull())
    used = used.group_by(["fx_dataset", "fx_url"]).aggregate(
        first=used.year.min(), last=used.year.max()
    )
    records = used.order_by("fx_dataset").to_pyarrow().to_pylist()
    return [
        msg(
            "EUR per USD rate ({first}-{last}), {dataset}: {url}",
            first=r["first"],
            last=r["last"],
            dataset=r["fx_dataset"],
            url=r["fx_url"],
        )
        for r in records
    ]
