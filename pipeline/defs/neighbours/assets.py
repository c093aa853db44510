"""Statistical neighbours (issue 10): both DfE models, mean and median of the neighbours' values.

One SQL file (warehouse/sql/marts/la_year_neighbours.sql) with blocking checks,
so a release never averages a suppressed neighbour.
"""

from pipeline.lib.blocking_check import blocking_check
from pipeline.lib.sql_step import Step, sql_asset
from warehouse.checks.neighbours import NEIGHBOURS_CHECKS

NEIGHBOURS = Step(
    "la_year_neighbours", "marts/la_year_neighbours", "marts.la_year_neighbours",
    ("la_year", "dim_la", "la_year_benchmark", "raw_neighbours_2025", "raw_neighbours_2021"), "metrics",
    "Per council, year, measure and statistical neighbour model (DfE 2025 and April 2021): the mean and "
    "median of the neighbours' published values, with counts of neighbours and of suppressed ones.",
)

la_year_neighbours = sql_asset(NEIGHBOURS)


neighbours_checks = [blocking_check(la_year_neighbours, name, check)
                     for name, check in NEIGHBOURS_CHECKS.items()]
