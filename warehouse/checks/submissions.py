"""The blocking check on the submission marts: nothing below the disclosure threshold is published.

Worker rows never leave the pipeline's working file; this checks what would be published
(docs/submissions.md, "Disclosure control").
"""

from __future__ import annotations

from warehouse.build.submission_marts import table_exists
from warehouse.checks import Check, result
from warehouse.db import Connection


def disclosure_failures(con: Connection) -> list[tuple]:
    """Published figures that break the small-number rule, and worker-level columns in marts."""
    if not table_exists(con, "marts", "submission_la_snapshot"):
        return []
    return con.execute(_WORKERS).fetchall() + _pooled_failures(con)


_WORKERS = """
    SELECT 'group under 5', la_code, snapshot_date, group_kind || ' ' || group_value
    FROM marts.submission_la_snapshot
    WHERE case_holders_status = 'published' AND case_holders < 5
    UNION ALL
    SELECT 'above-cap count 1-4', c.la_code, c.snapshot_date,
        c.group_kind || ' ' || c.group_value || ' ' || c.scenario_id || ' ' || c.measure
    FROM marts.submission_cap c
    JOIN marts.submission_la_snapshot s USING (la_code, snapshot_date, is_demo, group_kind, group_value)
    WHERE c.workers_above_cap_status = 'published'
      AND (c.workers_above_cap BETWEEN 1 AND 4 OR s.case_holders - c.workers_above_cap BETWEEN 1 AND 4
           OR s.case_holders_status <> 'published')
    UNION ALL
    SELECT 'band count 1-4', la_code, snapshot_date, group_kind || ' ' || group_value || ' ' || band
    FROM marts.submission_bands
    WHERE workers_status = 'published' AND workers BETWEEN 1 AND 4
    UNION ALL
    SELECT 'worker-level column', table_name, NULL, column_name FROM duckdb_columns()
    WHERE schema_name = 'marts' AND database_name = current_database()
      AND (column_name ILIKE '%worker_ref%' OR column_name ILIKE '%worker_hash%')
    ORDER BY ALL"""

# A pooled figure must be the sum of the pooled councils' own published figures.
_POOLED = """
    WITH parts AS (
        SELECT a.snapshot_date, a.is_demo, a.scenario_id, a.measure, a.case_holders, a.workers_above_cap,
            unnest(string_split(a.council_codes, '; ')) AS la_code
        FROM marts.submission_across a WHERE a.councils > 0
    )
    SELECT 'pooled figure not a sum of published ones', p.scenario_id || ' ' || p.measure, p.snapshot_date,
        CAST(p.is_demo AS VARCHAR)
    FROM parts p
    LEFT JOIN marts.submission_la_snapshot s
      ON s.la_code = p.la_code AND s.snapshot_date = p.snapshot_date AND s.is_demo = p.is_demo
     AND s.group_kind = 'all'
    LEFT JOIN marts.submission_cap c
      ON c.la_code = p.la_code AND c.snapshot_date = p.snapshot_date AND c.is_demo = p.is_demo
     AND c.group_kind = 'all' AND c.scenario_id = p.scenario_id AND c.measure = p.measure
    GROUP BY p.snapshot_date, p.is_demo, p.scenario_id, p.measure, p.case_holders, p.workers_above_cap
    HAVING bool_or(s.case_holders_status IS DISTINCT FROM 'published')
        OR bool_or(c.workers_above_cap_status IS DISTINCT FROM 'published')
        OR sum(s.case_holders) <> p.case_holders OR sum(c.workers_above_cap) <> p.workers_above_cap
    ORDER BY ALL"""


def _pooled_failures(con: Connection) -> list[tuple]:
    if not table_exists(con, "marts", "submission_across"):
        return []
    return con.execute(_POOLED).fetchall()


_FOI = """
    SELECT 'FOI answer under 5', la_code, snapshot_date, source FROM marts.submission_foi_answer
    WHERE case_holders_status = 'published' AND case_holders < 5
    UNION ALL
    SELECT 'FOI band count 1-4', la_code, snapshot_date, band FROM marts.submission_foi_bands
    WHERE case_holders_status = 'published' AND case_holders BETWEEN 1 AND 4
    UNION ALL
    SELECT 'FOI above-cap count 1-4', c.la_code, c.snapshot_date, c.scenario_id
    FROM marts.submission_foi_cap c JOIN marts.submission_foi_answer a USING (la_code, snapshot_date)
    WHERE c.workers_above_cap_status = 'published'
      AND (c.workers_above_cap BETWEEN 1 AND 4 OR a.case_holders - c.workers_above_cap BETWEEN 1 AND 4
           OR a.case_holders_status <> 'published')
    ORDER BY ALL"""


def foi_failures(con: Connection) -> list[tuple]:
    """FOI answers' published figures that break the same small-number rule (docs/submissions.md)."""
    if not table_exists(con, "marts", "submission_foi_answer"):
        return []
    return con.execute(_FOI).fetchall()


def no_small_figures(con: Connection) -> Check:
    """No published figure rests on fewer than 5 workers (FOI answers too); no worker-level column."""
    failures = disclosure_failures(con) + foi_failures(con)
    return result(failures, "disclosure rules hold", "figures breaking the disclosure rules")


SUBMISSION_CHECKS = {"submission_metrics": {"no_small_figures": no_small_figures}}
