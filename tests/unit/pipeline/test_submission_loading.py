"""Loading: one transaction, salted hashes, supersede with history, idempotence, quarantine, the sensor."""

from __future__ import annotations

import hashlib

import dagster as dg
import pytest

from pipeline.submissions import disclosure
from pipeline.submissions.inbox import folders, process_file
from tests.support.submission_files import KNOWN, TODAY, checksums, csv_bytes, good_rows
from warehouse.build.submission_batches import load_submission
from warehouse.build.submission_marts import build_aggregates, ensure_schema, write_marts
from warehouse.db import connect
from warehouse.submissions import spec
from warehouse.submissions.validate import check


def drop(settings, name: str, content: bytes):
    path = folders(settings)["inbox"] / name
    path.write_bytes(content)
    return path


def rebuild(con, caps_path):
    write_marts(con, disclosure.apply(build_aggregates(con, caps_path)))


def test_valid_file_loads_hashed_and_is_archived(settings, caps_path):
    content = csv_bytes(good_rows(12, team="assessment"))
    path = drop(settings, "hartlepool.csv", content)
    with connect(settings.work_path) as con:
        outcome = process_file(path, settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        assert outcome.status == "loaded" and not path.exists() and outcome.moved_to.exists()
        assert outcome.sha256 == hashlib.sha256(content).hexdigest()
        hashes = {h for (h,) in con.execute("SELECT worker_hash FROM submissions.workers").fetchall()}
        expected = hashlib.sha256(b"test-salt|E06000001|SW0001").hexdigest()
        assert expected in hashes and len(hashes) == 12
        text = str(con.execute("SELECT * FROM submissions.workers").fetchall())
        assert "SW0001" not in text  # the council's pseudonym itself is never stored
        n = con.execute(
            "SELECT case_holders FROM marts.submission_la_snapshot WHERE group_kind = 'all'"
        ).fetchall()
        assert n == [(12,)]
        assert not con.execute(
            "SELECT * FROM duckdb_columns() WHERE schema_name = 'marts' AND column_name ILIKE '%worker%hash%'"
        ).fetchall()


def test_same_file_twice_changes_nothing(settings, caps_path):
    content = csv_bytes(good_rows(12))
    with connect(settings.work_path) as con:
        process_file(drop(settings, "a.csv", content), settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        before = checksums(con)
        outcome = process_file(drop(settings, "a-again.csv", content), settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        assert outcome.status == "duplicate" and checksums(con) == before
        assert not list(folders(settings)["inbox"].iterdir())


def test_resubmission_supersedes_and_keeps_history(settings, caps_path):
    first, second = csv_bytes(good_rows(12)), csv_bytes(good_rows(20))
    with connect(settings.work_path) as con:
        process_file(drop(settings, "v1.csv", first), settings, con, KNOWN, TODAY)
        process_file(drop(settings, "v2.csv", second), settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        files = con.execute(
            "SELECT file_name, version, superseded_by FROM submissions.files ORDER BY version"
        ).fetchall()
        assert files == [("v1.csv", 1, hashlib.sha256(second).hexdigest()), ("v2.csv", 2, None)]
        assert con.execute("SELECT count(*) FROM submissions.workers").fetchall() == [(32,)]
        shown = con.execute(
            "SELECT case_holders, submission_version FROM marts.submission_la_snapshot "
            "WHERE group_kind = 'all'"
        ).fetchall()
        assert shown == [(20, 2)]


def test_invalid_file_is_quarantined_with_report_and_changes_no_table(settings, caps_path):
    with connect(settings.work_path) as con:
        process_file(drop(settings, "ok.csv", csv_bytes(good_rows(12))), settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        before = checksums(con)
        bad = good_rows(12)
        bad[4]["fte"] = "1.5"
        outcome = process_file(drop(settings, "bad.csv", csv_bytes(bad)), settings, con, KNOWN, TODAY)
        rebuild(con, caps_path)
        assert outcome.status == "quarantined" and checksums(con) == before
    report = outcome.moved_to.with_name(outcome.moved_to.name + ".report.txt").read_text()
    assert "nothing from it was loaded" in report and "row 6, column fte: found '1.5'" in report


def test_a_failure_inside_the_load_rolls_everything_back(settings):
    rows = check(csv_bytes(good_rows(12)), "x.csv", KNOWN, TODAY).rows
    broken = rows.with_columns(rows["role"].scatter(11, None))  # a NOT NULL column fails on the last row
    with connect(settings.work_path) as con:
        ensure_schema(con)
        before = checksums(con)
        with pytest.raises(Exception, match="NOT NULL"):
            load_submission(con, broken, submission_id="abc", file_name="x.csv", salt="s")
        assert checksums(con) == before


def test_sensor_runs_the_load_job(settings):
    from pipeline.defs.submissions.assets import submission_inbox, submission_metrics, submissions_published
    from pipeline.defs.submissions.checks import submission_checks
    from pipeline.defs.submissions.sensors import LOAD_JOB, submissions_inbox_sensor, submissions_load
    from pipeline.lib.resources import WarehouseResource

    # This code location's submission pieces only (the full one is checked by `dg list defs`).
    definitions = dg.Definitions(
        assets=[submission_inbox, submission_metrics, submissions_published],
        asset_checks=submission_checks,
        jobs=[submissions_load],
        sensors=[submissions_inbox_sensor],
        resources={"warehouse": WarehouseResource()},
        executor=dg.in_process_executor,
    )
    instance = dg.DagsterInstance.ephemeral()
    # The sensor takes the warehouse resource: given here as the daemon gives it, from the definitions.
    resources = definitions.resources
    with dg.build_sensor_context(instance=instance, definitions=definitions, resources=resources) as context:
        assert isinstance(submissions_inbox_sensor(context), dg.SkipReason)

    rows = good_rows(12, snapshot_date="2024-09-30", team="child protection")
    drop(settings, "good.csv", csv_bytes(rows))
    bad = [dict(r, la_code="E09000033") if i == 3 else r for i, r in enumerate(rows)]
    drop(settings, "mixed.csv", csv_bytes(bad))
    with dg.build_sensor_context(instance=instance, definitions=definitions, resources=resources) as context:
        request = submissions_inbox_sensor(context)
    assert isinstance(request, dg.RunRequest)
    assert sorted(request.run_config["ops"]["submission_inbox"]["config"]["files"]) == [
        "good.csv",
        "mixed.csv",
    ]
    result = definitions.resolve_job_def(LOAD_JOB).execute_in_process(
        run_config=request.run_config, instance=instance
    )
    assert result.success
    with connect(settings.work_path, read_only=True) as con:
        shown = con.execute(
            "SELECT la_code, group_value, case_holders FROM marts.submission_la_snapshot "
            "WHERE group_kind IN ('all', 'team') ORDER BY group_order"
        ).fetchall()
        files = con.execute("SELECT file_name FROM submissions.files").fetchall()
    assert shown == [("E06000001", "all", 12), ("E06000001", "child protection", 12)]
    assert files == [("good.csv",)]
    quarantine = folders(settings)["quarantine"]
    assert any(p.name.endswith("mixed.csv.report.txt") for p in quarantine.iterdir())
    assert not list(folders(settings)["inbox"].iterdir())
    published = result.asset_materializations_for_node("submissions_published")[0].metadata
    assert published["published"].value is False, "no release is served yet: nothing to republish onto"


def test_each_file_records_the_template_version_whose_columns_it_uses(settings):
    """A file giving a declared maximum is template v2; one without (v1's columns, or v2's left empty) v1."""
    v1 = tuple(c for c in spec.TEMPLATE_COLUMNS if c not in spec.V2_COLUMNS)
    files = {
        "v1.csv": csv_bytes(good_rows(6), v1),
        "v2_empty.csv": csv_bytes(good_rows(6, la_code="E09000033")),
        "v2.csv": csv_bytes(good_rows(6, la_code="E08000025", declared_max_children="16")),
    }
    with connect(settings.work_path) as con:
        for name, content in files.items():
            assert process_file(drop(settings, name, content), settings, con, KNOWN, TODAY).status == "loaded"
        versions = dict(con.execute("SELECT file_name, template_version FROM submissions.files").fetchall())
    assert versions == {"v1.csv": 1, "v2_empty.csv": 1, "v2.csv": 2}
