"""One asset per published source in the registry: fetch, archive, parse, load."""

import dagster as dg

from pipeline.lib.resources import WarehouseResource
from pipeline.sources.ingest import ingest_source
from pipeline.sources.registry import Source, load_registry
from warehouse.config import REGISTRY_PATH


def raw_asset_name(source_id: str) -> str:
    return f"raw_{source_id}"


def _build(source: Source) -> dg.AssetsDefinition:
    @dg.asset(
        name=raw_asset_name(source.id),
        group_name="sources",
        kinds={"duckdb", source.format},
        description=f"{source.title} ({source.publisher}). Loaded as text into {source.table}.",
        metadata={"url": source.url, "landing_page": source.landing_page, "licence": source.licence},
    )
    def _raw(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            result = ingest_source(source, warehouse.settings(), con)
        context.log.info(f"{source.id}: {result.rows} rows from {result.url} ({result.route})")
        warnings = []
        if "(EES failed" in result.route:
            warnings.append(f"fell back from EES: {result.route}")
        if result.added_columns:
            warnings.append(f"the publisher added columns, not loaded: {', '.join(result.added_columns)}")
        for warning in warnings:
            context.log.warning(f"{source.id}: {warning}")
        return dg.MaterializeResult(
            metadata={
                **({"warning": "; ".join(warnings)} if warnings else {}),
                "route": result.route,
                "rows": result.rows,
                "origin": dg.MetadataValue.url(result.url)
                if result.url.startswith("http")
                else dg.MetadataValue.path(result.url),
                "sha256": result.sha256,
                "bytes": result.bytes,
                "not_modified": result.not_modified,
                "vintage": result.vintage,
            }
        )

    return _raw


# The registry is a committed file at a fixed path, so reading it here needs no settings.
SOURCES = load_registry(REGISTRY_PATH)
raw_assets = [_build(source) for source in SOURCES]
