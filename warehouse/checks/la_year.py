"""Blocking checks on marts.la_year and its staging: one row per council and year, every council
known, cases adding up to England's, caseload matching cases / FTE, no missing years."""

from __future__ import annotations

from warehouse.checks import Check, result, rows
from warehouse.db import Connection


def unique_la_year(con: Connection) -> Check:
    bad = rows(con, """SELECT la_code, year, count(*) FROM marts.la_year
                        GROUP BY ALL HAVING count(*) > 1""")
    return result(bad, "one row per council and year", "duplicate (la_code, year)")


def known_councils(con: Connection) -> Check:
    bad = rows(con, """SELECT DISTINCT la_code FROM marts.la_year
                        WHERE la_code NOT IN (SELECT la_code FROM marts.dim_la)""")
    return result(bad, "every council code is in dim_la", "council codes missing from dim_la")


def cases_add_up(con: Connection) -> Check:
    """Council cases sum to England's published cases.

    Where every council's cases are published the sum must equal England's
    figure exactly; where some are suppressed, the published ones must not
    exceed it.
    """
    bad = rows(con, """
        SELECT l.year, sum(l.cases) AS councils, any_value(a.cases) AS england,
               count(*) FILTER (WHERE l.cases_status <> 'published') AS suppressed
        FROM marts.la_year l
        JOIN marts.area_year a ON a.year = l.year AND a.geographic_level = 'National'
        GROUP BY l.year
        HAVING (suppressed = 0 AND councils <> england) OR councils > england""")
    return result(bad, "council cases add up to England's each year",
                   "years whose council cases do not add up to England's")


def caseload_matches_ratio(con: Connection) -> Check:
    """Published caseload = cases / case-holder FTE, within 0.1.

    The publisher divides by unrounded FTE, so for very small councils the
    tolerance also allows for the FTE's own rounding (±0.05 FTE).
    """
    bad = rows(con, """
        SELECT la_code, year, caseload_fte, cases, case_holders_fte
        FROM marts.la_year
        WHERE caseload_status = 'published' AND cases_status = 'published'
          AND case_holders_fte_status = 'published'
          AND abs(cases / case_holders_fte - caseload_fte)
              > greatest(0.1, 0.05 + cases * 0.05 / (case_holders_fte * (case_holders_fte - 0.05)))""")
    return result(bad, "caseload_fte agrees with cases / case_holders_fte",
                   "rows whose caseload does not match cases / FTE")


def no_missing_years(con: Connection) -> Check:
    bad = rows(con, """
        WITH span AS (SELECT range AS year FROM range(
            (SELECT min(year) FROM marts.area_year), (SELECT max(year) FROM marts.area_year) + 1))
        SELECT s.year,
               (SELECT count(*) FROM marts.area_year a
                 WHERE a.year = s.year AND a.geographic_level = 'National') AS national_rows,
               (SELECT count(*) FROM marts.la_year l WHERE l.year = s.year) AS councils
        FROM span s
        WHERE national_rows <> 1 OR councils < 140""")
    return result(bad, "every year has England and its councils", "years missing or short")


def published_values_are_numbers(con: Connection) -> Check:
    """A cell marked 'published' has a number; a symbol never has one."""
    bad = rows(con, """
        SELECT vintage_id, source_row, measure, value, status FROM staging.workforce_long
        WHERE (status = 'published') <> (value IS NOT NULL)""")
    return result(bad, "statuses and values agree", "cells whose status and value disagree")


LA_YEAR_CHECKS = {
    "unique_la_year": unique_la_year,
    "known_councils": known_councils,
    "cases_add_up": cases_add_up,
    "caseload_matches_ratio": caseload_matches_ratio,
    "no_missing_years": no_missing_years,
    "published_values_are_numbers": published_values_are_numbers,
}
