"""Council submissions in the graph: load the inbox, then rebuild the disclosure-controlled marts.

`caseload run` runs both (so it also picks up files waiting in the inbox); the
inbox sensor (sensors.py) runs them as the `submissions_load` job when files arrive.
"""

import os

import dagster as dg

from pipeline.lib.resources import WarehouseResource
from pipeline.submissions import disclosure, foi_disclosure
from pipeline.submissions.inbox import process_batch, waiting_files
from warehouse.build.submission_marts import (
    MART_TABLES,
    build_aggregates,
    ensure_schema,
    write_marts,
)
from warehouse.config import REFERENCE_DIR
from warehouse.publish import republish
from warehouse.submissions import councils

INBOX_ASSET = "submission_inbox"
METRICS_ASSET = "submission_metrics"
PUBLISH_ASSET = "submissions_published"
CAPS_FILE = REFERENCE_DIR / "caps.csv"
LOGGED_FILES = 200  # per-file log lines and metadata entries for a run


class InboxConfig(dg.Config):
    files: list[str] = []  # names in the inbox to process; empty means every file waiting


@dg.asset(
    name=INBOX_ASSET,
    group_name="submissions",
    kinds={"duckdb"},
    description="Validates the files waiting in data/submissions/inbox/ as one batch; quarantines an "
    "invalid one with a report; loads the valid ones together (one transaction, worker_ref salted and "
    "hashed) and archives them.",
)
def submission_inbox(
    context: dg.AssetExecutionContext, config: InboxConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    waiting = waiting_files(settings)
    if config.files:
        waiting = [p for p in waiting if p.name in set(config.files)]
    with warehouse.connect() as con:
        ensure_schema(con)
        # data/reference/councils.csv, as `caseload validate` and the site's check use: a file that
        # passes on a council officer's laptop passes here
        codes = set(councils.known_codes())
        waiting = [p for p in waiting if os.path.lexists(p)]  # not handled by an earlier run
        outcomes = process_batch(waiting, settings, con, codes)
    for outcome in outcomes:  # every refusal is logged; loaded files only up to a point (23,000 a run)
        if outcome.status == "quarantined" or len(outcomes) <= LOGGED_FILES:
            context.log.info(f"{outcome.file_name}: {outcome.status} -> {outcome.moved_to}")
    counts = {s: sum(o.status == s for o in outcomes) for s in ("loaded", "duplicate", "quarantined")}
    context.log.info(f"{len(outcomes)} file(s) in one batch: {counts}")
    return dg.MaterializeResult(
        metadata={**counts, "files": [f"{o.file_name}: {o.status}" for o in outcomes[:LOGGED_FILES]]}
    )


@dg.asset(
    name=METRICS_ASSET,
    deps=[INBOX_ASSET, "la_year", "dim_la"],
    group_name="submissions",
    kinds={"duckdb"},
    description="Breach rates, medians, 90th percentiles and caseload bands per council, snapshot, group "
    "(team, employment, experience, role) and cap, pooled across councils per date, from current "
    "submissions, and from FOI answers' band counts (marts.submission_foi_*), with "
    "disclosure control (marts.submission_*).",
    metadata={"table": f"marts.{MART_TABLES[0]}", "tables": [f"marts.{name}" for name in MART_TABLES]},
)
def submission_metrics(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        aggregates = build_aggregates(con, CAPS_FILE if CAPS_FILE.exists() else None)
        marts = disclosure.apply(aggregates) | foi_disclosure.apply(aggregates)
        rows = write_marts(con, marts)
    return dg.MaterializeResult(metadata={**rows, "caps_file": CAPS_FILE.exists()})


@dg.asset(
    name=PUBLISH_ASSET,
    deps=[METRICS_ASSET],
    group_name="submissions",
    kinds={"duckdb"},
    description="Publishes the submission marts on their own: the served release with marts.submission_* "
    "replaced, swapped in atomically, so an upload is on the site within minutes. Run by the "
    "submissions_load job; a full run publishes them with everything else instead.",
)
def submissions_published(warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse.settings()
    release = republish(settings.work_path, settings.warehouse_path, settings.releases_dir, MART_TABLES)
    if release is None:
        return dg.MaterializeResult(metadata={"published": False, "why": "no release is served yet"})
    return dg.MaterializeResult(metadata={"published": True, "release_id": release.release_id})
