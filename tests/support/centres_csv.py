"""Council centres computed from mySociety's CSV with the csv module, by the rule docs/method.md states.

The tests compare marts.la_centres and the 50-mile figures with these, so the centres are
computed a second way, not through the SQL under test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from tests.support.published_csv import rows

EARTH_RADIUS_MILES = 3958.8
# The county councils whose point in mySociety's file is far from the county (PROVENANCE.md).
MISPLACED = {"E10000008": "Devon", "E10000009": "Dorset", "E10000013": "Gloucestershire",
             "E10000015": "Hertfordshire", "E10000016": "Kent", "E10000017": "Lancashire",
             "E10000018": "Leicestershire", "E10000025": "Oxfordshire", "E10000029": "Suffolk",
             "E10000031": "Warwickshire", "E10000034": "Worcestershire"}


@dataclass(frozen=True)
class Centre:
    lat: float
    lon: float
    weight: float  # the 2020 population behind the point, to combine it with others


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def _combine(parts: list[Centre]) -> Centre:
    total = sum(p.weight for p in parts)
    lat = sum(p.lat * p.weight for p in parts) / total
    return Centre(lat, sum(p.lon * p.weight for p in parts) / total, total)


def _point(r: dict[str, str]) -> Centre | None:
    if not (r["lat"] and r["long"]):
        return None
    return Centre(float(r["lat"]), float(r["long"]), float(r["pop-2020"]))


def code_centres(maps_file: Path) -> dict[str, Centre]:
    """GSS code -> centre: a county's districts (or successors), population-weighted; else its own point."""
    table = rows(maps_file)
    by_authority = {r["local-authority-code"]: r for r in table}
    out: dict[str, Centre] = {}
    for r in table:
        if not r["gss-code"]:
            continue
        if r["local-authority-type"] == "CTY":
            parts = [p for d in table if d["county-la"] == r["local-authority-code"] if (p := _point(d))]
            if not parts:
                successors = [by_authority[a.strip()] for a in r["replaced-by"].split(",") if a.strip()]
                parts = [p for s in successors if s["local-authority-type"] != "CTY" if (p := _point(s))]
        else:
            parts = [p for p in [_point(r)] if p]
        if parts:
            out[r["gss-code"]] = _combine(parts)
    return out


def file_points(maps_file: Path) -> dict[str, tuple[float, float]]:
    """GSS code -> the lat/long exactly as the file gives it (county points included)."""
    return {r["gss-code"]: (float(r["lat"]), float(r["long"])) for r in rows(maps_file)
            if r["gss-code"] and r["lat"] and r["long"]}


def council_centre(code: str, centres: dict[str, Centre], changes_file: Path) -> Centre | None:
    """A council as the workforce file codes it: a joint return combines its members; a code the
    centres file lacks takes an earlier code of the same council (data/reference/council_changes.csv,
    a recode or the same area)."""
    members = [m.strip() for m in code.split("/")]
    if all(m in centres for m in members):
        return _combine([centres[m] for m in members])
    for change in rows(changes_file):
        if change["to_code"] == code and change["kind"] in ("recode", "same_area"):
            return council_centre(change["from_code"], centres, changes_file)
    return None
