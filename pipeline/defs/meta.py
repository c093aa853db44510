"""The release's own description: the data dictionary and the source registry.

`data_dictionary` waits for every mart, so its check sees them all; the
publish step waits for it.
"""

import dagster as dg
import polars as pl

from pipeline.lib.blocking_check import blocking_check
from pipeline.lib.resources import WarehouseResource
from pipeline.sources.registry import load_registry
from warehouse.build.dictionary import load_dictionary, undocumented_columns
from warehouse.build.sources import load_sources
from warehouse.checks.statuses import statuses_describe_values

# Every mart asset. A new mart is added here, so the dictionary check covers it
# and the release waits for it (and its blocking checks).
MART_ASSETS = ["dim_la", "la_year_notes", "la_year", "area_year", "hex_layout", "council_search", "caps",
               "la_centres", "la_year_cap", "area_year_cap", "variation_year", "la_year_position",
               "la_year_funnel",
               "la_year_context", "revisions", "trend_digest", "submission_metrics", "la_year_benchmark",
               "la_year_neighbours"]


@dg.asset(deps=MART_ASSETS, group_name="publish", kinds={"duckdb"},
          description="Loads data/dictionary/*.toml into meta.dictionary.")
def data_dictionary(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        columns = load_dictionary(con)
    return dg.MaterializeResult(metadata={"columns": columns})


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


@dg.asset(group_name="publish", kinds={"duckdb"},
          description="The source registry (data/sources.toml) as meta.sources, for the site.")
def source_registry(warehouse: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse.settings()
    sources = load_registry(settings.registry_path)
    frame = pl.DataFrame([
        {"source_id": s.id, "title": s.title, "publisher": s.publisher, "vintage": s.vintage,
         "landing_page": s.landing_page, "url": s.url, "licence": s.licence,
         "attribution": s.attribution, "reference_date": s.reference_date}
        for s in sources
    ])
    with warehouse.connect() as con:
        load_sources(con, frame)
    return dg.MaterializeResult(metadata={"sources": frame.height})
