"""Resources shared by every asset: the warehouse connection and the settings."""


from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from warehouse.config import Settings
from warehouse.db import connect
from warehouse.raw import ensure_schema


class WarehouseResource(dg.ConfigurableResource):
    """The pipeline's working DuckDB file (never the served snapshot).

    Settings come from the environment (warehouse/config.py), so the CLI,
    `dagster dev` and the tests all point at the same place.
    """

    def settings(self) -> Settings:
        return Settings.from_env()

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = connect(self.settings().work_path)
        try:
            ensure_schema(con)
            yield con
        finally:
            con.close()


@dg.definitions
def resources() -> dg.Definitions:
    # One process, one step at a time: DuckDB lets one process write a file.
    return dg.Definitions(
        resources={"warehouse": WarehouseResource()},
        executor=dg.in_process_executor,
    )
