-- marts.area_year: England and its regions (and Inner and Outer London), per year.
CREATE OR REPLACE TABLE marts.area_year AS
WITH latest_population_year AS (SELECT max(year) AS year FROM staging.population)
SELECT
    w.geographic_level,
    w.area_code,
    w.area_name,
    w.year,
    w.case_holders_fte,
    w.case_holders_fte_status,
    w.cases,
    w.cases_status,
    w.caseload_fte,
    w.caseload_status,
    CASE WHEN w.case_holders_fte > 0 THEN w.cases / w.case_holders_fte END AS caseload_ratio,
    w.inpost_fte,
    w.inpost_fte_status,
    w.inpost_headcount,
    w.agency_rate_fte,
    w.agency_rate_fte_status,
    w.vacancy_rate_fte,
    w.vacancy_rate_fte_status,
    w.turnover_rate_fte,
    w.turnover_rate_fte_status,
    w.absence_rate_fte,
    w.absence_rate_fte_status,
    CAST(p.children_0_17 AS BIGINT) AS children_0_17,
    p.year AS population_year
FROM staging.workforce_wide w
LEFT JOIN staging.population p
       ON p.area_code = w.area_code
      AND p.geographic_level = w.geographic_level
      AND p.year = least(w.year, (SELECT year FROM latest_population_year))
WHERE w.geographic_level IN ('National', 'Regional')
ORDER BY w.year, w.geographic_level, w.area_code;
