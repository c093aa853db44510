"""The set-based disclosure control (disclosure.py + suppression.py) publishes exactly what the former
one-council-at-a-time implementation (disclosure_reference.py) publishes: same rows, values, statuses."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from pipeline.submissions import disclosure, generator
from tests.support import disclosure_reference
from tests.support.submission_files import KNOWN, TODAY, csv_bytes, row
from tests.unit.pipeline.test_submission_disclosure import worker
from warehouse.build.submission_batches import load_submission
from warehouse.build.submission_marts import build_aggregates
from warehouse.db import connect
from warehouse.submissions.validate import check


def aggregates_for(files: list[bytes], caps_path, work_path) -> dict[str, pl.DataFrame]:
    with connect(work_path) as con:
        for i, content in enumerate(files):
            rows = check(content, "f.csv", KNOWN, TODAY).rows
            assert rows is not None
            load_submission(con, rows, submission_id=f"f{i}", file_name="f.csv", salt="s")
        return build_aggregates(con, caps_path)


def assert_same(aggregates: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    new, old = disclosure.apply(aggregates), disclosure_reference.apply(aggregates)
    assert new.keys() == old.keys()
    for name in new:
        assert new[name].schema == old[name].schema, name
        assert new[name].equals(old[name]), (name, new[name], old[name])
    return new


def _council(code: str, workers: list[tuple], snapshot: str = "2025-09-30") -> bytes:
    """A file from (team, children, fte, newly qualified[, employment, role, declared maximum]) tuples;
    every worker declares a maximum when the first one does."""
    declares = len(workers[0]) > 4 and workers[0][6] % 2 == 0
    rows = []
    for i, (t, c, f, nq, *more) in enumerate(workers):
        employment, role, declared = more or ("permanent", "case holder", 0)
        rows.append(row(
            i + 1, la_code=code, snapshot_date=snapshot, team=t, children_allocated=str(c), fte=f,
            newly_qualified="yes" if nq else "no", employment=employment, role=role,
            declared_max_children=str(declared) if declares else "",
        ))
    return csv_bytes(rows)


def test_complementary_suppression_cases_match(settings, caps_path):
    teams = ["assessment"] * 10 + ["child protection"] * 7 + ["care leavers"] * 6 + ["other"] * 2
    small_band = [("", c, "1", False) for c in [10] * 16 + [14] * 4]
    files = [
        _council("E06000001", [(t, 10, "1", False) for t in teams]),
        _council("E09000033", small_band),
        _council("E08000025", [("", 16, "1", False)] * 3),  # under 5: everything c
        _council("E06000001", [(t, 13 + i % 9, "1", i % 4 == 0) for i, t in enumerate(teams)], "2024-09-30"),
    ]
    marts = assert_same(aggregates_for(files, caps_path, settings.work_path))
    statuses = pl.concat([m.select(pl.col("^.*_status$").cast(pl.String)).unpivot() for m in marts.values()])
    assert (statuses["value"] == "c").sum() > 10


def test_demo_councils_match(settings, caps_path):
    snapshot = dt.date(2025, 9, 30)
    files = [
        csv_bytes(
            generator.generate(generator.Target(code, mean, fte), snapshot, seed=seed),
            (*generator.spec.TEMPLATE_COLUMNS, "demo"),
        )
        for seed in range(3)
        for code, mean, fte in (
            ("E06000001", 13.9, 20.0),
            ("E09000033", 16.2, 45.0),
            ("E08000025", 21.0, 90.0),
        )
    ]
    assert_same(aggregates_for(files, caps_path, settings.work_path))


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(worker, min_size=1, max_size=40), min_size=1, max_size=3))
def test_property_same_marts(settings, caps_path, tmp_path_factory, councils):
    work = tmp_path_factory.mktemp("ref") / "w.duckdb"
    codes = ["E06000001", "E09000033", "E08000025"]
    files = [_council(codes[i], workers) for i, workers in enumerate(councils)]
    assert_same(aggregates_for(files, caps_path, work))


def test_teams_given_only_for_workers_without_cases_give_no_team_rows(settings, caps_path):
    # has_teams looks at case holders only (as the window over case holders did before disclosure
    # control became array operations).
    rows = [row(i, children_allocated="10") for i in range(1, 9)] + [
        row(9, children_allocated="0", team="other")
    ]
    aggregates = aggregates_for([csv_bytes(rows)], caps_path, settings.work_path)
    assert "team" not in aggregates["agg_groups"]["group_kind"].to_list()
    assert "team" not in set(aggregates["agg_caps"]["group_kind"])
