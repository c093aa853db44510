"""Benchmarks against England with overdispersion-adjusted limits (warehouse/benchmark.py)."""

import dagster as dg

from pipeline.defs.blocking_check import blocking_check
from pipeline.defs.resources import WarehouseResource
from warehouse.benchmark import build_benchmarks
from warehouse.checks import Check


@dg.asset(
    deps=["la_year", "area_year", "la_year_context", "staging_population"],
    group_name="marts",
    kinds={"duckdb", "python"},
    description="marts.la_year_benchmark (labels, limits, rank, quartile per council, year and measure), "
    "marts.lottery_size (between-council SD per year) and marts.benchmark_measures.",
)
def la_year_benchmark(warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        rows, sizes = build_benchmarks(con)
    return dg.MaterializeResult(metadata={"rows": rows, "lottery_size_rows": sizes})


def _not_compared_never_ranked(con) -> Check:
    """A suppressed or missing value is not_compared and never ranked."""
    bad = con.execute("""SELECT la_code, year, measure FROM marts.la_year_benchmark
                         WHERE (label = 'not_compared') <> (rank IS NULL)
                            OR (value_status <> 'published' AND label <> 'not_compared')""").fetchall()
    return Check(not bad, "suppressed values are never ranked" if not bad else f"{len(bad)} rows: {bad[:5]}",
                 bad)


suppressed_values_not_compared = blocking_check(
    la_year_benchmark, "suppressed_values_not_compared", _not_compared_never_ranked)
