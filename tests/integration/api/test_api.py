"""/api/v1 against the published warehouse: rows equal the marts, strict 400s, paging, caching, CORS,
a valid OpenAPI description, schemathesis without a server error, and pl.read_csv(url) over real HTTP."""

from __future__ import annotations

import io

import polars as pl
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.support.live_site import running
from warehouse.build import caps as metrics

pytestmark = pytest.mark.shared_data


def test_schemathesis_finds_no_server_error(app):
    """Every operation, with generated parameters (valid and not): never a 5xx, always a documented status,
    content type and body. Driven directly: schemathesis's pytest plugin does not load on pytest 9."""
    api = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app.server)
    checks = [not_a_server_error, status_code_conformance, content_type_conformance,
              response_schema_conformance]
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) == 9  # seven reads, the check door's POST and the submissions POST
    for operation in operations:

        @given(case=operation.as_strategy())
        @hyp_settings(max_examples=40, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case) -> None:
            case.call_and_validate(checks=checks)

        run()


def test_openapi_description_validates(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    validate(doc)
    assert set(doc["paths"]) >= {"/api/v1/la-year", "/api/v1/councils/{key}", "/api/v1/caps"}


def test_la_year_rows_equal_the_mart(client, marts):
    body = client.get("/api/v1/la-year?year=2025&region=London").get_json()
    want = marts.execute("SELECT la_code, caseload_fte, caseload_status FROM marts.la_year "
                         "WHERE year = 2025 AND region_name = 'London' ORDER BY la_code").fetchall()
    assert [(r["la_code"], r["caseload_fte"], r["caseload_status"]) for r in body["data"]] == want
    assert body["total"] == len(want) and body["release"]["id"] in body["citation"]


def test_cap_named_and_custom(client, marts):
    named = client.get("/api/v1/la-year?year=2024&cap=18").get_json()
    assert {r["scenario_id"] for r in named["data"]} == {"target_18"}
    over = sorted(r["la_code"] for r in named["data"] if r["over_cap"])
    assert over == [r[0] for r in marts.execute(
        "SELECT la_code FROM marts.la_year_cap WHERE year = 2024 AND scenario_id = 'target_18' AND over_cap "
        "ORDER BY la_code").fetchall()]
    custom = client.get("/api/v1/la-year?year=2024&cap=14.5&format=csv")
    got = pl.read_csv(io.BytesIO(custom.data))
    want = metrics.la_cap(marts, 2024, 14.5, 57_000)
    assert got.select("la_code", "over_cap").sort("la_code").rows() == want.select(
        "la_code", "over_cap").sort("la_code").rows()


def test_paging_walks_every_row_once(client, marts):
    seen, url = [], "/api/v1/la-year?year=2025&limit=40"
    for _ in range(20):  # bounded: 151 rows in pages of 40
        body = client.get(url).get_json()
        seen += [r["la_code"] for r in body["data"]]
        if body["next"] is None:
            break
        url = body["next"]
    assert body["next"] is None
    assert sorted(seen) == [r[0] for r in marts.execute(
        "SELECT la_code FROM marts.la_year WHERE year = 2025 ORDER BY la_code").fetchall()]
    csv = client.get("/api/v1/la-year?year=2025&limit=40&format=csv")
    assert csv.headers["X-Total-Count"] == str(len(seen)) and 'rel="next"' in csv.headers["Link"]


def test_council_by_code_slug_and_old_code(client, marts):
    by_code = client.get("/api/v1/councils/E09000033").get_json()
    assert by_code["council"]["slug"] == "westminster"
    assert client.get("/api/v1/councils/westminster").get_json()["data"] == by_code["data"]
    years = [r["year"] for r in by_code["data"]]
    assert years == sorted(r[0] for r in marts.execute(
        "SELECT year FROM marts.la_year WHERE series_code = 'E09000033'").fetchall())
    assert client.get("/api/v1/councils/E09999999").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/la-year?year=1066",
        "/api/v1/la-year?year=2025abc",
        "/api/v1/la-year?year=%C2%B2",
        "/api/v1/la-year?region=Atlantis",
        "/api/v1/la-year?council=E09000033%27%20OR%201%3D1--",
        "/api/v1/la-year?council=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "/api/v1/la-year?cap=0",
        "/api/v1/la-year?cap=nan",
        "/api/v1/la-year?limit=0",
        "/api/v1/la-year?limit=99999999",
        "/api/v1/la-year?offset=-1",
        "/api/v1/la-year?format=xml",
        "/api/v1/la-year?year=2025&year=2024",
        "/api/v1/la-year?drop=table",
        "/api/v1/la-year?year=" + "9" * 500,
        "/api/v1/caps?release=latest",
        "/api/v1/councils/%3Cscript%3E",
    ],
)
def test_bad_parameters_get_a_clear_400(client, url):
    resp = client.get(url)
    assert resp.status_code == 400
    message = resp.get_json()["error"]["message"]
    assert message and "Traceback" not in message
    for echo in ("<script>", "OR 1=1", "Atlantis", "drop", "9999999", "xml", "latest"):
        assert echo not in message


def test_etag_cache_control_and_cors(client):
    first = client.get("/api/v1/la-year?year=2025&limit=5")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    again = client.get("/api/v1/la-year?year=2025&limit=5", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    other = client.get("/api/v1/la-year?year=2024&limit=5")
    assert other.headers["ETag"] != etag
    preflight = client.options("/api/v1/la-year", headers={"Origin": "https://example.org",
                                                           "Access-Control-Request-Method": "GET"})
    assert "GET" in preflight.headers["Access-Control-Allow-Methods"]
    rid = first.get_json()["release"]["id"]
    pinned = client.get(f"/api/v1/caps?release={rid}")
    assert "immutable" in pinned.headers["Cache-Control"] and pinned.headers["X-Caseload-Release"] == rid


def test_one_curl_or_read_csv_over_real_http(app, marts):
    with running(app.server) as base:
        df = pl.read_csv(f"{base}/api/v1/la-year?year=2025&region=London&format=csv")
        query = {"year": 2025, "council": "E09000033"}
        resp = requests.get(f"{base}/api/v1/la-year", params=query, timeout=30)
    assert df.height == marts.execute("SELECT count(*) FROM marts.la_year WHERE year = 2025 "
                                      "AND region_code = 'E12000007'").fetchall()[0][0]
    assert resp.json()["data"][0]["caseload_status"] == "x"  # Westminster 2025: suppressed, a symbol
