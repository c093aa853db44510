"""The blocking check on council centres, the points every "within 50 miles" figure is measured from.

mySociety's file put most county councils' points far from the counties (Lancashire in
Northamptonshire, Leicestershire in the Peak District). The centres are now built from district
points (marts.la_centres, docs/method.md "Within 50 miles"); this check compares them with a
reference built another way, so a wrong point in a future file stops the release.
"""

from __future__ import annotations

import math

from warehouse.checks import Check
from warehouse.db import Connection
from warehouse.domain import EARTH_RADIUS_MILES

# Why 14: see centres_near_districts.
MAX_MILES_FROM_DISTRICTS = 14.0

# A centre built from a region's own points lies inside their convex hull exactly; this allows
# only for floating-point rounding on the hull's edge (a unitary council's point is a corner).
HULL_MARGIN_MILES = 0.5

# The reference: for each council code, the unweighted mean of the points of the districts the
# ONS April 2023 lookup (raw.district_lookup) puts in its series (so a recoded council or a
# county that became a unitary council on the same area finds its lookup code). A council the
# lookup no longer has (Cumbria, the old Dorset County, Bournemouth, Poole) takes the districts
# of its successors (marts.dim_la.successor_codes, from data/reference/council_changes.csv).
# Neither mySociety's county-la column, nor its county points, nor population weights are used.
REFERENCE_SQL = """
WITH points AS (
    SELECT "gss-code" AS code, cw_num(lat) AS lat, cw_num("long") AS lon FROM raw.council_centres
    WHERE cw_num(lat) IS NOT NULL AND cw_num("long") IS NOT NULL
),
districts AS (
    SELECT DISTINCT cs.series_code, l.LTLA23CD AS district_code, p.lat, p.lon
    FROM raw.district_lookup l
    JOIN staging.code_series cs ON cs.code = l.UTLA23CD
    JOIN points p ON p.code = l.LTLA23CD
    WHERE l.LTLA23CD LIKE 'E%'
),
own AS (
    SELECT d.la_code, x.district_code, x.lat, x.lon, 'its districts' AS basis
    FROM marts.dim_la d JOIN districts x ON x.series_code = d.series_code
),
successors AS (
    SELECT DISTINCT d.la_code, x.district_code, x.lat, x.lon, 'its successors'' districts' AS basis
    FROM marts.dim_la d
    CROSS JOIN unnest(d.successor_codes) AS s(code)
    JOIN marts.dim_la n ON n.la_code = s.code
    JOIN districts x ON x.series_code = n.series_code
    WHERE d.la_code NOT IN (SELECT la_code FROM own)
),
chosen AS (SELECT * FROM own UNION ALL SELECT * FROM successors)
SELECT la_code, avg(lat) AS lat, avg(lon) AS lon, any_value(basis) AS basis
FROM chosen GROUP BY la_code
"""

# Each region's district and unitary points, current and former, the region being the Department
# for Education's (marts.dim_la.region_code), not mySociety's (its file puts Derbyshire in the West
# Midlands). Current ones through the ONS lookup; districts abolished before April 2023 (North
# Yorkshire's, Cumbria's, Somerset's) in the region of the council that replaced them: without them
# a region whose big county became one unitary council keeps a single point for all that area.
# County points are never used.
REGION_POINTS_SQL = """
WITH file AS (
    SELECT "local-authority-code" AS authority, "gss-code" AS code, "local-authority-type" AS kind,
           "end-date" AS end_date, "replaced-by" AS replaced_by, cw_num(lat) AS lat, cw_num("long") AS lon
    FROM raw.council_centres
),
points AS (
    SELECT l.UTLA23CD AS council_code, f.lat, f.lon
    FROM raw.district_lookup l JOIN file f ON f.code = l.LTLA23CD
    UNION ALL
    SELECT n.code, f.lat, f.lon
    FROM file f
    CROSS JOIN unnest(string_split(f.replaced_by, ',')) AS r(authority)
    JOIN file n ON n.authority = trim(r.authority)
    WHERE f.end_date IS NOT NULL AND f.kind <> 'CTY'
)
SELECT DISTINCT d.region_code, p.lat, p.lon
FROM points p
JOIN staging.code_series cs ON cs.code = p.council_code
JOIN marts.dim_la d ON d.series_code = cs.series_code
WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL
"""


def miles(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance, the same haversine as marts.la_year_position."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def _plane(point: tuple[float, float], lat0: float) -> tuple[float, float]:
    """(x, y) in miles on a plane touching the Earth at latitude lat0: enough for a region."""
    scale = math.radians(EARTH_RADIUS_MILES)
    return point[1] * math.cos(math.radians(lat0)) * scale, point[0] * scale


def _cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The hull's corners, anticlockwise (Andrew's monotone chain)."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts
    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for p in pts:
        while len(lower) >= 2 and _cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and _cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _segment_distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def miles_outside_hull(point: tuple[float, float], hull: list[tuple[float, float]]) -> float:
    """0 inside the hull, else the distance to its edge (same plane units as the hull)."""
    n = len(hull)
    if n >= 3 and all(_cross(hull[i], hull[(i + 1) % n], point) >= 0 for i in range(n)):
        return 0.0
    if n == 1:
        return math.hypot(point[0] - hull[0][0], point[1] - hull[0][1])
    return min(_segment_distance(point, hull[i], hull[(i + 1) % n]) for i in range(n))


def centres_near_districts(con: Connection, centres: str = "marts.la_centres") -> Check:
    """Each council's centre is within 14 miles of its own districts' mean and inside its region.

    Why 14 miles, measured on mySociety's file (commit 67ef8b1) against REFERENCE_SQL: the built
    centres are at most 3.4 miles from it where the lookup lists the council's districts (Devon,
    whose people live in the south-east while the plain mean leans north-west), and 10.0 miles for
    the old Dorset County, whose reference must fall back on both its successors though
    Bournemouth, Christchurch and Poole took only Christchurch. The file's wrong county points
    are 18.0 (Worcestershire), 18.2 (Oxfordshire) up to 115.6 miles (Lancashire) from it; its
    imperfect but plausible ones at most 10.5 (Norfolk). 14 is midway between the largest honest
    disagreement (10.0) and the smallest error (18.0), 4 miles clear of each, and small beside
    the 50-mile radius. "Inside its region" catches a point in the wrong region even when its
    reference is wrong too.

    `centres` is a table or view with la_code, lat and lon (the tests pass the file's own points).
    A council with no centre (Bournemouth, Poole) has nothing to check.
    """
    reference = {code: ((lat, lon), basis) for code, lat, lon, basis in con.execute(REFERENCE_SQL).fetchall()}
    regions: dict[str, list[tuple[float, float]]] = {}
    for region, lat, lon in con.execute(REGION_POINTS_SQL).fetchall():
        regions.setdefault(region, []).append((lat, lon))
    placed = con.execute(f"""
        SELECT c.la_code, d.la_name, d.region_code, c.lat, c.lon
        FROM {centres} c JOIN marts.dim_la d USING (la_code)
        WHERE c.lat IS NOT NULL AND c.lon IS NOT NULL ORDER BY d.la_name, c.la_code""").fetchall()
    failures = []
    for code, name, region, lat, lon in placed:
        problems = []
        if code not in reference:
            problems.append("no district in the ONS lookup to compare with")
        else:
            (ref_point, basis) = reference[code]
            off = miles((lat, lon), ref_point)
            if off > MAX_MILES_FROM_DISTRICTS:
                problems.append(f"{off:.1f} miles from the mean of {basis}")
        points = regions.get(region, [])
        if not points:
            problems.append(f"no district points for its region {region}")
        else:
            lat0 = sum(p[0] for p in points) / len(points)
            hull = convex_hull([_plane(p, lat0) for p in points])
            outside = miles_outside_hull(_plane((lat, lon), lat0), hull)
            if outside > HULL_MARGIN_MILES:
                problems.append(f"{outside:.1f} miles outside its region's district points")
        if problems:
            failures.append((name, code, " and ".join(problems)))
    if failures:
        named = "; ".join(f"{name} ({code}): {why}" for name, code, why in failures)
        return Check(False, f"{len(failures)} council centres far from their districts or outside "
                            f"their region: {named}", failures)
    return Check(True, f"all {len(placed)} council centres are within {MAX_MILES_FROM_DISTRICTS:g} miles "
                       "of their districts and inside their region")


CENTRES_CHECKS = {"la_centres": {"centres_near_districts": centres_near_districts}}
