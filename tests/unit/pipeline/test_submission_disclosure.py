"""Disclosure control, checked from the outside: recompute every figure from the rows, and try to
work out each `c` from the published figures with linear algebra (null space, not the rank test
the code uses)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import polars as pl
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipeline.submissions import disclosure, generator
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, row
from warehouse.build.submission_batches import load_submission
from warehouse.build.submission_marts import build_aggregates
from warehouse.db import connect
from warehouse.submissions.validate import check

EDGES = {12.0, 15.0, 18.0, 20.0, 25.0}


def marts_for(files: list[bytes], caps_path, work_path) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    frames = []
    with connect(work_path) as con:
        for i, content in enumerate(files):
            rows = check(content, "f.csv", KNOWN, TODAY).rows
            assert rows is not None
            load_submission(
                con, rows, submission_id=f"file{i}", file_name="f.csv", salt="s", template_version=1
            )
            frames.append(rows)
        marts = disclosure.apply(build_aggregates(con, caps_path))
    return marts, pl.concat(frames)


def recompute(rows: pl.DataFrame, caps: dict[str, tuple[float, float]]) -> dict:
    """Exact figures straight from the rows, without SQL."""
    holders = rows.filter(pl.col("children_allocated") >= 1).with_columns(
        rate=pl.col("children_allocated") / pl.col("fte"), team=pl.col("team").fill_null("not given")
    )
    out = {}
    for (la,), g in holders.group_by("la_code"):
        has_teams = g["team"].ne("not given").any()
        groups = {"all": g, **({t: d for (t,), d in g.group_by("team")} if has_teams else {})}
        for team, d in groups.items():
            out[(la, "n", team)] = d.height
            for sid, (exp, nq) in caps.items():
                cap = pl.when(pl.col("newly_qualified")).then(nq).otherwise(exp) * pl.col("fte")
                out[(la, "above", sid, team)] = d.filter(pl.col("children_allocated") > cap.round(6)).height
        bounds = [0, 12, 15, 18, 20, 25, None]
        for j in range(6):
            lo, hi = bounds[j], bounds[j + 1]
            inside = (g["rate"].round(6) > lo) & (True if hi is None else g["rate"].round(6) <= hi)
            out[(la, "band", j + 1)] = int(inside.sum())
    return out


def attack(marts: dict[str, pl.DataFrame], caps: dict[str, tuple[float, float]], la: str) -> list:
    """Suppressed cells an outsider could compute exactly from the published figures of one council."""
    cells: dict[tuple, float | None] = {}
    snap = marts["submission_la_snapshot"].filter(pl.col("la_code") == la)
    for r in snap.iter_rows(named=True):
        cells[("n", r["team"])] = r["case_holders"]
    for r in marts["submission_cap"].filter(pl.col("la_code") == la).iter_rows(named=True):
        cells[("above", r["scenario_id"], r["team"])] = r["workers_above_cap"]
    bands = marts["submission_bands"].filter(pl.col("la_code") == la)
    for r in bands.iter_rows(named=True):
        cells[("band", r["band_order"])] = r["workers"]
    teams = [t for t in snap["team"] if t != "all"]
    equations = []
    if teams:
        equations.append({("n", "all"): 1, **{("n", t): -1 for t in teams}})
        for s in caps:
            equations.append({("above", s, "all"): 1, **{("above", s, t): -1 for t in teams}})
    equations.append({("n", "all"): 1, **{("band", b): -1 for b in bands["band_order"]}})
    for s, (exp, nq) in caps.items():
        if exp == nq and exp in EDGES:
            tail = bands.filter(pl.col("caseload_from") >= exp)["band_order"]
            equations.append({("above", s, "all"): 1, **{("band", b): -1 for b in tail}})
    unknown = [c for c, v in cells.items() if v is None]
    if not unknown:
        return []
    m = np.array([[eq.get(c, 0) for c in unknown] for eq in equations], dtype=float)
    _, sv, vt = np.linalg.svd(m)
    null = vt[int((sv > 1e-9).sum()) :]  # basis of the null space: free directions of the unknowns
    return [c for i, c in enumerate(unknown) if null.shape[0] == 0 or np.abs(null[:, i]).max() < 1e-9]


def assert_controlled(marts, rows, caps):
    truth = recompute(rows, caps)
    snap, cap, bands = marts["submission_la_snapshot"], marts["submission_cap"], marts["submission_bands"]
    for r in snap.iter_rows(named=True):
        exact = truth[(r["la_code"], "n", r["team"])]
        if r["case_holders_status"] == "published":
            assert r["case_holders"] == exact >= 5
        else:
            assert r["case_holders"] is None and r["caseload_mean"] is None and r["caseload_median"] is None
        if r["caseload_p90_status"] == "published":
            assert exact >= 10
    for r in cap.iter_rows(named=True):
        exact = truth[(r["la_code"], "above", r["scenario_id"], r["team"])]
        n = truth[(r["la_code"], "n", r["team"])]
        if r["workers_above_cap_status"] == "published":
            assert r["workers_above_cap"] == exact and n >= 5
            assert exact == 0 or exact >= 5 and (n - exact == 0 or n - exact >= 5)
            assert r["pct_above_cap"] == round(100 * exact / n, 1)
        else:
            assert r["workers_above_cap"] is None and r["pct_above_cap"] is None
    for r in bands.iter_rows(named=True):
        exact = truth[(r["la_code"], "band", r["band_order"])]
        if r["workers_status"] == "published":
            assert r["workers"] == exact and (exact == 0 or exact >= 5)
        else:
            assert r["workers"] is None
    for la in snap["la_code"].unique():
        assert attack(marts, caps, la) == [], f"{la}: suppressed figures can be worked out"


CAPS = {"cap_12": (12.0, 12.0), "guarantee_15_12": (15.0, 12.0), "cap_20": (20.0, 20.0)}


def test_demo_councils_are_controlled(settings, caps_path):
    snapshot = dt.date(2025, 9, 30)
    files = [
        csv_bytes(
            generator.generate(generator.Target(code, mean, fte), snapshot, seed=7),
            (*generator.spec.TEMPLATE_COLUMNS, "demo"),
        )
        for code, mean, fte in (
            ("E06000001", 13.9, 40.0),
            ("E09000033", 16.2, 25.0),
            ("E08000025", 21.0, 90.0),
        )
    ]
    marts, rows = marts_for(files, caps_path, settings.work_path)
    assert (marts["submission_la_snapshot"]["case_holders_status"] == "c").any()  # small teams exist
    assert marts["submission_la_snapshot"]["is_demo"].all()
    assert_controlled(marts, rows, CAPS)


def test_one_small_band_takes_a_second_with_it(settings, caps_path):
    # 20 workers: 16 up to 12 and 4 over 12 to 15. Alone, the 4 would be 20 - 16: a second band goes too.
    children = [10] * 16 + [14] * 4
    marts, rows = marts_for(
        [csv_bytes([row(i + 1, children_allocated=str(c)) for i, c in enumerate(children)])],
        caps_path,
        settings.work_path,
    )
    assert marts["submission_bands"]["workers_status"].to_list().count("c") >= 2
    assert_controlled(marts, rows, CAPS)


def test_one_small_team_takes_the_next_smallest_team(settings, caps_path):
    teams = ["assessment"] * 10 + ["child protection"] * 7 + ["care leavers"] * 6 + ["other"] * 2
    rows = [row(i + 1, team=t, children_allocated="10") for i, t in enumerate(teams)]
    marts, frame = marts_for([csv_bytes(rows)], caps_path, settings.work_path)
    status = dict(marts["submission_la_snapshot"].select("team", "case_holders_status").iter_rows())
    assert status == {
        "all": "published",
        "assessment": "published",
        "child protection": "published",
        "care leavers": "c",
        "other": "c",
    }
    assert_controlled(marts, frame, CAPS)


worker = st.tuples(
    st.sampled_from(["assessment", "child protection", "other", ""]),
    st.integers(1, 35),
    st.sampled_from(["1", "0.5", "0.8"]),
    st.booleans(),
)


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(worker, min_size=1, max_size=40))
def test_property_no_small_or_derivable_figures(settings, caps_path, tmp_path_factory, workers):
    work = tmp_path_factory.mktemp("prop") / "w.duckdb"
    rows = [
        row(i + 1, team=t, children_allocated=str(c), fte=f, newly_qualified="yes" if nq else "no")
        for i, (t, c, f, nq) in enumerate(workers)
    ]
    marts, frame = marts_for([csv_bytes(rows)], caps_path, work)
    assert_controlled(marts, frame, CAPS)
