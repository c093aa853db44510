"""What the Dagster definitions share and that is not a definition itself.

    resources.py       WarehouseResource: the pipeline's working DuckDB file, and the settings
    sql_step.py        Step + sql_asset(): one asset per SQL file
    blocking_check.py  a warehouse check as a blocking asset check
    marts.py           which assets make marts, found from their metadata

These modules build assets and checks, so like pipeline/defs they do not use
`from __future__ import annotations` (Dagster inspects the parameters' annotations).
"""
