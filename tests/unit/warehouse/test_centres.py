"""The centre rule on a made-up country (tests/support/centres_fixture.py)."""

from __future__ import annotations

import duckdb
import pytest

from tests.support.centres_csv import miles
from tests.support.centres_fixture import AUTHORITIES, make_country
from warehouse.build.steps import run_step

POINT = {g: (float(lat), float(lon)) for _a, g, _n, _t, _c, _e, _r, _p, lat, lon in AUTHORITIES if lat}


@pytest.fixture()
def country() -> duckdb.DuckDBPyConnection:
    con = make_country()
    run_step(con, "marts/la_centres")
    return con


def _centres(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    cur = con.execute("SELECT * FROM marts.la_centres")
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def test_a_county_is_its_districts_population_weighted(country) -> None:
    northshire = _centres(country)["E10000901"]
    # Aton 100,000, Bton 300,000, Cton 100,000 people; Dton (abolished, no point) is left out.
    assert northshire["lat"] == pytest.approx((54.0 * 1 + 54.2 * 3 + 53.9 * 1) / 5)
    assert northshire["lon"] == pytest.approx((-2.0 * 1 - 1.6 * 3 - 1.4 * 1) / 5)
    assert northshire["n_points"] == 3
    assert "Aton, Bton, Cton" in northshire["centre_source"]
    assert (northshire["file_lat"], northshire["file_lon"]) == (52.0, -1.0)
    assert northshire["miles_from_file_point"] == pytest.approx(
        miles((52.0, -1.0), (northshire["lat"], northshire["lon"])))


def test_a_county_with_no_district_point_takes_its_successor_and_others_their_own(country) -> None:
    centres = _centres(country)
    assert (centres["E10000902"]["lat"], centres["E10000902"]["lon"]) == POINT["E06000902"]
    assert "Newshire" in centres["E10000902"]["centre_source"]
    for code in ("E06000901", "E06000902", "E06000903"):
        assert (centres[code]["lat"], centres[code]["lon"]) == POINT[code]
        assert centres[code]["miles_from_file_point"] == 0
