"""The centres check on a made-up country: it passes on built centres and names every council whose
point is wrong."""

from __future__ import annotations

import duckdb
import pytest

from tests.support.centres_csv import miles
from tests.support.centres_fixture import AUTHORITIES, make_country
from warehouse.build.steps import run_step
from warehouse.checks.centres import MAX_MILES_FROM_DISTRICTS, centres_near_districts

POINT = {g: (float(lat), float(lon)) for _a, g, _n, _t, _c, _e, _r, _p, lat, lon in AUTHORITIES if lat}


@pytest.fixture()
def country() -> duckdb.DuckDBPyConnection:
    con = make_country()
    run_step(con, "marts/la_centres")
    return con


def test_check_passes_on_the_built_centres_of_a_made_up_country(country) -> None:
    outcome = centres_near_districts(country)
    assert outcome.passed, outcome.summary


def test_check_fails_on_the_files_own_points(country) -> None:
    country.execute("CREATE TEMP TABLE file_points AS SELECT la_code, file_lat AS lat, file_lon AS lon "
                    "FROM marts.la_centres")
    outcome = centres_near_districts(country, "file_points")
    assert not outcome.passed
    assert {code for _name, code, _why in outcome.failures} == {"E10000901", "E10000902"}
    assert "Northshire (E10000901)" in outcome.summary and "Oldshire (E10000902)" in outcome.summary


def _moved(con: duckdb.DuckDBPyConnection, code: str, lat: float, lon: float) -> str:
    con.execute("CREATE OR REPLACE TEMP TABLE moved AS SELECT * REPLACE ("
                "CASE WHEN la_code = $code THEN $lat ELSE lat END AS lat, "
                "CASE WHEN la_code = $code THEN $lon ELSE lon END AS lon) FROM marts.la_centres",
                {"code": code, "lat": lat, "lon": lon})
    return "moved"


def test_check_catches_a_centre_just_past_the_threshold(country) -> None:
    mean = ((54.0 + 54.2 + 53.9) / 3, (-2.0 - 1.6 - 1.4) / 3)  # Northshire's districts, unweighted
    one_degree = miles(mean, (mean[0], mean[1] + 1))
    near = centres_near_districts(country, _moved(country, "E10000901", mean[0], mean[1] + 0.5 / one_degree))
    assert near.passed, near.summary
    far = (MAX_MILES_FROM_DISTRICTS + 2) / one_degree
    outcome = centres_near_districts(country, _moved(country, "E10000901", mean[0], mean[1] - far))
    assert [code for _name, code, _why in outcome.failures] == ["E10000901"]
    assert "16.0 miles from the mean of its districts" in outcome.summary


def test_check_catches_a_centre_near_its_own_point_but_outside_its_region(country) -> None:
    # Vutton is the eastern corner of region R2's points: 5 miles further east is within the
    # distance threshold of its own point but outside the region.
    vutton = POINT["E06000905"]
    east = 5 / miles(vutton, (vutton[0], vutton[1] + 1))
    outcome = centres_near_districts(country, _moved(country, "E06000905", vutton[0], vutton[1] + east))
    assert [code for _name, code, _why in outcome.failures] == ["E06000905"]
    assert "5.0 miles outside its region's district points" in outcome.summary
    assert "from the mean" not in outcome.summary
