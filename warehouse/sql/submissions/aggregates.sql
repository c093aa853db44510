-- Exact worker counts and caseload statistics per current submission, before disclosure control.
-- These tables stay in the working file; pipeline/submissions/disclosure.py decides what is shown.

-- Case-holding workers (at least one child allocated) of every current (not superseded) file: a
-- temporary table of the columns the aggregates use (millions of rows at national scale: written to
-- the file, it took about as long as all the aggregates). has_teams comes from a per-file GROUP BY
-- (a window over millions of rows took three times as long).
DROP TABLE IF EXISTS submissions.case_holders;

CREATE OR REPLACE TEMP TABLE case_holders AS
SELECT w.submission_id, w.la_code, w.snapshot_date, w.is_demo, f.version, f.loaded_at,
    w.children_allocated, w.fte, w.newly_qualified,
    round(w.children_allocated / w.fte, 6) AS caseload_per_fte,
    coalesce(w.team, 'not given') AS team_group,
    t.has_teams
FROM submissions.workers w
JOIN submissions.files f USING (submission_id)
JOIN (SELECT submission_id, count(team) > 0 AS has_teams FROM submissions.workers
      WHERE children_allocated >= 1 GROUP BY ALL) t
  USING (submission_id)
WHERE f.superseded_by IS NULL AND w.children_allocated >= 1;

-- One row per submission and team ('all', and each team when the file gives teams).
CREATE OR REPLACE TABLE submissions.agg_groups AS
WITH tagged AS (
    SELECT *, 'all' AS grp FROM case_holders
    UNION ALL
    SELECT *, team_group AS grp FROM case_holders WHERE has_teams
)
SELECT submission_id, la_code, snapshot_date, is_demo, version, loaded_at, grp AS team,
    CAST(count(*) AS BIGINT) AS case_holders,
    -- FTE summed as whole millionths: an integer sum is exact in any order, where a sum of doubles
    -- taken in parallel can differ in its last bits between runs (and flip a rounding).
    sum(children_allocated) / (sum(CAST(round(fte * 1e6) AS BIGINT)) / 1e6) AS caseload_mean,
    quantile_cont(caseload_per_fte, 0.5) AS caseload_median,
    quantile_cont(caseload_per_fte, 0.9) AS caseload_p90
FROM tagged
GROUP BY ALL;

-- Workers above each cap, pro rata to FTE; newly qualified workers take the scenario's lower cap.
-- "Above" is strictly more than the cap: 15 children at a cap of 15 is at the cap, not over it.
CREATE OR REPLACE TABLE submissions.agg_caps AS
WITH tagged AS (
    SELECT *, 'all' AS grp FROM case_holders
    UNION ALL
    SELECT *, team_group AS grp FROM case_holders WHERE has_teams
)
SELECT t.submission_id, t.grp AS team, c.scenario_id, c.scenario_label, c.scenario_order,
    c.cap_experienced, c.cap_newly_qualified,
    CAST(count(*) AS BIGINT) AS case_holders,
    CAST(count(*) FILTER (WHERE t.children_allocated > round(
        CASE WHEN t.newly_qualified THEN c.cap_newly_qualified ELSE c.cap_experienced END * t.fte, 6))
        AS BIGINT) AS workers_above_cap
FROM tagged t CROSS JOIN submissions.caps c
GROUP BY ALL;

-- Case holders per caseload band (children per FTE), every band listed, zeros included.
CREATE OR REPLACE TABLE submissions.agg_bands AS
WITH bands(band_order, band, caseload_from, caseload_to) AS (
    VALUES (1, 'up to 12', 0.0::DOUBLE, 12.0::DOUBLE), (2, 'over 12 to 15', 12.0, 15.0), (3, 'over 15 to 18', 15.0, 18.0),
           (4, 'over 18 to 20', 18.0, 20.0), (5, 'over 20 to 25', 20.0, 25.0), (6, 'over 25', 25.0, NULL)
),
subs AS (SELECT DISTINCT submission_id FROM case_holders)
SELECT s.submission_id, b.band_order, b.band, b.caseload_from, b.caseload_to,
    CAST(count(h.submission_id) AS BIGINT) AS workers
FROM subs s CROSS JOIN bands b
LEFT JOIN case_holders h
  ON h.submission_id = s.submission_id
 AND h.caseload_per_fte > b.caseload_from
 AND (b.caseload_to IS NULL OR h.caseload_per_fte <= b.caseload_to)
GROUP BY ALL;

DROP TABLE case_holders;
