"""The site's comparisons with England (benchmarks), read as published.

marts.la_year_benchmark, marts.lottery_size and marts.la_year_neighbours hold every limit,
label, rank, tau and neighbour statistic; warehouse/benchmark.py defines them once. These
functions only select rows, with bound parameters.
"""

from __future__ import annotations

import polars as pl

from warehouse.build.benchmark import limit_curve
from warehouse.db import Connection
from warehouse.read.site import caseload_note_column, frame, has_table

# Each benchmark row's notes (marts.la_year_notes): the caseload's own notes on the caseload row,
# a revision of a rate on that rate's row (the publisher's column is the measure plus '_fte').
_BENCHMARK_NOTES = """
    LEFT JOIN (
        SELECT CASE WHEN about_caseload THEN 'caseload' ELSE regexp_replace(measure, '_fte$', '') END
                   AS benchmark_measure,
               string_agg(note, ' ' ORDER BY note_order, measure) AS note
        FROM marts.la_year_notes
        WHERE la_code = $code AND year = $year AND (about_caseload OR note_kind = 'revised')
        GROUP BY ALL
    ) n ON n.benchmark_measure = m.measure
"""


def council_benchmarks(con: Connection, la_code: str, year: int) -> pl.DataFrame:
    """Every measure in marts.benchmark_measures (in its order) with the council's row, if any, and
    the notes a reader needs before quoting it (none in a release made before the notes)."""
    with_notes = has_table(con, "marts", "la_year_notes")
    return frame(
        con,
        f"""
        SELECT m.measure, m.label AS measure_label, m.unit, m.better, m.why,
               b.value, b.value_status, b.england_value, b.label, b.rank, b.n_ranked, b.quartile,
               b.lower_95, b.upper_95, b.lower_99_8, b.upper_99_8,
               {"n.note" if with_notes else "CAST(NULL AS VARCHAR)"} AS note
        FROM marts.benchmark_measures m
        LEFT JOIN marts.la_year_benchmark b ON b.measure = m.measure AND b.la_code = $code AND b.year = $year
        {_BENCHMARK_NOTES if with_notes else ""}
        ORDER BY m.rowid
    """,
        {"code": la_code, "year": year},
    )


def funnel_points(con: Connection, year: int, measure: str = "caseload") -> pl.DataFrame:
    """One year's compared councils with both sets of limits at their own denominators, and the
    notes on each council's caseload (marts.la_year.caseload_note) for the hover and the table."""
    note = caseload_note_column(con) if measure == "caseload" else "CAST(NULL AS VARCHAR)"
    return frame(
        con,
        f"""
        SELECT b.la_code, b.la_name, b.region_code, b.denominator, b.value, b.england_value, b.label,
               b.unadjusted_label, b.lower_95, b.upper_95, b.lower_99_8, b.upper_99_8, b.unadjusted_lower_95,
               b.unadjusted_upper_95, b.unadjusted_lower_99_8, b.unadjusted_upper_99_8,
               {note} AS caseload_note
        FROM marts.la_year_benchmark b
        LEFT JOIN marts.la_year l ON l.la_code = b.la_code AND l.year = b.year
        WHERE b.year = $year AND b.measure = $measure AND b.label <> 'not_compared'
        ORDER BY b.denominator, b.la_code
    """,
        {"year": year, "measure": measure},
    )


def lottery_size(con: Connection, measure: str = "caseload") -> pl.DataFrame:
    return frame(con, "SELECT * FROM marts.lottery_size WHERE measure = $m ORDER BY year", {"m": measure})


def council_neighbours(
    con: Connection, series_code: str, measure: str = "caseload"
) -> pl.DataFrame:
    """marts.la_year_neighbours for every year of a council's series (its code may have changed)."""
    return frame(
        con,
        """
        SELECT n.year, n.neighbour_model, n.neighbour_model_name, n.value, n.value_status,
               n.neighbour_mean, n.neighbour_median, n.n_neighbours, n.n_neighbours_with_value,
               n.n_neighbours_suppressed
        FROM marts.la_year_neighbours n
        JOIN marts.la_year l ON l.la_code = n.la_code AND l.year = n.year
        WHERE l.series_code = $s AND n.measure = $m
        ORDER BY n.neighbour_model DESC, n.year
    """,
        {"s": series_code, "m": measure},
    )


def funnel_curve(con: Connection, year: int, measure: str = "caseload") -> pl.DataFrame | None:
    """The funnel's limit curves for one year, from the published tau and England's value, over the
    compared councils' denominators (benchmark.limit_curve: the marts' own formula)."""
    rows = con.execute(
        """
        SELECT s.england_value, s.between_council_sd, min(b.denominator), max(b.denominator)
        FROM marts.lottery_size s
        JOIN marts.la_year_benchmark b ON b.measure = s.measure AND b.year = s.year
        WHERE s.year = $year AND s.measure = $measure AND b.label <> 'not_compared'
        GROUP BY ALL
    """,
        {"year": year, "measure": measure},
    ).fetchall()
    if not rows:
        return None
    england, tau, low, high = rows[0]
    return limit_curve(measure, england, tau, low, high)
