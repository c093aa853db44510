-- Children aged 0 to 17 (ONS mid-year estimates), per area and year.
CREATE OR REPLACE TABLE staging.population AS
SELECT
    CAST(time_period AS INTEGER) AS year,
    geographic_level,
    CASE geographic_level
        WHEN 'National' THEN country_code
        WHEN 'Regional' THEN region_code
        ELSE new_la_code END AS area_code,
    cw_num(population_estimate) AS children_0_17,
    cw_status(population_estimate) AS children_0_17_status
FROM raw.population
WHERE age_group = 'Children aged 0 to 17 years';
