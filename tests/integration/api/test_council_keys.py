"""One way to name a council everywhere: its code (any year's, the series code, or a joint return's
member code, in any case) or its slug, in the API's `council=`, downloads' `council=` and
/api/v1/councils/<key>, over real HTTP; unknown and hostile keys get a 400 or 404 that never echoes them."""

from __future__ import annotations

import pytest
import requests

from tests.support.live_site import running

pytestmark = pytest.mark.shared_data

JOINT = "E09000021 / E09000027"  # Kingston upon Thames and Richmond upon Thames: one return


@pytest.fixture(scope="module")
def base(app):
    with running(app.server) as url:
        yield url


def _la_year(s: requests.Session, base: str, council: str) -> list[tuple]:
    resp = s.get(f"{base}/api/v1/la-year", params={"council": council}, timeout=60)
    assert resp.status_code == 200, (council, resp.text[:200])
    return [(r["la_code"], r["year"], r["caseload_fte"]) for r in resp.json()["data"]]


def _csv(s: requests.Session, base: str, table: str, **params: str) -> requests.Response:
    resp = s.get(f"{base}/download/{table}.csv", params=params, timeout=60)
    assert resp.status_code == 200, (params, resp.text[:200])
    return resp


@pytest.mark.parametrize("keys", [
    ("E08000001", "bolton", "e08000001"),
    (JOINT, "E09000021", "e09000027", "kingston-upon-thames-richmond-upon-thames"),
    ("E10000002", "buckinghamshire-2017"),
    ("E06000060", "buckinghamshire"),
    ("E06000061 / E06000062", "E06000062", "north-northamptonshire-west-northamptonshire"),
])
def test_every_key_of_a_council_gives_the_same_rows(base, marts, keys):
    code = keys[0]
    want = marts.execute("SELECT la_code, year, caseload_fte FROM marts.la_year WHERE la_code = $c "
                         "OR series_code = $c ORDER BY year, la_code", {"c": code}).fetchall()
    assert want
    with requests.Session() as s:
        for key in keys:
            assert _la_year(s, base, key) == want, key
            download = _csv(s, base, "marts.la_year", council=key)
            assert download.content == _csv(s, base, "marts.la_year", council=code).content, key
            name = download.headers["Content-Disposition"].split("filename=")[1]
            assert "/" not in name and " " not in name
            page = s.get(f"{base}/api/v1/councils/{key}", timeout=60) if "/" not in key else None
            if page is not None:
                assert page.status_code == 200, key
                assert page.json()["council"]["la_code"] == code


def test_member_codes_filter_cap_rows_and_the_data_form(base, marts):
    with requests.Session() as s:
        rows = s.get(f"{base}/api/v1/la-year", params={"council": "E09000027", "cap": "12", "year": "2025"},
                     timeout=60).json()["data"]
        assert [(r["la_code"], r["scenario_id"]) for r in rows] == [(JOINT, "cap_12")]
        custom = s.get(f"{base}/api/v1/la-year", params={"council": "bolton", "cap": "14.5", "year": "2025"},
                       timeout=60).json()["data"]
        assert [r["la_code"] for r in custom] == ["E08000001"]
        capped = _csv(s, base, "marts.la_year_cap", council="E09000021", year="2025", cap="12")
        lines = capped.text.splitlines()[1:]
        assert len(lines) == 1 and lines[0].startswith(f"{JOINT},")
        hop = s.get(f"{base}/download/rows", params={"table": "marts.la_year", "council": "bolton"},
                    timeout=60, allow_redirects=True)
        assert hop.status_code == 200
        assert hop.content == _csv(s, base, "marts.la_year", council="E08000001").content


@pytest.mark.parametrize("value", ["no-such-council", "E09999999", "<script>alert(1)</script>",
                                   "E09000033' OR '1'='1", "E09000021 / E09000033", "x" * 90])
def test_unknown_or_hostile_keys_are_refused_without_an_echo(base, value):
    with requests.Session() as s:
        for url, params in ((f"{base}/api/v1/la-year", {"council": value}),
                            (f"{base}/download/marts.la_year.csv", {"council": value})):
            resp = s.get(url, params=params, timeout=60)
            assert resp.status_code == 400, (url, value)
            assert value not in resp.text and "Traceback" not in resp.text
        path = s.get(f"{base}/api/v1/councils/{requests.utils.quote(value, safe='')}", timeout=60)
        assert path.status_code in (400, 404) and value not in path.text
