-- marts.variation_year: the spread of published council caseloads per year, for England
-- and within each region (docs/method.md, "Variation"). Suppressed councils are counted
-- in n_las_unknown and left out of every statistic.
CREATE OR REPLACE TABLE marts.variation_year AS
WITH scoped AS (
    SELECT 'National' AS geographic_level, 'E92000001' AS area_code, 'England' AS area_name,
           year, la_name, caseload_fte
    FROM marts.la_year
    UNION ALL
    SELECT 'Regional', region_code, region_name, year, la_name, caseload_fte
    FROM marts.la_year
),
marked AS (
    SELECT *,
        min(caseload_fte) OVER (PARTITION BY area_code, year) AS area_min,
        max(caseload_fte) OVER (PARTITION BY area_code, year) AS area_max
    FROM scoped
),
stats AS (
    SELECT
        geographic_level,
        area_code,
        any_value(area_name) AS area_name,
        year,
        CAST(count(*) AS BIGINT) AS n_las,
        CAST(count(caseload_fte) AS BIGINT) AS n_las_covered,
        CAST(count(*) - count(caseload_fte) AS BIGINT) AS n_las_unknown,
        min(caseload_fte) AS min_caseload_fte,
        string_agg(la_name, '; ' ORDER BY la_name) FILTER (WHERE caseload_fte = area_min) AS min_la_names,
        max(caseload_fte) AS max_caseload_fte,
        string_agg(la_name, '; ' ORDER BY la_name) FILTER (WHERE caseload_fte = area_max) AS max_la_names,
        avg(caseload_fte ORDER BY la_name) AS mean_caseload_fte,
        stddev_samp(caseload_fte ORDER BY la_name) AS sd_caseload_fte,
        quantile_cont(caseload_fte, 0.10) AS p10_caseload_fte,
        quantile_cont(caseload_fte, 0.25) AS p25_caseload_fte,
        quantile_cont(caseload_fte, 0.50) AS median_caseload_fte,
        quantile_cont(caseload_fte, 0.75) AS p75_caseload_fte,
        quantile_cont(caseload_fte, 0.90) AS p90_caseload_fte
    FROM marked
    GROUP BY geographic_level, area_code, year
)
SELECT
    geographic_level, area_code, area_name, year, n_las, n_las_covered, n_las_unknown,
    min_caseload_fte, min_la_names, max_caseload_fte, max_la_names,
    round(max_caseload_fte - min_caseload_fte, 1) AS range_caseload_fte,
    max_caseload_fte / nullif(min_caseload_fte, 0) AS max_min_ratio,
    p10_caseload_fte, p25_caseload_fte, median_caseload_fte, p75_caseload_fte, p90_caseload_fte,
    p75_caseload_fte - p25_caseload_fte AS iqr_caseload_fte,
    p90_caseload_fte / nullif(p10_caseload_fte, 0) AS p90_p10_ratio,
    mean_caseload_fte,
    sd_caseload_fte,
    sd_caseload_fte / nullif(mean_caseload_fte, 0) AS coefficient_of_variation
FROM stats
ORDER BY year, geographic_level, area_code;
