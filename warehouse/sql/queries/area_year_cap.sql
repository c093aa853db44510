-- England and each region, per year and cap, from the council rows in `la_cap`
-- (the output of queries/la_year_cap.sql). docs/method.md, "Breach rates" and "Additional FTE needed".
SELECT
    s.geographic_level,
    s.area_code,
    any_value(s.area_name) AS area_name,
    s.year,
    s.scenario_id,
    any_value(s.cap) AS cap,
    CAST(count(*) AS BIGINT) AS n_las,
    CAST(count(s.over_cap) AS BIGINT) AS n_las_covered,
    CAST(count(*) - count(s.over_cap) AS BIGINT) AS n_las_unknown,
    CAST(count(*) FILTER (WHERE s.over_cap) AS BIGINT) AS n_las_over_cap,
    100.0 * count(*) FILTER (WHERE s.over_cap) / nullif(count(s.over_cap), 0) AS pct_las_over_cap,
    CAST(sum(s.children_0_17) FILTER (WHERE s.over_cap IS NOT NULL) AS BIGINT) AS children_in_covered_las,
    CAST(coalesce(sum(s.children_0_17) FILTER (WHERE s.over_cap), 0) AS BIGINT) AS children_in_las_over_cap,
    CAST(coalesce(sum(s.children_0_17) FILTER (WHERE s.over_cap IS NULL), 0) AS BIGINT)
        AS children_in_unknown_las,
    CAST(count(*) FILTER (WHERE s.over_cap IS NOT NULL AND s.children_0_17 IS NULL) AS BIGINT)
        AS n_covered_las_without_population,
    100.0 * coalesce(sum(s.children_0_17) FILTER (WHERE s.over_cap), 0)
        / nullif(sum(s.children_0_17) FILTER (WHERE s.over_cap IS NOT NULL), 0)
        AS pct_children_in_las_over_cap,
    CAST(count(s.additional_fte_needed) AS BIGINT) AS n_las_costed,
    coalesce(sum(s.additional_fte_needed ORDER BY s.la_code), 0) AS additional_fte_needed,
    coalesce(sum(s.additional_cost_gbp ORDER BY s.la_code), 0) AS additional_cost_gbp,
    any_value(s.cost_per_fte_gbp) AS cost_per_fte_gbp,
    CAST(NULL AS DOUBLE) AS worker_breach_rate,
    CAST(NULL AS VARCHAR) AS worker_breach_rate_source
FROM (
    SELECT 'National' AS geographic_level, 'E92000001' AS area_code, 'England' AS area_name, *
    FROM la_cap
    UNION ALL BY NAME
    SELECT 'Regional' AS geographic_level, region_code AS area_code, region_name AS area_name, *
    FROM la_cap
) s
GROUP BY s.geographic_level, s.area_code, s.year, s.scenario_id
