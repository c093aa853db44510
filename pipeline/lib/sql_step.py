"""One Dagster asset per SQL file: the pattern every staging table and mart follows.

To add a table: write `warehouse/sql/<folder>/<name>.sql`, then add a `Step` to the
STEPS of its group's folder (pipeline/defs/<group>/assets.py) naming the asset, the SQL
file, the table it makes and the assets it reads. A table in schema marts is then
waited for by the data dictionary (pipeline/lib/marts.py), whose check wants its columns
described in data/dictionary/marts.<name>.toml, without being listed anywhere else.
"""

from dataclasses import dataclass

import dagster as dg

from pipeline.lib.resources import WarehouseResource
from warehouse.build.steps import row_count, run_step


@dataclass(frozen=True)
class Step:
    """One table made by one SQL file: `sql` is its path under warehouse/sql/ without `.sql`."""

    asset: str
    sql: str
    table: str
    deps: tuple[str, ...]
    group: str
    description: str


def sql_asset(spec: Step) -> dg.AssetsDefinition:
    @dg.asset(
        name=spec.asset,
        deps=list(spec.deps),
        group_name=spec.group,
        kinds={"duckdb", "sql"},
        description=spec.description,
        metadata={"table": spec.table, "sql": f"warehouse/sql/{spec.sql}.sql"},
    )
    def _asset(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            run_step(con, spec.sql, warehouse.settings().cost_per_fte_gbp)
            rows = row_count(con, spec.table)
        return dg.MaterializeResult(metadata={"rows": rows, "table": spec.table})

    return _asset
