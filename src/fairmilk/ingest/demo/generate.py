"""Generate the SYNTHETIC Comext demo file (classic layout, annual, 2018-2023), reproducibly.

    python -m fairmilk.ingest.demo.generate

EU27 exporters to the 16 West African countries, a few dairy CN8 codes, with fat-filled
milk powder (FFMP) under 19019099 up to 2019 and under 19019095 from 2020 (the CN 2020
split). Magnitudes are plausible but INVENTED: a fixed-seed random generator draws them.
The gzip header carries no time stamp, so the bytes are the same on every run.
"""

from __future__ import annotations

import gzip
import io
import random
from pathlib import Path

from fairmilk.ingest.demo import DEMO_NAME

SEED = 20260101
YEARS = range(2018, 2024)
HEADER = (
    "DECLARANT,DECLARANT_ISO,PARTNER,PARTNER_ISO,TRADE_TYPE,PRODUCT_NC,PRODUCT_SITC,"
    "PRODUCT_CPA2002,PRODUCT_CPA2008,PRODUCT_CPA21,PRODUCT_BEC,PRODUCT_BEC5,PRODUCT_SECTION,"
    "FLOW,STAT_REGIME,SUPP_UNIT,PERIOD,VALUE_IN_EUROS,QUANTITY_IN_KG,SUP_QUANTITY"
)
# Exporter: (declarant number, weight of its dairy exports to West Africa).
REPORTERS = {
    "FR": ("001", 1.0),
    "NL": ("003", 1.2),
    "DE": ("004", 0.6),
    "IT": ("005", 0.1),
    "IE": ("007", 0.9),
    "DK": ("008", 0.3),
    "ES": ("011", 0.2),
    "BE": ("017", 0.7),
    "PL": ("060", 0.5),
}
# Partner: (geonomenclature number, relative market size).
PARTNERS = {
    "MR": ("0228", 0.5),
    "ML": ("0232", 0.7),
    "BF": ("0236", 0.5),
    "NE": ("0240", 0.3),
    "SN": ("0248", 1.0),
    "CV": ("0247", 0.1),
    "GM": ("0252", 0.1),
    "GW": ("0257", 0.05),
    "GN": ("0260", 0.4),
    "SL": ("0264", 0.1),
    "LR": ("0268", 0.1),
    "CI": ("0272", 0.9),
    "GH": ("0276", 0.8),
    "TG": ("0280", 0.3),
    "BJ": ("0284", 0.3),
    "NG": ("0288", 2.0),
}
# Product: (typical tonnes per unit weight, EUR per kg, first year, last year).
PRODUCTS = {
    "04012011": (300.0, 0.75, 2018, 2023),
    "04021019": (1500.0, 2.4, 2018, 2023),
    "04022118": (900.0, 3.3, 2018, 2023),
    "04059010": (150.0, 5.2, 2018, 2023),
    "04069099": (40.0, 4.8, 2018, 2023),
    "19019099": (2500.0, 2.1, 2018, 2023),  # FFMP up to 2019, residual line after
    "19019095": (4200.0, 2.2, 2020, 2023),  # the FFMP line from CN 2020
}


def _row(rng: random.Random, rep: str, par: str, code: str, year: int) -> str | None:
    tonnes, price, first, last = PRODUCTS[code]
    if not first <= year <= last or rng.random() < 0.35:
        return None
    if code == "19019099" and year >= 2020:
        tonnes *= 0.25  # most FFMP moved to 19019095
    kg = round(tonnes * 1000 * REPORTERS[rep][1] * PARTNERS[par][1] * rng.uniform(0.2, 1.8))
    value = round(kg * price * rng.uniform(0.85, 1.15) * (1.0 + 0.04 * (year - 2018)))
    quantity = "" if rng.random() < 0.003 else str(kg)
    cells = [
        REPORTERS[rep][0],
        rep,
        PARTNERS[par][0],
        par,
        "E",
        code,
        "",
        "",
        "",
        "",
        "",
        "",
        code[:2],
        "2",
        "1",
        "",
        f"{year}52",
        str(value),
        quantity,
        "",
    ]
    return ",".join(cells)


def rows() -> list[str]:
    """The data lines, in a fixed order."""
    rng = random.Random(SEED)  # noqa: S311 - reproducible synthetic data, not security
    out = []
    for year in YEARS:
        for rep in REPORTERS:
            for par in PARTNERS:
                for code in PRODUCTS:
                    line = _row(rng, rep, par, code, year)
                    if line is not None:
                        out.append(line)
    return out


def write(path: Path) -> int:
    """Write the gzipped demo file to ``path``; return the number of data lines."""
    data = "\n".join([HEADER, *rows()]) + "\n"
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as gz:
        gz.write(data.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return data.count("\n") - 1


def main() -> None:
    """Regenerate the demo file beside this module."""
    target = Path(__file__).with_name(DEMO_NAME)
    print(f"{target}: {write(target)} rows")


if __name__ == "__main__":
    main()
