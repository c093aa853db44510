"""The end of a run: the release's own description, then the release itself.

`data_dictionary` waits for every mart, so its blocking checks (checks.py) see them all;
`published_release` waits for it and for `source_registry`, and runs only when every
blocking check upstream has passed, so a bad build is never served.
"""

import dagster as dg
import polars as pl

import pipeline.defs
from pipeline.lib.marts import assets_in_package, mart_keys
from pipeline.lib.resources import WarehouseResource
from pipeline.sources.registry import load_registry
from warehouse.build.dictionary import load_dictionary
from warehouse.build.sources import load_sources
from warehouse.publish import publish

# Every asset that writes a mart (its `table` metadata is in schema marts), found in the other
# folders of pipeline/defs: a new mart is covered by the dictionary check, and waited for by the
# release, without being listed here. tests/test_defs.py checks none is missed.
MART_ASSETS = mart_keys(assets_in_package(pipeline.defs, skip=__package__))


@dg.asset(deps=MART_ASSETS, group_name="publish", kinds={"duckdb"},
          description="Loads data/dictionary/*.toml into meta.dictionary.")
def data_dictionary(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        columns = load_dictionary(con)
    return dg.MaterializeResult(metadata={"columns": columns})


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


@dg.asset(
    deps=[data_dictionary, source_registry],
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
