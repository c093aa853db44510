"""The pipeline: fetch the published files, build the warehouse with Dagster, publish a release.

    definitions.py  the Dagster code location: loads defs/ and nothing else
    defs/           definitions only, one folder per asset group (sources, staging, marts, metrics,
                    site, submissions, publish), files named by role: assets, checks, sensors, schedules
    lib/            what the definitions share that is not a definition: the warehouse resource,
                    Step + sql_asset, blocking checks, which assets make marts
    sources/        the publishers' files, no Dagster: registry, fetch, raw archive, readers, ingest
    submissions/    council submissions, no Dagster: template, validation, inbox, disclosure control
    run.py          `caseload run`: every asset in this process, the checks reported

Every table is made by a warehouse/ function; nothing here opens DuckDB or runs its own SQL.
"""
