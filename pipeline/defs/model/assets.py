"""The foundation's staging tables and marts: workforce, population, councils."""

from pipeline.lib.sql_step import Step, sql_asset

STEPS = (
    Step("staging_workforce", "staging/workforce_long", "staging.workforce_long",
         ("raw_workforce", "raw_workforce_previous"), "staging",
         "Both vintages of the workforce indicators, one row per published cell, symbols kept; "
         "and the current vintage one row per area and year (staging.workforce_wide)."),
    Step("staging_population", "staging/population", "staging.population", ("raw_population",),
         "staging", "Children aged 0 to 17 per area and year."),
    Step("dim_la", "marts/dim_la", "marts.dim_la", ("staging_workforce",), "marts",
         "Every council code published, with region, type, years, and its series across "
         "reorganisations (data/reference/council_changes.csv)."),
    Step("la_year_changes", "staging/la_year_changes", "staging.la_year_changes",
         ("dim_la", "staging_workforce"), "staging",
         "Each council's caseload against the same series the year before, with the rise and "
         "large-change flags."),
    Step("la_year_notes", "marts/la_year_notes", "marts.la_year_notes",
         ("dim_la", "staging_workforce", "la_year_changes", "revisions"), "marts",
         "What to know before quoting a council's figure: large changes, revisions, joint returns."),
    Step("la_year", "marts/la_year", "marts.la_year",
         ("dim_la", "staging_workforce", "staging_population", "la_year_notes"), "marts",
         "One row per council per year: caseload, workforce rates, children 0-17, notes."),
    Step("area_year", "marts/area_year", "marts.area_year",
         ("staging_workforce", "staging_population"), "marts",
         "England, regions, Inner and Outer London per year."),
)

model_assets = [sql_asset(spec) for spec in STEPS]
