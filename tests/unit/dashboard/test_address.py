"""Query-string parsing and the controls' callbacks, as plain functions."""

from __future__ import annotations

import polars as pl
import pytest

from dashboard.address import QueryError, named_caps, parse_cap, parse_councils, parse_state, search
from dashboard.components.controls import controls_href
from dashboard.components.search import compare_href, resolve_search
from tests.support.site import CAPS

YEARS = list(range(2017, 2026))
INDEX = [
    {
        "search_term": "Leeds",
        "term_kind": "council",
        "la_code": "E08000035",
        "la_name": "Leeds",
        "slug": "leeds",
        "region_name": "Yorkshire and The Humber",
    },
    {
        "search_term": "Camden",
        "term_kind": "council",
        "la_code": "E09000007",
        "la_name": "Camden",
        "slug": "camden",
        "region_name": "London",
    },
    {
        "search_term": "Canterbury",
        "term_kind": "district",
        "la_code": "E10000016",
        "la_name": "Kent",
        "slug": "kent",
        "region_name": "South East",
    },
    {
        "search_term": "Kent",
        "term_kind": "council",
        "la_code": "E10000016",
        "la_name": "Kent",
        "slug": "kent",
        "region_name": "South East",
    },
]


def test_defaults_are_latest_year_and_cap_18():
    state = parse_state({}, YEARS, CAPS)
    assert (state.year, state.cap_key, state.cap.threshold) == (2025, "18", 18.0)


@pytest.mark.parametrize(
    "raw,key,threshold",
    [
        ("12", "12", 12),
        ("15-12", "15-12", 15),
        ("20", "20", 20),
        ("16.5", "16.5", 16.5),
        ("18.0", "18", 18),
        ("17.04", "17", 17),
    ],
)
def test_caps_named_and_custom(raw, key, threshold):
    got_key, cap = parse_cap(raw, CAPS)
    assert (got_key, cap.threshold) == (key, threshold)


@pytest.mark.parametrize("raw", ["abc", "0", "100", "nan", "inf", "<script>alert(1)</script>", "-5"])
def test_bad_caps_are_refused_without_echo(raw):
    with pytest.raises(QueryError) as exc:
        parse_cap(raw, CAPS)
    assert len(raw) < 3 or raw not in str(exc.value)


@pytest.mark.parametrize("raw", ["1999", "abc", "2025.5", "<b>"])
def test_bad_years_are_refused(raw):
    with pytest.raises(QueryError):
        parse_state({"year": raw}, YEARS, CAPS)


def test_councils_list_rules():
    assert parse_councils("E08000025, E09000033,E08000025") == ["E08000025", "E09000033"]
    with pytest.raises(QueryError):
        parse_councils(",".join(f"E0800000{i}" for i in range(7)))
    with pytest.raises(QueryError):
        parse_councils("<script>")


def test_search_builds_shareable_addresses():
    assert search("/", year=2025, cap="18") == "/?year=2025&cap=18"
    assert search("/compare", councils="a,b", year=None) == "/compare?councils=a%2Cb"


def test_controls_href_custom_and_named():
    ctx = {"path": "/", "extra": {}}
    assert controls_href(ctx, 2024, "12", None, "caseload") == ("/?year=2024&cap=12", "")
    assert controls_href(ctx, 2024, "custom", 16.5, "distance") == ("/?year=2024&cap=16.5&map=distance", "")
    href, error = controls_href(ctx, 2024, "custom", None, None)
    assert href is None and "custom cap" in error


def test_search_by_council_district_and_part():
    assert resolve_search("leeds", INDEX) == ("/council/leeds", [])
    assert resolve_search("Canterbury", INDEX) == ("/council/kent", [])  # a town finds its council
    href, matches = resolve_search("ca", INDEX)
    assert href is None and {m["slug"] for m in matches} == {"camden", "kent"}
    assert resolve_search("zzz", INDEX) == (None, [])
    assert resolve_search("  ", INDEX) == (None, [])


def test_compare_adds_a_council_once():
    ctx = {"codes": ["E08000035"], "year": 2025, "cap": "18"}
    assert compare_href(ctx, "Camden", INDEX) == (
        "/compare?councils=E08000035%2CE09000007&year=2025&cap=18",
        "",
    )
    assert compare_href(ctx, "Leeds", INDEX)[0] is None
    assert compare_href(ctx, "", INDEX) == (None, "")


def test_named_caps_are_the_releases_keyed_by_their_caps_with_the_sites_short_labels():
    assert list(CAPS) == ["12", "15-12", "18", "20"]  # marts.caps order, keys from warehouse.domain.cap_key
    assert [c.label for c in CAPS.values()] == [
        "12 children", "15 (12 for newly qualified)", "18 children", "20 children"
    ]
    assert (CAPS["15-12"].scenario_id, CAPS["15-12"].threshold, CAPS["15-12"].nq_threshold) == (
        "guarantee_15_12", 15.0, 12.0
    )
    assert CAPS["18"].nq_threshold is None


def test_a_release_offers_its_own_caps_only():
    older = named_caps(
        pl.DataFrame({"scenario_id": ["cap_12", "target_18"], "label": ["Legal cap of 12", "Target of 18"],
                      "cap_experienced": [12.0, 18.0], "cap_newly_qualified": [12.0, 18.0],
                      "cap": [12.0, 18.0], "sort_order": [1, 2]})
    )
    assert parse_cap("20", older)[1].label == "20 children (custom)"
    with pytest.raises(QueryError) as exc:
        parse_cap("15-12", older)
    assert str(exc.value) == "The cap must be 12, 18 or a number from 5 to 40."
    assert named_caps(None) == {}


def test_the_form_and_the_api_take_the_releases_keys():
    from dashboard.api import params
    from dashboard.components.controls import cap_options

    options = cap_options(CAPS)
    assert [o["label"] for o in options][-1] == "Custom"
    assert controls_href({"path": "/trends", "extra": {}}, 2025, "15-12", None, None, options) == (
        "/trends?year=2025&cap=15-12", ""
    )
    named = [params.cap(raw, CAPS) for raw in ("15-12", "target_18", "14")]
    assert named == ["guarantee_15_12", "target_18", 14.0]
    with pytest.raises(params.ApiError) as exc:
        params.cap("13-10", CAPS)
    assert exc.value.message == (
        "cap must be one of cap_12, guarantee_15_12, target_18, cap_20, 12, 15-12, 18, 20 "
        "or a number from 5 to 40."
    )
