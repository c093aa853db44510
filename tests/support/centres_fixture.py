"""A made-up country of two regions, loaded as the pipeline loads the real files.

mySociety's and the ONS's layouts are written as CSV bytes and parsed by the real reader
(pipeline.sources.readers), so the SQL under test sees the same text tables as in a run. Northshire's
point in the centres file is misplaced, as most county points are in the real file; Oldshire
is a former county with no district points, replaced by the unitary Newshire on the same area.
"""

from __future__ import annotations

import csv
import io

import duckdb

from pipeline.sources.readers import read_source
from pipeline.sources.registry import load_registry
from warehouse.build.raw import ensure_schema
from warehouse.config import PROJECT_ROOT

# authority, gss, name, type, county, end date, replaced by, population 2020, lat, long
AUTHORITIES = [
    ("NSH", "E10000901", "Northshire", "CTY", "", "", "", "500000", "52.0", "-1.0"),
    ("ATN", "E07000901", "Aton", "NMD", "NSH", "", "", "100000", "54.0", "-2.0"),
    ("BTN", "E07000902", "Bton", "NMD", "NSH", "", "", "300000", "54.2", "-1.6"),
    ("CTN", "E07000903", "Cton", "NMD", "NSH", "", "", "100000", "53.9", "-1.4"),
    ("DTN", "E07000904", "Dton", "NMD", "NSH", "2019-03-31", "CTN", "", "", ""),
    ("UTN", "E06000901", "Uton", "UA", "", "", "", "200000", "54.6", "-1.2"),
    ("OSH", "E10000902", "Oldshire", "CTY", "", "2023-04-01", "NEW", "400000", "51.0", "0.0"),
    ("OLA", "E07000905", "Olea", "NMD", "OSH", "2023-04-01", "NEW", "", "", ""),
    ("NEW", "E06000902", "Newshire", "UA", "", "", "", "400000", "53.6", "-2.4"),
    ("STN", "E06000903", "Sutton", "UA", "", "", "", "150000", "51.5", "-0.5"),
    ("TTN", "E06000904", "Tutton", "UA", "", "", "", "150000", "51.2", "-0.9"),
    ("VTN", "E06000905", "Vutton", "UA", "", "", "", "150000", "51.4", "0.2"),
]
# district, its upper-tier council (April 2023)
LOOKUP = [("E07000901", "E10000901"), ("E07000902", "E10000901"), ("E07000903", "E10000901"),
          ("E06000901", "E06000901"), ("E06000902", "E06000902"), ("E06000903", "E06000903"),
          ("E06000904", "E06000904"), ("E06000905", "E06000905")]
# la_code, name, region, type, last year, current, series, successors
COUNCILS = [
    ("E10000901", "Northshire", "R1", "County council", 2025, True, "E10000901", []),
    ("E06000901", "Uton", "R1", "Unitary authority", 2025, True, "E06000901", []),
    ("E10000902", "Oldshire", "R1", "County council", 2022, False, "E06000902", ["E06000902"]),
    ("E06000902", "Newshire", "R1", "Unitary authority", 2025, True, "E06000902", []),
    ("E06000903", "Sutton", "R2", "Unitary authority", 2025, True, "E06000903", []),
    ("E06000904", "Tutton", "R2", "Unitary authority", 2025, True, "E06000904", []),
    ("E06000905", "Vutton", "R2", "Unitary authority", 2025, True, "E06000905", []),
]
NAMES = {code: name for code, name, *_ in COUNCILS}


def _load(con: duckdb.DuckDBPyConnection, source_id: str, rows: list[dict[str, str]]) -> None:
    source = next(s for s in load_registry(PROJECT_ROOT / "data" / "sources.toml") if s.id == source_id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(source.columns), restval="")
    writer.writeheader()
    writer.writerows(rows)
    frame = read_source(source, out.getvalue().encode("utf-8"))
    con.register("incoming_frame", frame)
    con.execute(f"CREATE OR REPLACE TABLE {source.table} AS SELECT * FROM incoming_frame")
    con.unregister("incoming_frame")


def make_country() -> duckdb.DuckDBPyConnection:
    """An in-memory warehouse with the raw tables, marts.dim_la and staging.code_series."""
    con = duckdb.connect()
    ensure_schema(con)
    _load(con, "council_centres", [
        {"local-authority-code": a, "gss-code": g, "nice-name": n, "official-name": f"{n} Council",
         "local-authority-type": t, "county-la": c, "end-date": e, "replaced-by": r, "pop-2020": p,
         "lat": lat, "long": lon, "nation": "England", "current-authority": str(not e)}
        for a, g, n, t, c, e, r, p, lat, lon in AUTHORITIES])
    names = {g: n for _a, g, n, *_ in AUTHORITIES}
    _load(con, "district_lookup", [
        {"LTLA23CD": d, "LTLA23NM": names[d], "UTLA23CD": u, "UTLA23NM": names[u], "ObjectId": str(i)}
        for i, (d, u) in enumerate(LOOKUP, start=1)])
    _load(con, "neighbours_2025", [])
    con.execute("""CREATE TABLE marts.dim_la (la_code VARCHAR, la_name VARCHAR, old_la_code VARCHAR,
        region_code VARCHAR, region_name VARCHAR, london_subregion_code VARCHAR, la_type VARCHAR,
        first_year INTEGER, last_year INTEGER, is_current BOOLEAN, series_code VARCHAR,
        predecessor_codes VARCHAR[], successor_codes VARCHAR[], change_note VARCHAR,
        member_codes VARCHAR[], slug VARCHAR)""")
    for i, (code, name, region, kind, last, current, series, successors) in enumerate(COUNCILS):
        con.execute("INSERT INTO marts.dim_la VALUES "
                    "($1, $2, $3, $4, $4, NULL, $5, 2017, $6, $7, $8, [], $9, NULL, [$1], lower($2))",
                    [code, name, str(900 + i), region, kind, last, current, series, successors])
    con.execute("CREATE TABLE staging.code_series AS SELECT la_code AS code, series_code FROM marts.dim_la")
    return con
