"""Staging tables: the published figures in a shape to build on, and the in-between tables
(year-on-year changes, statistical neighbours) the marts read.

Each is one SQL file under warehouse/sql/staging/ (`Step`); they stay in the working file and
are never published.
"""

from pipeline.defs.sources.assets import SOURCES, raw_asset_name
from pipeline.lib.sql_step import Step, sql_asset

GROUP = "staging"
# Every registry entry whose file is a vintage of the workforce table (data/sources.toml `series`).
WORKFORCE_VINTAGE_ASSETS = tuple(raw_asset_name(s.id) for s in SOURCES if s.series == "workforce")

STEPS = (
    Step("staging_workforce", "staging/workforce_long", "staging.workforce_long",
         WORKFORCE_VINTAGE_ASSETS, GROUP,
         "Every vintage of the workforce indicators ever fetched, in order (staging.workforce_vintages), "
         "one row per published cell, symbols kept; and the current vintage one row per area and "
         "year (staging.workforce_wide)."),
    Step("staging_population", "staging/population", "staging.population", ("raw_population",),
         GROUP, "Children aged 0 to 17 per area and year."),
    Step("la_year_changes", "staging/la_year_changes", "staging.la_year_changes",
         ("dim_la", "staging_workforce"), GROUP,
         "Each council's caseload against the same series the year before, with the rise and "
         "large-change flags."),
    Step("la_neighbours", "staging/la_neighbours", "staging.la_neighbours", ("dim_la", "raw_neighbours_2025"),
         GROUP, "Each council's statistical neighbours in the DfE 2025 model, as council codes."),
)

staging_assets = [sql_asset(spec) for spec in STEPS]
