"""The resources every asset, check and sensor is given, and how a run executes."""

import dagster as dg

from pipeline.lib.resources import WarehouseResource


@dg.definitions
def resources() -> dg.Definitions:
    # One process, one step at a time: DuckDB lets one process write a file.
    return dg.Definitions(
        resources={"warehouse": WarehouseResource()},
        executor=dg.in_process_executor,
    )
