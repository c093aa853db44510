"""One way to turn a warehouse check into a blocking Dagster asset check.

A check is a function of a DuckDB connection returning `warehouse.checks.Check`;
blocking means a failure stops everything downstream, the publish step included.
"""

from collections.abc import Callable

import dagster as dg

from pipeline.lib.resources import WarehouseResource
from warehouse.checks import Check
from warehouse.db import Connection


def blocking_check(
    asset: str | dg.AssetsDefinition, name: str, check: Callable[[Connection], Check]
) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset=asset,
        name=name,
        blocking=True,
        description=(check.__doc__ or name).strip().splitlines()[0],
    )
    def _check(warehouse: WarehouseResource) -> dg.AssetCheckResult:
        with warehouse.connect() as con:
            outcome = check(con)
        return dg.AssetCheckResult(
            passed=outcome.passed,
            severity=dg.AssetCheckSeverity.ERROR,
            description=outcome.summary,
            metadata={"failures": len(outcome.failures)},
        )

    return _check
