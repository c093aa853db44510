"""Blocking checks on marts.la_year_neighbours (docs/method.md, "Statistical neighbours").

A suppressed neighbour must be counted and left out, never averaged as 0:
these checks make that visible in every release.
"""

from __future__ import annotations

from warehouse.checks import Check, result, rows
from warehouse.db import Connection


def neighbour_counts_add_up(con: Connection) -> Check:
    """Neighbours with a value plus suppressed ones never exceed all neighbours; lists match counts."""
    bad = rows(con, """
        SELECT la_code, year, measure, neighbour_model FROM marts.la_year_neighbours
        WHERE n_neighbours_with_value + n_neighbours_suppressed > n_neighbours
           OR n_neighbours > n_model_neighbours
           OR len(neighbour_codes) <> n_neighbours
           OR len(suppressed_neighbour_codes) <> n_neighbours_suppressed
           OR (neighbour_mean IS NULL) <> (n_neighbours_with_value = 0)
           OR (neighbour_median IS NULL) <> (n_neighbours_with_value = 0)""")
    return result(bad, "neighbour counts add up and lists match them",
                   "rows whose neighbour counts or lists disagree")


def one_row_per_council_year_measure_model(con: Connection) -> Check:
    """Exactly one row per council-year of marts.la_year, benchmarked measure and model."""
    bad = rows(con, """
        WITH expected AS (
            SELECT l.la_code, l.year, m.measure, n.neighbour_model
            FROM marts.la_year l CROSS JOIN marts.benchmark_measures m
            CROSS JOIN (VALUES ('2025'), ('2021')) AS n(neighbour_model)
        ),
        actual AS (
            SELECT la_code, year, measure, neighbour_model, count(*) AS n
            FROM marts.la_year_neighbours GROUP BY ALL
        )
        SELECT e.la_code, e.year, e.measure, e.neighbour_model, a.n
        FROM expected e FULL JOIN actual a USING (la_code, year, measure, neighbour_model)
        WHERE a.n IS DISTINCT FROM 1 OR e.la_code IS NULL""")
    return result(bad, "one row per council, year, measure and model",
                   "council-year-measure-model combinations missing or repeated")


NEIGHBOURS_CHECKS = {
    "neighbour_counts_add_up": neighbour_counts_add_up,
    "one_row_per_council_year_measure_model": one_row_per_council_year_measure_model,
}
