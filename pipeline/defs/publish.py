"""The last step of a run: publish the marts as a new release the site can read.

It runs only when every blocking check upstream has passed, so a bad build
is never served.
"""


import dagster as dg

from pipeline.lib.resources import WarehouseResource
from warehouse.publish import publish


@dg.asset(
    # The dictionary waits for every mart (pipeline/defs/meta.py: MART_ASSETS).
    deps=["data_dictionary", "source_registry"],
    group_name="publish",
    kinds={"duckdb"},
    description="Copies the marts into a new release file and swaps it in for the site.",
)
def published_release(warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse.settings()
    release = publish(settings.work_path, settings.warehouse_path, settings.releases_dir)
    return dg.MaterializeResult(
        metadata={
            "release_id": release.release_id,
            "path": dg.MetadataValue.path(str(settings.warehouse_path)),
            "tables": release.tables,
        }
    )
