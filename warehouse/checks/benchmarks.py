"""The blocking check on marts.la_year_benchmark: a suppressed or missing value is never ranked."""

from __future__ import annotations

from warehouse.checks import Check, result, rows
from warehouse.db import Connection


def suppressed_values_not_compared(con: Connection) -> Check:
    """A suppressed or missing value is not_compared and never ranked."""
    bad = rows(con, """SELECT la_code, year, measure FROM marts.la_year_benchmark
                       WHERE (label = 'not_compared') <> (rank IS NULL)
                          OR (value_status <> 'published' AND label <> 'not_compared')""")
    return result(bad, "suppressed values are never ranked", "benchmark rows ranked without a value")


BENCHMARK_CHECKS = {"la_year_benchmark": {"suppressed_values_not_compared": suppressed_values_not_compared}}
