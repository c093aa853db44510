"""Council submissions in the graph: load the inbox, then rebuild the disclosure-controlled marts.

`caseload run` runs both (so it also picks up files waiting in the inbox); the
inbox sensor (sensors.py) runs them as the `submissions_load` job when files arrive.
"""

import dagster as dg
import duckdb

from pipeline.defs.resources import WarehouseResource
from pipeline.submissions import disclosure
from pipeline.submissions.inbox import process_file, waiting_files
from warehouse.submissions import build_aggregates, ensure_schema, known_codes_from, write_marts
from warehouse.transform import REFERENCE_DIR

INBOX_ASSET = "submission_inbox"
METRICS_ASSET = "submission_metrics"
CAPS_FILE = REFERENCE_DIR / "caps.csv"


class InboxConfig(dg.Config):
    files: list[str] = []  # names in the inbox to process; empty means every file waiting


@dg.asset(
    name=INBOX_ASSET,
    group_name="submissions",
    kinds={"duckdb"},
    description="Validates each file in data/submissions/inbox/; loads a valid one (one transaction, "
    "worker_ref salted and hashed) and archives it; quarantines an invalid one with a report.",
)
def submission_inbox(
    context: dg.AssetExecutionContext, config: InboxConfig, warehouse: WarehouseResource
) -> dg.MaterializeResult:
    settings = warehouse.settings()
    waiting = waiting_files(settings)
    if config.files:
        waiting = [p for p in waiting if p.name in set(config.files)]
    outcomes = []
    with warehouse.connect() as con:
        ensure_schema(con)
        try:
            codes = known_codes_from(con)
        except duckdb.Error:  # no marts.dim_la yet: la_code is checked for its form only
            codes = None
            context.log.warning("marts.dim_la is not built: council codes are checked for their form only")
        for path in waiting:
            if not path.exists():  # handled by an earlier run
                continue
            outcome = process_file(path, settings, con, codes)
            context.log.info(f"{outcome.file_name}: {outcome.status} -> {outcome.moved_to}")
            outcomes.append(outcome)
    counts = {s: sum(o.status == s for o in outcomes) for s in ("loaded", "duplicate", "quarantined")}
    return dg.MaterializeResult(
        metadata={**counts, "files": [f"{o.file_name}: {o.status}" for o in outcomes]}
    )


@dg.asset(
    name=METRICS_ASSET,
    deps=[INBOX_ASSET, "la_year", "dim_la"],
    group_name="marts",
    kinds={"duckdb"},
    description="Breach rates, medians, 90th percentiles and caseload bands per council, snapshot, team "
    "and cap from current submissions, with disclosure control (marts.submission_*).",
)
def submission_metrics(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        aggregates = build_aggregates(con, CAPS_FILE if CAPS_FILE.exists() else None)
        marts = disclosure.apply(aggregates)
        rows = write_marts(con, marts)
    return dg.MaterializeResult(metadata={**rows, "caps_file": CAPS_FILE.exists()})
