"""A council's own submission on the profile: suppressed figures are words, facts beside the published
average (with families beside children), demo always labelled and hidden by default."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl
import pytest

from dashboard.address import parse_cap
from dashboard.views import submission as sv
from dashboard.views.submission import submission_block
from tests.support import submission_marts as m
from tests.support.site import CAPS, texts
from warehouse.config import Settings
from warehouse.read import submissions as q

CAP18 = parse_cap("18", CAPS)[1]


def _view(demo: bool = False, families: str = "published", cap: str = "18", **kw) -> sv.SubmissionView:
    return sv.submission_views(
        m.snapshot(demo, families=families), m.caps(demo, **kw), m.bands(demo), parse_cap(cap, CAPS)[1]
    )[0]


def test_suppressed_figures_are_words_never_numbers():
    view = _view()
    team = next(r for r in view.groups["team"] if r["Group"] == "care leavers")
    for col in ("Case holders", "Mean", "Median", "90th percentile", "Families per FTE", "Above the cap"):
        assert team[col] == sv.SUPPRESSED
    assert [b["band"] for b in view.bands] == ["up to 12", "over 12 to 15"]
    assert view.bands[1]["workers"] == sv.SUPPRESSED and view.bands[1]["pct"] is None
    assert sv.SUPPRESSED == "suppressed (fewer than 5 workers or to protect another figure)"


def test_facts_sit_beside_the_published_average_and_follow_the_cap():
    facts = dict(_view().facts)
    assert facts["Snapshot date"] == "30 September 2025"
    assert facts["Case holders"] == "40 workers with a case"
    assert facts["Average (mean) caseload"] == "17.2 children per FTE"
    assert facts["Published average for comparison"].startswith("17.0 (Department for Education")
    assert facts["Median caseload"] == "16.5" and facts["90th percentile"].startswith("23.4")
    assert facts["Above the cap of 18 children"] == "30.0% of case holders (12 workers)"
    guarantee = dict(_view(cap="15-12").facts)
    assert guarantee["Above the cap of 15 (12 for newly qualified)"].startswith("40.0%")
    custom = dict(_view(cap="16.5").facts)
    assert "named caps" in custom["Above the cap of 16.5 children (custom)"]
    assert all(r["Above the cap"] == "named caps only" for r in _view(cap="16.5").groups["employment"])


def test_families_sit_beside_children_and_say_the_statistics_count_children():
    facts = dict(_view().facts)
    keys = list(facts)
    assert keys.index(sv.FAMILIES) == keys.index("Average (mean) caseload") + 1
    assert facts[sv.FAMILIES] == (
        "9.1 families per FTE; 1.89 children per family. The published statistics count children, not "
        "families: \u201c15 cases\u201d means different things depending on what is counted."
    )
    not_given = dict(_view(families="x").facts)[sv.FAMILIES]
    assert not_given.startswith(
        "families per FTE not given by the council for every case holder; children per family not given by "
        "the council for every case holder. The published statistics count children"
    )
    assert "3.0" not in not_given  # the value left in an 'x' cell is never shown
    assert "children per family not applicable" in dict(_view(families="z").facts)[sv.FAMILIES]


def test_every_group_kind_has_its_table_in_the_marts_order():
    view = _view()
    assert list(view.groups) == ["team", "employment", "experience", "role"]
    assert [r["Group"] for r in view.groups["employment"]] == ["permanent", "agency"]
    agency = view.groups["employment"][1]
    assert agency == {
        "Group": "agency",
        "Case holders": "40",
        "Mean": "17.2",
        "Median": "16.5",
        "90th percentile": "23.4",
        "Families per FTE": "9.1",
        "Above the cap": "30.0% of case holders (12 workers)",
    }
    shown = texts(submission_block(view))
    for kind in ("team", "employment", "experience", "role"):
        assert f"Council submission: by {kind}, share above the cap of 18 children" in shown
    assert not any(t == "3.0" or t == "3" for t in shown)


def test_demo_is_labelled_wherever_it_appears():
    view = sv.submission_views(
        m.snapshot(True),
        m.caps(True, declared=True),
        m.bands(True),
        CAP18,
        series=(
            m.snapshot(True).filter(pl.col("group_kind") == "all"),
            m.caps(True).filter(pl.col("group_kind") == "all"),
        ),
        across=m.across(is_demo=True),
    )[0]
    assert view.is_demo and view.title.startswith("Demo data (synthetic): Aton")
    block = submission_block(view)
    shown = texts(block)
    assert shown[0] == "Demo data (synthetic)"
    captions = [c.children for c in _all(block, "Caption")]
    assert len(captions) >= 8 and all(t.startswith("Demo data (synthetic)") for t in captions)
    assert any("across" in t.lower() or "pooled" in t.lower() for t in captions)
    assert not any(isinstance(a, sv.html.A) and "download" in str(a.href) for a in _all(block, "A"))
    real = _view()
    assert not any("Demo" in t for t in texts(submission_block(real)))


def _all(component: object, kind: str) -> list:
    """Every component of a type in a Dash tree."""
    out = []
    if isinstance(component, (list, tuple)):
        for c in component:
            out += _all(c, kind)
        return out
    if type(component).__name__ == kind:
        out.append(component)
    children = getattr(component, "children", None)
    if children is not None and not isinstance(children, str):
        out += _all(children, kind)
    return out


def test_downloads_link_the_three_marts_for_the_council_and_the_pooled_one():
    hrefs = [a.href for a in _all(submission_block(_view()), "A")]
    for table in ("submission_la_snapshot", "submission_bands", "submission_cap"):
        assert f"/download/marts.{table}.csv?council=E1" in hrefs
    assert "/download/marts.submission_across.csv" in hrefs


@pytest.fixture
def marts() -> duckdb.DuckDBPyConnection:
    """A real submission from 2024 and a newer demo one (2025), as the marts hold them."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    old = dt.date(2024, 9, 30)
    for name, frames in (
        ("submission_la_snapshot", (m.snapshot(False, old), m.snapshot(True))),
        ("submission_cap", (m.caps(False, old), m.caps(True))),
        ("submission_bands", (m.bands(False, old), m.bands(True))),
        ("submission_across", (m.across(old), m.across(is_demo=True))),
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
    for frame in q.submission_series(marts, ["E1"], False):
        assert frame.height and not frame["is_demo"].any() and set(frame["group_kind"]) == {"all"}
    assert not q.submission_across(marts, False)["is_demo"].any()
    assert q.submission_across(marts, True)["is_demo"].any()
    views = sv.submission_views(
        *(f(marts, ["E1"], True) for f in (q.submission_snapshot, q.submission_caps, q.submission_bands)),
        CAP18,
    )
    assert [v.is_demo for v in views] == [False, True]  # the council's own first, the demo labelled after


def test_queries_follow_the_group_order(marts: duckdb.DuckDBPyConnection):
    snap = q.submission_snapshot(marts, ["E1"], False)
    assert snap["group_order"].to_list() == sorted(snap["group_order"].to_list())
    assert snap.row(0, named=True)["group_kind"] == "all"
    caps = q.submission_caps(marts, ["E1"], False)
    first = caps.filter(pl.col("group_kind") == "all")["scenario_order"].to_list()
    assert first == sorted(first)


def test_a_release_without_the_marts_reads_as_no_submission():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    assert q.submission_snapshot(con, ["E1"], True).height == 0
    assert q.submission_across(con, True).height == 0
    assert all(f.height == 0 for f in q.submission_series(con, ["E1"], True))
    assert (
        sv.submission_views(
            q.submission_snapshot(con, ["E1"], True),
            q.submission_caps(con, ["E1"], True),
            q.submission_bands(con, ["E1"], True),
            CAP18,
        )
        == []
    )


def test_a_release_made_before_groups_reads_its_teams_as_groups():
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    old = m.snapshot(groups=m.GROUPS[:3]).drop("group_kind", "group_order").rename({"group_value": "team"})
    con.register("rows", old)
    con.execute("CREATE TABLE marts.submission_la_snapshot AS SELECT * FROM rows")
    snap = q.submission_snapshot(con, ["E1"], False)
    assert snap.select("group_kind", "group_value").rows() == [
        ("all", "all"),
        ("team", "assessment"),
        ("team", "care leavers"),
    ]
    assert "team" not in snap.columns


def test_a_release_made_before_19_shows_what_it_has_and_claims_nothing_it_lacks():
    """Teams only, no families, no measure or declared rows, whole-council bands: no halves, no
    'declared none' sentence, no families column."""
    con = duckdb.connect()
    con.execute("CREATE SCHEMA marts")
    fam = ["families_per_fte", "children_per_family"]
    snap = m.snapshot(groups=m.GROUPS[:3]).drop(*fam, *[f"{c}_status" for c in fam])
    caps = m.caps(groups=m.GROUPS[:3]).drop("scenario_label", "scenario_order", "measure")
    bands = m.bands(groups=m.GROUPS[:1]).drop("group_kind", "group_value", "group_order")
    for name, rows in (
        ("submission_la_snapshot", snap),
        ("submission_cap", caps),
        ("submission_bands", bands),
    ):
        if name != "submission_bands":
            rows = rows.drop("group_kind", "group_order").rename({"group_value": "team"})
        con.register("rows", rows)
        con.execute(f"CREATE TABLE marts.{name} AS SELECT * FROM rows")
        con.unregister("rows")
    args = (con, ["E1"], False)
    view = sv.submission_views(
        q.submission_snapshot(*args), q.submission_caps(*args), q.submission_bands(*args), CAP18
    )[0]
    assert view.halves == [] and view.declared is None and view.group_bands == {}
    assert [r["Group"] for r in view.groups["team"]] == ["assessment", "care leavers"]
    assert "Families per FTE" not in view.groups["team"][0] and "Families per FTE" not in dict(view.facts)
    assert dict(view.facts)["Above the cap of 18 children"] == "30.0% of case holders (12 workers)"
    assert [b["band"] for b in view.bands] == ["up to 12", "over 12 to 15"]
