"""Independent readings of the published CSV files, with Python's csv module only.

Tests compare the marts with these, so every figure is computed a second way,
not through the SQL under test.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

SYMBOLS = {"c", "x", "z", "u", "low", "k", ":"}
LONDON = {"E13000001", "E13000002"}
CAPS = {"cap_12": 12.0, "guarantee_15_12": 15.0, "target_18": 18.0, "cap_20": 20.0}
# Population uses the pre-2025 codes for Barnsley and Sheffield (PROVENANCE.md).
POPULATION_CODE = {"E08000038": "E08000016", "E08000039": "E08000019"}


def num(text: str | None) -> float | None:
    text = (text or "").strip()
    return None if text == "" or text in SYMBOLS else float(text)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@dataclass(frozen=True)
class Council:
    year: int
    code: str
    name: str
    region: str
    old_codes: tuple[str, ...]
    caseload: float | None
    cases: float | None
    fte: float | None


def councils(ees: Path, file: str = "csww_indicators_2017_to_2025.csv") -> list[Council]:
    out = []
    for r in rows(ees / file):
        if r["geographic_level"] != "Local authority":
            continue
        region = "E12000007" if r["region_code"] in LONDON else r["region_code"]
        out.append(Council(int(r["time_period"]), r["new_la_code"], r["la_name"], region,
                           tuple(c.strip() for c in r["old_la_code"].split("/")),
                           num(r["caseload_fte"]), num(r["cases"]), num(r["case_holders_fte"])))
    return out


def population(ees: Path) -> dict[tuple[int, str], float]:
    """Children aged 0 to 17 by (year, GSS code)."""
    return {(int(r["time_period"]), r["new_la_code"]): num(r["population_estimate"])
            for r in rows(ees / "ons_mid-year_population_estimates_2012_to_2024.csv")
            if r["geographic_level"] == "Local authority" and r["age_group"] == "Children aged 0 to 17 years"}


def children(council: Council, pop: dict[tuple[int, str], float]) -> float | None:
    """The council's children, from the latest estimate not after its year; joint returns summed."""
    year = min(council.year, max(y for y, _ in pop))
    members = [POPULATION_CODE.get(c.strip(), c.strip()) for c in council.code.split("/")]
    values = [pop.get((year, m)) for m in members]
    return None if any(v is None for v in values) else sum(values)


def national(ees: Path, year: int, column: str) -> float | None:
    for r in rows(ees / "csww_indicators_2017_to_2025.csv"):
        if r["geographic_level"] == "National" and int(r["time_period"]) == year:
            return num(r[column])
    return None
