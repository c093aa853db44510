"""Within 50 miles on tiny hand-made tables: every tied council is named, and a named council's
note comes with it."""

from __future__ import annotations

import duckdb
import pytest

from warehouse.build.raw import ensure_schema
from warehouse.build.steps import run_step

# code, name, caseload, lat, lon, note. B and C tie highest near A; D is lowest and flagged; E is far.
COUNCILS = [
    ("E0A", "Aton", 12.0, 52.00, -1.00, None),
    ("E0B", "Beeham", 15.0, 52.20, -1.00, None),
    ("E0C", "Ceeford", 15.0, 51.80, -1.00, None),
    ("E0D", "Deeport", 10.0, 52.00, -0.70, "Halved since 2024 (20.0 to 10.0): check with the council "
                                           "before quoting."),
    ("E0E", "Eeton", 30.0, 55.00, -3.00, None),
]


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    ensure_schema(con)
    con.execute("""CREATE TABLE marts.la_year (la_code VARCHAR, la_name VARCHAR, series_code VARCHAR,
        region_code VARCHAR, region_name VARCHAR, year INTEGER, caseload_fte DOUBLE, caseload_status VARCHAR,
        caseload_note VARCHAR)""")
    con.execute("CREATE TABLE marts.la_centres (la_code VARCHAR, lat DOUBLE, lon DOUBLE)")
    con.execute("CREATE TABLE staging.la_neighbours (neighbour_model VARCHAR, la_code VARCHAR, "
                "neighbour_la_code VARCHAR)")
    con.execute("CREATE TABLE marts.area_year (year INTEGER, area_code VARCHAR, caseload_fte DOUBLE, "
                "caseload_status VARCHAR)")
    con.execute("""CREATE TABLE staging.la_year_changes (la_code VARCHAR, year INTEGER,
        previous_caseload_fte DOUBLE, yoy_change DOUBLE, yoy_change_pct DOUBLE, flag_sustained_rise BOOLEAN,
        flag_large_change BOOLEAN)""")
    for code, name, load, lat, lon, note in COUNCILS:
        con.execute("INSERT INTO marts.la_year VALUES (?, ?, ?, 'R1', 'Region', 2025, ?, 'published', ?)",
                    [code, name, code, load, note])
        con.execute("INSERT INTO marts.la_centres VALUES (?, ?, ?)", [code, lat, lon])
        con.execute("INSERT INTO staging.la_year_changes VALUES (?, 2025, NULL, NULL, NULL, false, ?)",
                    [code, note is not None])
    run_step(con, "marts/la_year_position")
    return con


def _row(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    cur = con.execute("SELECT * FROM marts.la_year_position WHERE la_code = ?", [code])
    return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))


def test_every_tied_council_is_named_in_name_order(con) -> None:
    a = _row(con, "E0A")
    assert a["n_within_50_miles"] == 3  # B, C, D; E is about 200 miles away
    assert a["highest_within_50_miles_la_name"] == "Beeham; Ceeford"
    assert a["highest_within_50_miles_la_code"] == "E0B; E0C"
    assert a["highest_within_50_miles_caseload_fte"] == 15.0
    assert a["highest_within_50_miles_note"] is None
    assert a["lowest_within_50_miles_la_name"] == "Deeport"


def test_a_named_council_brings_its_note(con) -> None:
    a = _row(con, "E0A")
    assert a["lowest_within_50_miles_note"] == (
        "Deeport: halved since 2024 (20.0 to 10.0): check with the council before quoting."
    )
    d = _row(con, "E0D")
    assert d["caseload_note"].startswith("Halved since 2024") and d["flag_large_change"] is True
    assert d["lowest_within_50_miles_la_name"] == "Aton"  # its own note is not repeated for others
