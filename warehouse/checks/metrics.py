"""Data checks on the metrics marts (docs/method.md). Each returns a `Check`.

They run as blocking Dagster asset checks: a release whose figures do not
reconcile is never published.
"""

from __future__ import annotations

from warehouse.checks import Check, result, rows
from warehouse.db import Connection


def cap_fte_reconciles(con: Connection) -> Check:
    """England's additional FTE equals the sum of its regions' and of its councils', every year and cap."""
    bad = rows(con, """
        WITH e AS (SELECT year, scenario_id, additional_fte_needed AS england, n_las
                   FROM marts.area_year_cap WHERE geographic_level = 'National'),
        r AS (SELECT year, scenario_id, sum(additional_fte_needed) AS regions, sum(n_las) AS n_las
              FROM marts.area_year_cap WHERE geographic_level = 'Regional' GROUP BY ALL),
        l AS (SELECT year, scenario_id, coalesce(sum(additional_fte_needed), 0) AS councils, count(*) AS n_las
              FROM marts.la_year_cap GROUP BY ALL)
        SELECT e.year, e.scenario_id, e.england, r.regions, l.councils
        FROM e JOIN r USING (year, scenario_id) JOIN l USING (year, scenario_id)
        WHERE abs(e.england - r.regions) > 1e-6 OR abs(e.england - l.councils) > 1e-6
           OR e.n_las <> r.n_las OR e.n_las <> l.n_las""")
    return result(bad, "England's additional FTE = regions' = councils' for every year and cap",
                   "years and caps whose additional FTE does not reconcile")


def unknown_is_never_under(con: Connection) -> Check:
    """A suppressed caseload is unknown against every cap; a published one is always decided."""
    bad = rows(con, """
        SELECT la_code, year, scenario_id, caseload_status, over_cap FROM marts.la_year_cap
        WHERE (caseload_status = 'published') <> (over_cap IS NOT NULL)""")
    return result(bad, "suppressed caseloads are unknown, never under a cap",
                   "rows whose over_cap disagrees with the caseload status")


def additional_fte_only_over_cap(con: Connection) -> Check:
    """A council not over the cap (or unknown) needs no additional FTE: the two columns tell one story."""
    bad = rows(con, """
        SELECT la_code, year, scenario_id, over_cap, additional_fte_needed FROM marts.la_year_cap
        WHERE (over_cap IS NULL OR NOT over_cap) AND coalesce(additional_fte_needed, 0) <> 0
        ORDER BY year DESC, scenario_id, la_code""")
    return result(bad, "only councils over the cap need additional FTE",
                   "rows not over the cap whose additional FTE is above 0")


def coverage_adds_up(con: Connection) -> Check:
    """Every breach rate's councils covered plus unknown make all its councils."""
    bad = rows(con, """
        SELECT area_code, year, scenario_id FROM marts.area_year_cap
        WHERE n_las_covered + n_las_unknown <> n_las OR n_las_over_cap > n_las_covered""")
    return result(bad, "covered + unknown = all councils in every rate",
                   "rates whose coverage does not add up")


def variation_coverage_adds_up(con: Connection) -> Check:
    """Every spread statistic's councils covered plus unknown make all its councils."""
    bad = rows(con, """
        SELECT area_code, year FROM marts.variation_year
        WHERE n_las_covered + n_las_unknown <> n_las OR min_caseload_fte > max_caseload_fte""")
    return result(bad, "covered + unknown = all councils in every statistic",
                   "statistics whose coverage does not add up")


def funnel_limits_ordered(con: Connection) -> Check:
    """Funnel limits nest: 99.8% outside 95%, both around the centre."""
    bad = rows(con, """
        SELECT la_code, year, funnel_method FROM marts.la_year_funnel
        WHERE NOT (lower_998 <= lower_95 AND lower_95 <= funnel_centre
                   AND funnel_centre <= upper_95 AND upper_95 <= upper_998)""")
    return result(bad, "funnel limits nest around England's rate", "rows with disordered funnel limits")


def revisions_match_councils(con: Connection) -> Check:
    """Every council cell of each earlier vintage finds its council in the next one (no phantoms)."""
    bad = rows(con, """
        SELECT year, series_code, measure, revision_kind FROM marts.revisions
        WHERE geographic_level = 'Local authority' AND revision_kind LIKE 'only in%'""")
    return result(bad, "both releases match council by council", "council cells found in one release only")


def _one_row_per_council_year(table: str):
    def check(con: Connection) -> Check:
        bad = rows(con, f"SELECT la_code, year, count(*) FROM {table} GROUP BY ALL HAVING count(*) > 1")
        return result(bad, f"one row per council and year in {table}",
                       f"duplicate (la_code, year) in {table}")

    check.__doc__ = f"One row per council and year in {table}."
    return check


METRICS_CHECKS = {
    "area_year_cap": {"cap_fte_reconciles": cap_fte_reconciles, "coverage_adds_up": coverage_adds_up},
    "la_year_cap": {"unknown_is_never_under": unknown_is_never_under,
                    "additional_fte_only_over_cap": additional_fte_only_over_cap},
    "variation_year": {"variation_coverage_adds_up": variation_coverage_adds_up},
    "la_year_funnel": {"funnel_limits_ordered": funnel_limits_ordered},
    "revisions": {"revisions_match_councils": revisions_match_councils},
    "la_year_position": {"unique_position": _one_row_per_council_year("marts.la_year_position")},
    "la_year_context": {"unique_context": _one_row_per_council_year("marts.la_year_context")},
}
