"""The foundation marts every figure rests on: councils, council-years and areas.

Each is one SQL file under warehouse/sql/marts/ (`Step`). The measures built on them
(caps, positions, benchmarks...) are in pipeline/defs/metrics/.
"""

from pipeline.lib.sql_step import Step, sql_asset

GROUP = "marts"

STEPS = (
    # raw_council_centres: its register of council codes is read by dim_la's check (checks.py).
    Step("dim_la", "marts/dim_la", "marts.dim_la", ("staging_workforce", "raw_council_centres"), GROUP,
         "Every council code published, with region, type, years, and its series across "
         "reorganisations (data/reference/council_changes.csv)."),
    Step("la_year_notes", "marts/la_year_notes", "marts.la_year_notes",
         ("dim_la", "staging_workforce", "la_year_changes", "revisions"), GROUP,
         "What to know before quoting a council's figure: large changes, revisions, joint returns."),
    Step("la_year", "marts/la_year", "marts.la_year",
         ("dim_la", "staging_workforce", "staging_population", "la_year_notes"), GROUP,
         "One row per council per year: caseload, workforce rates, children 0-17, notes."),
    Step("area_year", "marts/area_year", "marts.area_year",
         ("staging_workforce", "staging_population"), GROUP,
         "England, regions, Inner and Outer London per year."),
)

marts_assets = [sql_asset(spec) for spec in STEPS]
