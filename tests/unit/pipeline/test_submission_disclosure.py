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
                con, rows, submission_id=f"file{i}", file_name="f.csv", salt="s"
            )
            frames.append(rows)
        marts = disclosure.apply(build_aggregates(con, caps_path))
    return marts, pl.concat(frames)


GROUP_KINDS = ("team", "employment", "experience", "role")


def _groups(holders: pl.DataFrame) -> dict[tuple[str, str], pl.DataFrame]:
    """Every group of one council's case holders, from the rows: the whole council, then each kind."""
    kinds = holders.with_columns(
        team=pl.col("team").fill_null("not given"),
        experience=pl.when(pl.col("newly_qualified")).then(pl.lit("newly qualified")).otherwise(
            pl.lit("experienced")),
    )
    out = {("all", "all"): kinds}
    for kind in GROUP_KINDS:
        if kind == "team" and not kinds["team"].ne("not given").any():
            continue  # no team rows when the file gives no teams
        out |= {(kind, v): d for (v,), d in kinds.group_by(kind)}
    return out


def recompute(rows: pl.DataFrame, caps: dict[str, tuple[float, float]]) -> dict:
    """Exact figures straight from the rows, without SQL: per council and group."""
    holders = rows.filter(pl.col("children_allocated") >= 1).with_columns(
        rate=pl.col("children_allocated") / pl.col("fte")
    )
    out = {}
    for (la,), g in holders.group_by("la_code"):
        for group, d in _groups(g).items():
            out[(la, "n", *group)] = d.height
            for sid, (exp, nq) in caps.items():
                cap = pl.when(pl.col("newly_qualified")).then(nq).otherwise(exp) * pl.col("fte")
                above = d.filter(pl.col("children_allocated") > cap.round(6)).height
                out[(la, "above", sid, "children", *group)] = above
            if d["declared_max_children"].is_not_null().all():
                above = d.filter(pl.col("children_allocated") > pl.col("declared_max_children")).height
                out[(la, "above", "declared", "children", *group)] = above
            if d["declared_max_weighted"].is_not_null().all():
                above = d.filter(pl.col("weighted_caseload") > pl.col("declared_max_weighted")).height
                out[(la, "above", "declared", "weighted caseload", *group)] = above
        bounds = [0, 12, 15, 18, 20, 25, None]
        for j in range(6):
            lo, hi = bounds[j], bounds[j + 1]
            inside = (g["rate"].round(6) > lo) & (True if hi is None else g["rate"].round(6) <= hi)
            out[(la, "band", j + 1)] = int(inside.sum())
    return out


def attack(marts: dict[str, pl.DataFrame], caps: dict[str, tuple[float, float]], la: str) -> list:
    """Suppressed cells an outsider could compute exactly from the published figures of one council,
    with the sums anyone knows: each kind's groups add up to the whole council (case holders and
    above each cap), the bands add up to its case holders, and a single cap on a band edge is the
    sum of the bands above it."""
    cells: dict[tuple, float | None] = {}
    snap = marts["submission_la_snapshot"].filter(pl.col("la_code") == la)
    for r in snap.iter_rows(named=True):
        cells[("n", r["group_kind"], r["group_value"])] = r["case_holders"]
    caps_rows = marts["submission_cap"].filter(pl.col("la_code") == la)
    for r in caps_rows.iter_rows(named=True):
        cells[("above", r["scenario_id"], r["measure"], r["group_kind"], r["group_value"])] = r[
            "workers_above_cap"]
    bands = marts["submission_bands"].filter((pl.col("la_code") == la) & (pl.col("group_kind") == "all"))
    for r in bands.iter_rows(named=True):
        cells[("band", r["band_order"])] = r["workers"]
    equations = []
    scenarios = caps_rows.select("scenario_id", "measure").unique().rows()
    for kind in GROUP_KINDS:
        parts = [v for k, v in snap.select("group_kind", "group_value").rows() if k == kind]
        if parts:
            equations.append({("n", "all", "all"): 1, **{("n", kind, v): -1 for v in parts}})
            for s, m in scenarios:
                equations.append({("above", s, m, "all", "all"): 1,
                                  **{("above", s, m, kind, v): -1 for v in parts}})
    equations.append({("n", "all", "all"): 1, **{("band", b): -1 for b in bands["band_order"]}})
    for s, (exp, nq) in caps.items():
        if exp == nq and exp in EDGES:
            tail = bands.filter(pl.col("caseload_from") >= exp)["band_order"]
            equations.append({("above", s, "children", "all", "all"): 1, **{("band", b): -1 for b in tail}})
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
    assert set(bands["group_kind"]) <= {"all"}  # bands for the whole council only
    published_keys = set()
    for r in snap.iter_rows(named=True):
        exact = truth[(r["la_code"], "n", r["group_kind"], r["group_value"])]
        published_keys.add((r["la_code"], "n", r["group_kind"], r["group_value"]))
        if r["case_holders_status"] == "published":
            assert r["case_holders"] == exact >= 5
        else:
            assert r["case_holders"] is None and r["caseload_mean"] is None and r["caseload_median"] is None
            assert r["families_per_fte"] is None and r["children_per_family"] is None
        if r["caseload_p90_status"] == "published":
            assert exact >= 10
    assert published_keys == {k for k in truth if k[1] == "n"}  # every group, and no other
    for r in cap.iter_rows(named=True):
        group = (r["group_kind"], r["group_value"])
        exact = truth[(r["la_code"], "above", r["scenario_id"], r["measure"], *group)]
        n = truth[(r["la_code"], "n", *group)]
        if r["workers_above_cap_status"] == "published":
            assert r["workers_above_cap"] == exact and n >= 5
            assert exact == 0 or exact >= 5 and (n - exact == 0 or n - exact >= 5)
            assert r["pct_above_cap"] == round(100 * exact / n, 1)
        else:
            assert r["workers_above_cap"] is None and r["pct_above_cap"] is None
    declared = {k for k in truth if k[1] == "above" and k[2] == "declared"}
    assert declared == {(r["la_code"], "above", "declared", r["measure"], r["group_kind"], r["group_value"])
                        for r in cap.filter(pl.col("scenario_id") == "declared").iter_rows(named=True)}
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
    teams = marts["submission_la_snapshot"].filter(pl.col("group_kind").is_in(["all", "team"]))
    status = dict(teams.select("group_value", "case_holders_status").iter_rows())
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
    st.sampled_from(["permanent", "permanent", "agency"]),
    st.sampled_from(["case holder", "case holder", "senior practitioner"]),
    st.integers(8, 24),  # the council's declared maximum for the post
)


@hsettings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(worker, min_size=1, max_size=40), st.booleans(), st.integers(1, 8))
def test_property_no_small_or_derivable_figures(settings, caps_path, tmp_path_factory, workers, declares,
                                                 agency_first):
    """Group sizes thrown around the threshold: a small agency or newly qualified group, one team of
    4 or 5, a declared maximum or none; nothing small is published and no `c` can be worked out."""
    work = tmp_path_factory.mktemp("prop") / "w.duckdb"
    rows = [
        row(i + 1, team=t, children_allocated=str(c), fte=f, newly_qualified="yes" if nq else "no",
            employment="agency" if i < agency_first else e, role=r,
            declared_max_children=str(d) if declares else "",
            weighted_caseload=f"{c * 1.1:.1f}" if declares else "",
            declared_max_weighted=f"{d * 1.2:.1f}" if declares else "")
        for i, (t, c, f, nq, e, r, d) in enumerate(workers)
    ]
    marts, frame = marts_for([csv_bytes(rows)], caps_path, work)
    assert_controlled(marts, frame, CAPS)
