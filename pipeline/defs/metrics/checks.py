"""Blocking asset checks on the metrics marts: a failure stops the publish step."""

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from warehouse.checks import Check
from warehouse.metrics_checks import METRICS_CHECKS


def _build(asset: str, name: str, check) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset,
        name=name,
        blocking=True,
        description=(check.__doc__ or name).strip().splitlines()[0],
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            outcome: Check = check(con)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=outcome.summary,
            metadata={"failures": len(outcome.failures)},
        )

    return _check


metrics_checks = [_build(asset, name, check)
                  for asset, checks in METRICS_CHECKS.items() for name, check in checks.items()]
