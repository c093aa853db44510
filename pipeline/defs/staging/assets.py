"""Staging tables: the published figures in a shape to build on, and the in-between tables
(year-on-year changes, statistical neighbours) the marts read.

Each is one SQL file under warehouse/sql/staging/ (`Step`); they stay in the working file and
are never published.
"""

from pipeline.lib.sql_step import Step, sql_asset

GROUP = "staging"

STEPS = (
    Step("staging_workforce", "staging/workforce_long", "staging.workforce_long",
         ("raw_workforce", "raw_workforce_previous"), GROUP,
         "Both vintages of the workforce indicators, one row per published cell, symbols kept; "
         "and the current vintage one row per area and year (staging.workforce_wide)."),
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
