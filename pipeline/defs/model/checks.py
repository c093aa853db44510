"""Blocking asset checks on marts.la_year: a failure stops the publish step."""


import dagster as dg

from pipeline.defs.resources import WarehouseResource
from warehouse.checks import LA_YEAR_CHECKS, Check


def _build(name: str, check) -> dg.AssetChecksDefinition:
    @dg.asset_check(
        asset="la_year",
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


la_year_checks = [_build(name, check) for name, check in LA_YEAR_CHECKS.items()]
