"""Blocking checks on the submission marts: a failure stops the release."""

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from pipeline.defs.submissions.assets import METRICS_ASSET
from warehouse.submissions import disclosure_failures


@dg.asset_check(
    asset=METRICS_ASSET,
    blocking=True,
    description="No published figure rests on fewer than 5 workers; no worker-level column.",
)
def no_small_figures(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect() as con:
        failures = disclosure_failures(con)
    return dg.AssetCheckResult(
        passed=not failures,
        severity=dg.AssetCheckSeverity.ERROR,
        description="disclosure rules hold"
        if not failures
        else f"{len(failures)} found; first: {failures[:5]}",
        metadata={"failures": len(failures)},
    )
