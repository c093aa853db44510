"""Staging tables and marts, each one SQL step of warehouse/transform.py.

To add a table: write its SQL file, name it in `warehouse.transform.STEPS`,
and add a `Step` here with the assets it reads.
"""


from dataclasses import dataclass

import dagster as dg

from pipeline.defs.resources import WarehouseResource
from warehouse.transform import row_count, run_step


@dataclass(frozen=True)
class Step:
    asset: str
    step: str
    table: str
    deps: tuple[str, ...]
    group: str
    description: str


STEPS = (
    Step("staging_workforce", "workforce", "staging.workforce_long",
         ("raw_workforce", "raw_workforce_previous"), "staging",
         "Both vintages of the workforce indicators, one row per published cell, symbols kept."),
    Step("staging_population", "population", "staging.population", ("raw_population",), "staging",
         "Children aged 0 to 17 per area and year."),
    Step("dim_la", "councils", "marts.dim_la", ("staging_workforce",), "marts",
         "Every council code published, with region, type, years, and its series across "
         "reorganisations."),
    Step("la_year", "la_year", "marts.la_year",
         ("dim_la", "staging_workforce", "staging_population"), "marts",
         "One row per council per year: caseload, workforce rates, children 0-17."),
    Step("area_year", "area_year", "marts.area_year",
         ("staging_workforce", "staging_population"), "marts",
         "England, regions, Inner and Outer London per year."),
)


def _build(spec: Step) -> dg.AssetsDefinition:
    @dg.asset(
        name=spec.asset,
        deps=list(spec.deps),
        group_name=spec.group,
        kinds={"duckdb", "sql"},
        description=spec.description,
        metadata={"table": spec.table},
    )
    def _asset(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            run_step(con, spec.step)
            rows = row_count(con, spec.table)
        return dg.MaterializeResult(metadata={"rows": rows, "table": spec.table})

    return _asset


model_assets = [_build(spec) for spec in STEPS]
