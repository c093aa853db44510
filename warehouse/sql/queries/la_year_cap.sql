-- Per council and year, for each cap in `cap_input` (scenario_id, cap, cost_per_fte_gbp), over
-- `la_input` (marts.la_year; warehouse/metrics.py gives a release made before marts.la_year had
-- its notes an empty caseload_note).
-- One definition for the stored scenarios (marts.la_year_cap) and any cap a user picks
-- (warehouse/metrics.py). docs/method.md, "Over the cap" and "Additional FTE needed".
SELECT
    l.la_code,
    l.la_name,
    l.series_code,
    l.region_code,
    l.region_name,
    l.year,
    c.scenario_id,
    c.cap,
    l.caseload_fte,
    l.caseload_status,
    CASE WHEN l.caseload_status = 'published' THEN l.caseload_fte > c.cap END AS over_cap,
    CASE WHEN l.caseload_status = 'published'
         THEN round(greatest(0, l.caseload_fte - c.cap), 1) END AS excess_over_cap,
    -- Additional FTE exactly when over the cap by the published caseload (so 15.0 at a cap of 15
    -- needs none, whatever the unrounded ratio); then the unrounded cases / cap - FTE.
    -- `over_cap` here is the column above (DuckDB reuses a select-list alias).
    CASE WHEN NOT over_cap THEN 0.0
         WHEN over_cap AND l.cases_status = 'published' AND l.case_holders_fte_status = 'published'
         THEN greatest(0, l.cases / c.cap - l.case_holders_fte) END AS additional_fte_needed,
    additional_fte_needed * c.cost_per_fte_gbp AS additional_cost_gbp,
    c.cost_per_fte_gbp,
    l.children_0_17,
    l.caseload_note,
    -- Not in the published statistics: council submissions give worker-level shares, in
    -- marts.submission_cap. Kept empty here so the column means the same in every release.
    CAST(NULL AS DOUBLE) AS worker_breach_rate,
    CAST(NULL AS VARCHAR) AS worker_breach_rate_source
FROM la_input l
CROSS JOIN cap_input c
