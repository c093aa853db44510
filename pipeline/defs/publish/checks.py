"""Blocking checks on the release's description: every mart column documented, every status right.

Both run on `data_dictionary`, which waits for every mart, so they see them all; a failure
stops `published_release`.
"""

import dagster as dg

from pipeline.defs.publish.assets import data_dictionary
from pipeline.lib.blocking_check import blocking_check
from pipeline.lib.resources import WarehouseResource
from warehouse.build.dictionary import undocumented_columns
from warehouse.checks.statuses import statuses_describe_values


@dg.asset_check(asset=data_dictionary, blocking=True,
                description="Every column of every mart has one description.")
def every_mart_column_documented(warehouse: WarehouseResource) -> dg.AssetCheckResult:
    with warehouse.connect() as con:
        missing = undocumented_columns(con)
    return dg.AssetCheckResult(
        passed=not missing,
        description="all documented" if not missing else f"not documented: {missing[:10]}",
        metadata={"undocumented": len(missing)},
    )


# Over every mart with a `_status` column, found in the catalogue, so a new mart is covered too.
statuses_describe_values_check = blocking_check(
    data_dictionary, "statuses_describe_values", statuses_describe_values)
