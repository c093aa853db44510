-- marts.area_year: England and its regions (and Inner and Outer London), per year.
CREATE OR REPLACE TABLE marts.area_year AS
WITH latest_population_year AS (SELECT max(year) AS year FROM staging.population)
SELECT
    w.geographic_level,
    w.area_code,
    w.area_name,
    w.year,
    w.* EXCLUDE (year, geographic_level, area_code, area_name),
    CAST(p.children_0_17 AS BIGINT) AS children_0_17,
    p.year AS population_year
FROM staging.workforce_measures w
LEFT JOIN staging.population p
       ON p.area_code = w.area_code
      AND p.geographic_level = w.geographic_level
      AND p.year = least(w.year, (SELECT year FROM latest_population_year))
WHERE w.geographic_level IN ('National', 'Regional')
ORDER BY w.year, w.geographic_level, w.area_code;
