"""Council centres and the 50-mile comparison on the real files, recomputed with the csv module."""

from __future__ import annotations

import statistics
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

from tests.support.centres_csv import MISPLACED, code_centres, council_centre, file_points, miles
from tests.support.published_csv import councils
from warehouse.config import PROJECT_ROOT

pytestmark = pytest.mark.shared_data

CHANGES = PROJECT_ROOT / "data" / "reference" / "council_changes.csv"
def _table(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict]:
    cur = con.execute(sql)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _codes(named: str | None) -> set[str]:
    """The council code(s) a highest/lowest column names: every tied one, joined by '; '."""
    return set() if named is None else {c.strip() for c in named.split(";")}


@pytest.fixture(scope="module")
def maps_file(shared_data_dir: Path) -> Path:
    return shared_data_dir / "maps" / "uk_local_authorities.csv"


def test_published_centres_follow_the_documented_rule(published, maps_file) -> None:
    centres = code_centres(maps_file)
    published_rows = {r["la_code"]: r for r in _table(published, "SELECT * FROM marts.la_centres")}
    codes = {c for (c,) in published.execute("SELECT la_code FROM marts.dim_la").fetchall()}
    assert set(published_rows) == codes
    for code, row in published_rows.items():
        expected = council_centre(code, centres, CHANGES)
        if expected is None:
            assert row["lat"] is None and row["lon"] is None, code
            assert row["centre_source"], code
            continue
        assert row["lat"] == pytest.approx(expected.lat, abs=1e-9), code
        assert row["lon"] == pytest.approx(expected.lon, abs=1e-9), code
        assert row["centre_source"], code
    file_point = file_points(maps_file)
    lancashire = published_rows["E10000017"]
    assert (lancashire["file_lat"], lancashire["file_lon"]) == file_point["E10000017"]
    assert lancashire["miles_from_file_point"] == pytest.approx(
        miles(file_point["E10000017"], (lancashire["lat"], lancashire["lon"])))
    assert "12 districts" in lancashire["centre_source"] and "Preston" in lancashire["centre_source"]
    assert "replaced it" in published_rows["E10000021"]["centre_source"]  # Northamptonshire
    assert {c for c, r in published_rows.items() if (r["miles_from_file_point"] or 0) > 14} == set(MISPLACED)


def test_within_50_miles_every_year(published, shared_data_dir, maps_file) -> None:
    centres = code_centres(maps_file)
    actual = {(r["la_code"], r["year"]): r for r in _table(published, "SELECT * FROM marts.la_year_position")}
    by_year: dict[int, list] = defaultdict(list)
    for c in councils(shared_data_dir / "ees"):
        by_year[c.year].append(c)
    checked = 0
    for year, group in by_year.items():
        place = {c.code: council_centre(c.code, centres, CHANGES) for c in group}
        for c in group:
            a = actual[(c.code, year)]
            here = place[c.code]
            near = [] if here is None else [
                o for o in group if o.code != c.code and o.caseload is not None and place[o.code] is not None
                and miles((here.lat, here.lon), (place[o.code].lat, place[o.code].lon)) <= 50]
            assert a["n_within_50_miles"] == len(near), (c.name, year)
            if not near:
                assert a["mean_within_50_miles_caseload_fte"] is None, (c.name, year)
                continue
            mean = statistics.mean(o.caseload for o in near)
            assert a["mean_within_50_miles_caseload_fte"] == pytest.approx(mean), (c.name, year)
            for side, pick in (("highest", max), ("lowest", min)):
                value = pick(o.caseload for o in near)
                assert a[f"{side}_within_50_miles_caseload_fte"] == value, (c.name, year, side)
                tied = {o.code for o in near if o.caseload == value}
                named = _codes(a[f"{side}_within_50_miles_la_code"])
                assert named == tied, (c.name, year, side, named, tied)  # every tied council, no other
            checked += 1
    assert checked > 1300


def test_the_reported_examples_2025(published) -> None:
    rows = {r["la_name"]: r for r in _table(
        published, "SELECT * FROM marts.la_year_position WHERE year = 2025")}
    leicestershire = rows["Leicestershire"]
    named = {leicestershire[f"{side}_within_50_miles_la_name"] for side in ("highest", "lowest")}
    assert not named & {"Bolton", "Liverpool"}
    centre = {r["la_name"]: (r["lat"], r["lon"]) for r in _table(
        published, "SELECT d.la_name, c.lat, c.lon FROM marts.la_centres c "
                   "JOIN marts.dim_la d USING (la_code) WHERE d.is_current")}
    for far in ("Bolton", "Liverpool"):
        assert miles(centre["Leicestershire"], centre[far]) > 75
    suffolk = rows["Suffolk"]
    assert suffolk["highest_within_50_miles_caseload_fte"] == pytest.approx(15, abs=0.5)
    assert suffolk["highest_within_50_miles_caseload_fte"] != 19.5
