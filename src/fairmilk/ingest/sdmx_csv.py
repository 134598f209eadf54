"""Read Comext SDMX-CSV answers (DS-045409) and write them as one trade file.

An answer has one observation per line: ``DATAFLOW, LAST UPDATE, freq, reporter,
partner, product, flow, indicators, TIME_PERIOD, OBS_VALUE`` and, where published,
``OBS_FLAG`` and ``CONF_STATUS``. The two indicators of one key (value in euros,
quantity in 100 kg) become one row of the ``comext-api`` layout, quantity in kg. Sources
of the shape are cited in docs/ingest.md.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from fairmilk.errors import FetchError

REQUIRED = (
    "DATAFLOW",
    "freq",
    "reporter",
    "partner",
    "product",
    "flow",
    "indicators",
    "TIME_PERIOD",
    "OBS_VALUE",
)
OUTPUT_COLUMNS = (
    "DATAFLOW",
    "RELEASE",
    "REPORTER",
    "PARTNER",
    "PRODUCT_NC",
    "FLOW",
    "PERIOD",
    "STAT_PROCEDURE",
    "VALUE_EUR",
    "QUANTITY_KG",
    "SUPPL_UNIT",
    "QUANTITY_SUPPL_UNIT",
    "VALUE_FLAG",
    "QUANTITY_FLAG",
)
_ANNUAL = re.compile(r"[0-9]{4}")
_MONTHLY = re.compile(r"([0-9]{4})-([0-9]{2})")

Key = tuple[str, str, str, str, str]  # reporter, partner, product, flow, period


@dataclass(slots=True)
class Observations:
    """Values and quantities by key, with flags, the release stamp and what was dropped."""

    value: dict[Key, float] = field(default_factory=dict)
    kg: dict[Key, float] = field(default_factory=dict)
    flags: dict[tuple[Key, str], str] = field(default_factory=dict)
    releases: set[str] = field(default_factory=set)
    dataflows: set[str] = field(default_factory=set)


def _period(text: str, freq: str, where: str) -> str:
    """Comext period: YYYY52 for a year, YYYYMM for a month."""
    text = text.strip()
    if freq == "A" and _ANNUAL.fullmatch(text):
        return text + "52"
    month = _MONTHLY.fullmatch(text)
    if freq == "M" and month and 1 <= int(month.group(2)) <= 12:
        return month.group(1) + month.group(2)
    expected = "YYYY" if freq == "A" else "YYYY-MM"
    raise FetchError(f"{where} (column TIME_PERIOD): expected {expected}, found {text!r}")


def _number(text: str, where: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise FetchError(f"{where} (column OBS_VALUE): expected a number >= 0, found {text!r}")
    return number


@dataclass(frozen=True, slots=True)
class Read:
    """What one answer held: how many observations, and its release stamps."""

    observations: int
    releases: frozenset[str]


def read_answer(text: str, into: Observations, *, shown: str) -> Read:
    """Add the observations of one SDMX-CSV answer to ``into``; say what it held."""
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Read(0, frozenset())
    if text.lstrip().startswith("<"):
        raise FetchError(
            f"{shown}: the answer is XML, not SDMX-CSV (an error or an asynchronous "
            f"delivery notice): {text.strip()[:300]!r}"
        )
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise FetchError(
            f"{shown}:1: the answer is not Comext SDMX-CSV; missing column(s) "
            f"{', '.join(missing)}; expected {', '.join(REQUIRED)}, found {', '.join(header)}"
        )
    count = 0
    releases: set[str] = set()
    for line, row in enumerate(reader, start=2):
        _add(row, into, f"{shown}:{line}")
        releases.add((row.get("LAST UPDATE") or "").strip())
        count += 1
    releases.discard("")
    into.releases |= releases
    return Read(count, frozenset(releases))


def _add(row: dict[str, str], into: Observations, where: str) -> None:
    if None in row or any(v is None for v in row.values()):
        raise FetchError(f"{where}: wrong number of fields")
    freq = row["freq"].strip()
    key: Key = (
        row["reporter"].strip(),
        row["partner"].strip(),
        row["product"].strip(),
        row["flow"].strip(),
        _period(row["TIME_PERIOD"], freq, where),
    )
    indicator = row["indicators"].strip()
    number = _number(row["OBS_VALUE"], where)
    flag = "+".join(
        v.strip() for v in (row.get("OBS_FLAG") or "", row.get("CONF_STATUS") or "") if v.strip()
    )
    if indicator == "VALUE_IN_EUROS":
        target, scale = into.value, 1.0
    elif indicator == "QUANTITY_IN_100KG":
        target, scale = into.kg, 100.0
    else:
        raise FetchError(
            f"{where} (column indicators): expected VALUE_IN_EUROS or QUANTITY_IN_100KG, "
            f"found {indicator!r}"
        )
    if key in target:
        raise FetchError(f"{where}: a second {indicator} for {'/'.join(key)}")
    if number is not None:
        target[key] = number * scale
    if flag:
        into.flags[(key, indicator)] = flag
    into.dataflows.add(row["DATAFLOW"].strip())


@dataclass(frozen=True, slots=True)
class Written:
    """A converted file: rows written, and keys left out because no value was published."""

    path: Path
    rows: int
    without_value: list[Key]


def write_trade_file(obs: Observations, out: Path) -> Written:
    """Write the observations as a ``comext-api`` layout CSV (sorted by key)."""
    release = ";".join(sorted(obs.releases))
    dataflow = ";".join(sorted(obs.dataflows))
    keys = sorted(set(obs.value) | set(obs.kg) | {k for k, _ in obs.flags})
    missing = [k for k in keys if k not in obs.value]
    partial = out.with_name(out.name + ".part")
    with partial.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(OUTPUT_COLUMNS)
        writer.writerows(_rows(obs, [k for k in keys if k in obs.value], dataflow, release))
    partial.replace(out)
    return Written(out, len(keys) - len(missing), missing)


def _rows(
    obs: Observations, keys: Iterable[Key], dataflow: str, release: str
) -> Iterable[list[str]]:
    for key in keys:
        reporter, partner, product, flow, period = key
        kg = obs.kg.get(key)
        yield [
            dataflow,
            release,
            reporter,
            partner,
            product,
            flow,
            period,
            "",
            _text(obs.value[key]),
            "" if kg is None else _text(kg),
            "",
            "",
            obs.flags.get((key, "VALUE_IN_EUROS"), ""),
            obs.flags.get((key, "QUANTITY_IN_100KG"), ""),
        ]


def _text(number: float) -> str:
    return repr(round(number, 6)) if number != int(number) else str(int(number))
