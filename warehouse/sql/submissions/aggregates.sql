-- Exact worker counts and caseload statistics per current submission and group, before disclosure
-- control. These tables stay in the working file; pipeline/submissions/disclosure.py decides what is
-- shown. docs/submissions.md, "Breakdowns", is the definition of each group and figure.

-- Case-holding workers (at least one child allocated) of every current (not superseded) file: a
-- temporary table of the columns the aggregates use (millions of rows at national scale: written to
-- the file, it took about as long as all the aggregates). has_teams comes from a per-file GROUP BY
-- (a window over millions of rows took three times as long).
DROP TABLE IF EXISTS submissions.case_holders;

CREATE OR REPLACE TEMP TABLE case_holders AS
SELECT w.submission_id, w.la_code, w.snapshot_date, w.is_demo, f.version, f.loaded_at,
    w.children_allocated, w.fte, w.newly_qualified, w.employment, w.role,
    w.families_allocated, w.weighted_caseload, w.declared_max_children, w.declared_max_weighted,
    round(w.children_allocated / w.fte, 6) AS caseload_per_fte,
    coalesce(w.team, 'not given') AS team_group,
    t.has_teams
FROM submissions.workers w
JOIN submissions.files f USING (submission_id)
JOIN (SELECT submission_id, count(team) > 0 AS has_teams FROM submissions.workers
      WHERE children_allocated >= 1 GROUP BY ALL) t
  USING (submission_id)
WHERE f.superseded_by IS NULL AND w.children_allocated >= 1;

-- Each case holder once per group they belong to: the whole council ('all'), their team (when the
-- file gives teams; 'not given' for a case holder without one), their employment, their experience
-- and their role. Each kind's groups add up to 'all'.
CREATE OR REPLACE TEMP TABLE grouped AS
SELECT *, 'all' AS group_kind, 'all' AS group_value FROM case_holders
UNION ALL
SELECT *, 'team', team_group FROM case_holders WHERE has_teams
UNION ALL
SELECT *, 'employment', employment FROM case_holders
UNION ALL
SELECT *, 'experience', CASE WHEN newly_qualified THEN 'newly qualified' ELSE 'experienced' END
FROM case_holders
UNION ALL
SELECT *, 'role', role FROM case_holders;

-- One row per submission and group.
CREATE OR REPLACE TABLE submissions.agg_groups AS
SELECT submission_id, la_code, snapshot_date, is_demo, version, loaded_at, group_kind, group_value,
    CAST(count(*) AS BIGINT) AS case_holders,
    -- FTE summed as whole millionths: an integer sum is exact in any order, where a sum of doubles
    -- taken in parallel can differ in its last bits between runs (and flip a rounding).
    sum(children_allocated) / (sum(CAST(round(fte * 1e6) AS BIGINT)) / 1e6) AS caseload_mean,
    quantile_cont(caseload_per_fte, 0.5) AS caseload_median,
    quantile_cont(caseload_per_fte, 0.9) AS caseload_p90,
    -- Families only when every case holder of the group gives them (else the ratios would count
    -- some workers' children and others' families).
    count(families_allocated) = count(*) AS families_given,
    CAST(CASE WHEN count(families_allocated) = count(*) THEN sum(families_allocated) END AS BIGINT)
        AS families,
    CASE WHEN count(families_allocated) = count(*)
         THEN sum(families_allocated) / (sum(CAST(round(fte * 1e6) AS BIGINT)) / 1e6) END AS families_per_fte,
    CASE WHEN count(families_allocated) = count(*) AND sum(families_allocated) > 0
         THEN sum(children_allocated) / sum(families_allocated) END AS children_per_family
FROM grouped
GROUP BY ALL;

-- Workers above each cap, in every group. Named caps: pro rata to FTE, newly qualified workers at the
-- scenario's lower cap. `declared`: each worker against their own council's declared maximum for the
-- post (declared_max_children, as declared: not pro rata), and on the weighted measure
-- (weighted_caseload against declared_max_weighted) where the file gives it. A file declares on every
-- row or none (warehouse/submissions/validate.py), so a council that declares nothing has no rows.
-- "Above" is strictly more than the cap: 15 children at a cap of 15 is at the cap, not over it.
CREATE OR REPLACE TABLE submissions.agg_caps AS
SELECT g.submission_id, g.group_kind, g.group_value, c.scenario_id, c.scenario_label, c.scenario_order,
    'children' AS measure, c.cap_experienced, c.cap_newly_qualified,
    CAST(count(*) AS BIGINT) AS case_holders,
    CAST(count(*) FILTER (WHERE g.children_allocated > round(
        CASE WHEN g.newly_qualified THEN c.cap_newly_qualified ELSE c.cap_experienced END * g.fte, 6))
        AS BIGINT) AS workers_above_cap
FROM grouped g CROSS JOIN submissions.caps c
WHERE c.cap_experienced IS NOT NULL
GROUP BY ALL
UNION ALL
SELECT g.submission_id, g.group_kind, g.group_value, c.scenario_id, c.scenario_label, c.scenario_order,
    m.measure, NULL, NULL,
    CAST(count(*) AS BIGINT),
    CAST(count(*) FILTER (WHERE CASE m.measure
        WHEN 'children' THEN g.children_allocated > g.declared_max_children
        ELSE g.weighted_caseload > g.declared_max_weighted END) AS BIGINT)
FROM grouped g
CROSS JOIN submissions.caps c
CROSS JOIN (VALUES ('children'), ('weighted caseload')) m(measure)
WHERE c.cap_experienced IS NULL
  AND CASE m.measure WHEN 'children' THEN g.declared_max_children IS NOT NULL
      ELSE g.declared_max_weighted IS NOT NULL AND g.weighted_caseload IS NOT NULL END
GROUP BY ALL;

-- Case holders per caseload band (children per FTE) for the whole council, every band listed, zeros
-- included. Not per group: six more small counts in each of a dozen groups, each tied to its kind's
-- sum, left almost every figure suppressed (docs/submissions.md, "Why bands are for the whole council").
CREATE OR REPLACE TABLE submissions.agg_bands AS
WITH bands(band_order, band, caseload_from, caseload_to) AS (
    VALUES (1, 'up to 12', 0.0::DOUBLE, 12.0::DOUBLE), (2, 'over 12 to 15', 12.0, 15.0), (3, 'over 15 to 18', 15.0, 18.0),
           (4, 'over 18 to 20', 18.0, 20.0), (5, 'over 20 to 25', 20.0, 25.0), (6, 'over 25', 25.0, NULL)
),
present AS (SELECT DISTINCT submission_id, group_kind, group_value FROM grouped WHERE group_kind = 'all')
SELECT p.submission_id, p.group_kind, p.group_value, b.band_order, b.band, b.caseload_from, b.caseload_to,
    CAST(count(g.submission_id) AS BIGINT) AS workers
FROM present p CROSS JOIN bands b
LEFT JOIN grouped g
  ON g.submission_id = p.submission_id AND g.group_kind = p.group_kind AND g.group_value = p.group_value
 AND g.caseload_per_fte > b.caseload_from
 AND (b.caseload_to IS NULL OR g.caseload_per_fte <= b.caseload_to)
GROUP BY ALL;

DROP TABLE grouped;
DROP TABLE case_holders;
