"""Benchmarks against England with overdispersion-adjusted limits (warehouse/benchmark.py)."""

import dagster as dg

from pipeline.lib.blocking_check import blocking_check
from pipeline.lib.resources import WarehouseResource
from warehouse.build.benchmark import build_benchmarks
from warehouse.checks.benchmarks import BENCHMARK_CHECKS


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


benchmark_checks = [blocking_check(la_year_benchmark, name, check)
                    for name, check in BENCHMARK_CHECKS["la_year_benchmark"].items()]
