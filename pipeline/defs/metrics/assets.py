"""The measures built on the foundation marts: caps, positions, spread, nearby gaps, funnel, context,
revisions, the trend digest, benchmarks and statistical neighbours.

Most tables are one SQL file each (`Step`). The two cap tables are built by
warehouse/build/caps.py, because the site runs the same SQL for a cap a user picks; the
benchmarks by warehouse/build/benchmark.py, because their overdispersion-adjusted limits are
computed in Python.
"""

from collections.abc import Callable

import dagster as dg

from pipeline.lib.resources import WarehouseResource
from pipeline.lib.sql_step import Step, sql_asset
from warehouse.build.benchmark import build_benchmarks
from warehouse.build.caps import build_area_year_cap, build_la_year_cap
from warehouse.build.steps import row_count
from warehouse.db import Connection

GROUP = "metrics"

STEPS = (
    Step("caps", "marts/caps", "marts.caps", (), GROUP,
         "Cap scenarios (data/reference/caps.csv) and the cost per social worker FTE used to price them."),
    Step("la_centres", "marts/la_centres", "marts.la_centres",
         ("dim_la", "raw_council_centres", "raw_district_lookup"), GROUP,
         "Each council's centre (for distances) and where it comes from, checked against its districts "
         "in the ONS lookup."),
    Step("variation_year", "marts/variation_year", "marts.variation_year", ("la_year",), GROUP,
         "The postcode lottery per year: spread of council caseloads, nationally and within each region."),
    Step("la_year_position", "marts/la_year_position", "marts.la_year_position",
         ("la_year", "area_year", "la_centres", "la_neighbours", "la_year_changes"), GROUP,
         "Each council's rank, percentile, differences from England, region, neighbours and councils "
         "within 50 miles, and year-on-year change with flags."),
    Step("nearby_gaps", "marts/nearby_gaps", "marts.nearby_gaps", ("la_year", "la_centres"), GROUP,
         "The postcode lottery between neighbours: per year, the widest gaps in published caseload between "
         "two councils whose centres are at most 50 miles apart, with both councils' notes."),
    Step("la_year_funnel", "marts/la_year_funnel", "marts.la_year_funnel", ("la_year", "area_year"), GROUP,
         "Funnel-plot limits (95%, 99.8%) for caseload against case-holding FTE, and each council's place."),
    Step("la_year_context", "marts/la_year_context", "marts.la_year_context",
         ("la_year", "raw_children_in_need", "raw_social_worker_changes", "raw_ofsted", "staging_population"),
         GROUP, "Workforce rates, children in need per 10,000, social worker changes, latest Ofsted."),
    Step("revisions", "marts/revisions", "marts.revisions", ("staging_workforce", "dim_la"), GROUP,
         "Figures the publisher revised between the previous and the current workforce release."),
    Step("trend_digest", "marts/trend_digest", "marts.trend_digest",
         ("la_year_position", "la_year_cap", "revisions"), GROUP,
         "Latest year against the one before: risers, fallers, councils newly over or back under each cap, "
         "revisions."),
    # Both DfE models: the mean and median of the neighbours' values, never of a suppressed one
    # (blocking checks in checks.py).
    Step("la_year_neighbours", "marts/la_year_neighbours", "marts.la_year_neighbours",
         ("la_year", "dim_la", "la_year_benchmark", "raw_neighbours_2025", "raw_neighbours_2021"), GROUP,
         "Per council, year, measure and statistical neighbour model (DfE 2025 and April 2021): the mean and "
         "median of the neighbours' published values, with counts of neighbours and of suppressed ones."),
)


def _python_asset(name: str, table: str, deps: list[str], build: Callable[[Connection], None],
                  description: str) -> dg.AssetsDefinition:
    @dg.asset(name=name, deps=deps, group_name=GROUP, kinds={"duckdb", "sql"}, description=description,
              metadata={"table": table, "sql": "warehouse/sql/queries/la_year_cap.sql, area_year_cap.sql"})
    def _asset(warehouse: WarehouseResource) -> dg.MaterializeResult:
        with warehouse.connect() as con:
            build(con)
            rows = row_count(con, table)
        return dg.MaterializeResult(metadata={"rows": rows, "table": table})

    return _asset


metrics_assets = [sql_asset(spec) for spec in STEPS] + [
    _python_asset("la_year_cap", "marts.la_year_cap", ["la_year", "caps"], build_la_year_cap,
                  "Per council, year and cap: over the cap, excess, additional FTE needed and cost."),
    _python_asset("area_year_cap", "marts.area_year_cap", ["la_year", "caps", "la_year_cap"],
                  build_area_year_cap,
                  "England and regions per year and cap: breach rates with coverage, additional FTE, cost."),
]


@dg.asset(
    deps=["la_year", "area_year", "la_year_context", "staging_population"],
    group_name=GROUP,
    kinds={"duckdb", "python"},
    description="marts.la_year_benchmark (labels, limits, rank, quartile per council, year and measure), "
    "marts.lottery_size (between-council SD per year) and marts.benchmark_measures.",
    metadata={"table": "marts.la_year_benchmark",
              "tables": ["marts.la_year_benchmark", "marts.lottery_size", "marts.benchmark_measures"]},
)
def la_year_benchmark(warehouse: WarehouseResource) -> dg.MaterializeResult:
    """Each council against England, with overdispersion-adjusted limits."""
    with warehouse.connect() as con:
        rows, sizes = build_benchmarks(con)
    return dg.MaterializeResult(metadata={"rows": rows, "lottery_size_rows": sizes})
