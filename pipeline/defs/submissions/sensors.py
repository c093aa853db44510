"""Watch data/submissions/inbox/ and run the `submissions_load` job when files are waiting."""

import hashlib

import dagster as dg

from pipeline.defs.publish.jobs import build_everything, refresh_everything
from pipeline.defs.submissions.assets import INBOX_ASSET, METRICS_ASSET, PUBLISH_ASSET
from pipeline.lib.resources import WarehouseResource
from pipeline.submissions.inbox import waiting_files

LOAD_JOB = "submissions_load"
WRITERS = (LOAD_JOB, refresh_everything.name, build_everything.name)  # the jobs writing the working file

submissions_load = dg.define_asset_job(
    LOAD_JOB,
    selection=dg.AssetSelection.assets(INBOX_ASSET, METRICS_ASSET, PUBLISH_ASSET),
    description="Validate and load (or quarantine) the files in the inbox; rebuild the submission marts "
    "and publish them on their own (the served release with those marts replaced).",
)


@dg.sensor(
    job=submissions_load,
    minimum_interval_seconds=30,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Starts submissions_load when files are waiting in data/submissions/inbox/.",
)
def submissions_inbox_sensor(
    context: dg.SensorEvaluationContext, warehouse: WarehouseResource
) -> dg.SkipReason | dg.RunRequest:
    files = waiting_files(warehouse.settings())
    if not files:
        return dg.SkipReason("no files waiting in the inbox")
    # One writer of the working DuckDB file at a time: wait while this job or a full build runs.
    active = [
        context.instance.get_run_records(
            dg.RunsFilter(job_name=job, statuses=[
                dg.DagsterRunStatus.QUEUED, dg.DagsterRunStatus.NOT_STARTED,
                dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED]),
            limit=1,
        )
        for job in WRITERS
    ]
    if any(active):
        return dg.SkipReason("a run writing the warehouse is still going; the files wait for the next tick")
    stamp = "|".join(f"{p.name}:{p.lstat().st_size}:{p.lstat().st_mtime_ns}" for p in files)
    return dg.RunRequest(
        run_key=hashlib.sha256(stamp.encode()).hexdigest()[:16],
        run_config={"ops": {INBOX_ASSET: {"config": {"files": [p.name for p in files]}}}},
        tags={"caseload/files": str(len(files))},
    )
