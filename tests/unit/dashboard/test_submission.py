"""A council's own submission on the profile: suppressed figures are words, facts beside the published
average, demo always labelled and hidden by default."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from dashboard.address import parse_cap
from dashboard.views import submission as sv
from dashboard.views.submission import submission_block
from tests.support.site import CAPS, texts
from warehouse.config import Settings
from warehouse.read import site as q

DAY = dt.date(2025, 9, 30)


def _snapshot(is_demo: bool = False, day: dt.date = DAY) -> pl.DataFrame:
    base = {
        "la_code": "E1",
        "la_name": "Aton",
        "snapshot_date": day,
        "is_demo": is_demo,
        "submission_version": 1,
        "published_la_code": "E1",
        "published_year": 2025,
        "published_caseload_fte": 17.0,
        "published_caseload_status": "published",
    }
    figures = {
        "case_holders": 40,
        "caseload_mean": 17.2,
        "caseload_median": 16.5,
        "caseload_p90": 23.4,
    }
    all_row = {**base, "team": "all", **figures, **{f"{k}_status": "published" for k in figures}}
    # a small team: every figure suppressed; the numbers are deliberately left in to prove
    # that a 'c' is never shown as a number
    small = {
        **base,
        "team": "care leavers",
        **{k: 3.0 for k in figures},
        **{f"{k}_status": "c" for k in figures},
    }
    return pl.DataFrame([all_row, small], infer_schema_length=None)


def _caps(is_demo: bool = False, day: dt.date = DAY) -> pl.DataFrame:
    rows = []
    for sid, exp, nq, n, pct in (
        ("target_18", 18.0, 18.0, 9, 22.5),
        ("guarantee_15_12", 15.0, 12.0, 21, 52.5),
    ):
        for team, status in (("all", "published"), ("care leavers", "c")):
            rows.append(
                {
                    "la_code": "E1",
                    "snapshot_date": day,
                    "team": team,
                    "scenario_id": sid,
                    "cap_experienced": exp,
                    "cap_newly_qualified": nq,
                    "is_demo": is_demo,
                    "workers_above_cap": n if status == "published" else None,
                    "workers_above_cap_status": status,
                    "pct_above_cap": pct if status == "published" else None,
                    "pct_above_cap_status": status,
                }
            )
    return pl.DataFrame(rows)


def _bands(is_demo: bool = False, day: dt.date = DAY) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "la_code": ["E1", "E1"],
            "snapshot_date": [day, day],
            "is_demo": [is_demo, is_demo],
            "band_order": [2, 1],
            "band": ["over 12 to 15", "up to 12"],
            "workers": [None, 37],
            "workers_status": ["c", "published"],
            "pct_workers": [None, 92.5],
            "pct_workers_status": ["c", "published"],
        }
    )


def test_suppressed_figures_are_words_never_numbers():
    view = sv.submission_views(_snapshot(), _caps(), _bands(), parse_cap("18", CAPS)[1])[0]
    team = view.teams[0]
    assert team["Team"] == "care leavers"
    for col in ("Case holders", "Mean", "Median", "90th percentile", "Above the cap"):
        assert team[col] == sv.SUPPRESSED
    assert [b["band"] for b in view.bands] == ["up to 12", "over 12 to 15"]
    assert view.bands[1]["workers"] == sv.SUPPRESSED and view.bands[1]["pct"] is None
    assert sv.SUPPRESSED == "suppressed (fewer than 5 workers or to protect another figure)"


def test_facts_sit_beside_the_published_average_and_follow_the_cap():
    facts = dict(sv.submission_views(_snapshot(), _caps(), _bands(), parse_cap("18", CAPS)[1])[0].facts)
    assert facts["Snapshot date"] == "30 September 2025"
    assert facts["Case holders"] == "40 workers with a case"
    assert facts["Average (mean) caseload"] == "17.2 children per FTE"
    assert facts["Published average for comparison"].startswith("17.0 (Department for Education")
    assert facts["Median caseload"] == "16.5" and facts["90th percentile"].startswith("23.4")
    assert facts["Above the cap of 18 children"] == "22.5% of case holders (9 workers)"
    guarantee = dict(
        sv.submission_views(_snapshot(), _caps(), _bands(), parse_cap("15-12", CAPS)[1])[0].facts
    )
    assert guarantee["Above the cap of 15 (12 for newly qualified)"].startswith("52.5%")
    custom = dict(sv.submission_views(_snapshot(), _caps(), _bands(), parse_cap("16.5", CAPS)[1])[0].facts)
    assert "named caps" in custom["Above the cap of 16.5 children (custom)"]


def test_demo_is_labelled_wherever_it_appears():
    view = sv.submission_views(_snapshot(True), _caps(True), _bands(True), parse_cap("18", CAPS)[1])[0]
    assert view.is_demo and view.title.startswith("Demo data (synthetic): Aton")
    shown = texts(submission_block(view))
    assert shown[0] == "Demo data (synthetic)"
    captions = [t for t in shown if "case holders by caseload band" in t.lower() or "by team" in t.lower()]
    assert len(captions) == 2 and all(t.startswith("Demo data (synthetic)") for t in captions)
    real = sv.submission_views(_snapshot(), _caps(), _bands(), parse_cap("18", CAPS)[1])[0]
    assert not any("Demo" in t for t in texts(submission_block(real)))


@pytest.fixture
def marts() -> duckdb.DuckDBPyConnection:
    """A real submission from 2024 and a newer demo one (2025), as the marts hold them."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    old = dt.date(2024, 9, 30)
    for name, frames in (
        ("submission_la_snapshot", (_snapshot(False, old), _snapshot(True))),
        ("submission_cap", (_caps(False, old), _caps(True))),
        ("submission_bands", (_bands(False, old), _bands(True))),
    ):
        con.register("rows", pl.concat(frames))
        con.execute(f"CREATE TABLE marts.{name} AS SELECT * FROM rows")
        con.unregister("rows")
    return con


def test_default_hides_demo_rows(marts: duckdb.DuckDBPyConnection):
    assert Settings.from_env({}).show_demo is False
    assert Settings.from_env({"CASELOAD_SHOW_DEMO": "1"}).show_demo is True
    for fn in (q.submission_snapshot, q.submission_caps, q.submission_bands):
        hidden = fn(marts, ["E1"], False)
        assert hidden.height and not hidden["is_demo"].any()
        assert set(hidden["snapshot_date"]) == {dt.date(2024, 9, 30)}  # the real one, though older
        shown = fn(marts, ["E1"], True)
        assert shown["is_demo"].any()
    views = sv.submission_views(
        *(f(marts, ["E1"], True) for f in (q.submission_snapshot, q.submission_caps, q.submission_bands)),
        parse_cap("18", CAPS)[1],
    )
    assert [v.is_demo for v in views] == [False, True]  # the council's own first, the demo labelled after
