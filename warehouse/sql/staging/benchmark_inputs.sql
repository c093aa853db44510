-- staging.benchmark_inputs: one row per council, year and benchmarked measure, with the
-- denominator its chance variation depends on and England's value (docs/method.md, "Benchmarks").
CREATE OR REPLACE TABLE staging.benchmark_inputs AS
WITH england AS (
    SELECT year, caseload_fte, agency_rate_fte, vacancy_rate_fte, turnover_rate_fte, absence_rate_fte
    FROM marts.area_year WHERE geographic_level = 'National'
),
england_cin AS (
    -- England's children in need at 31 March per 10,000 children, with the same population
    -- convention as the councils' figure (marts.la_year_context): the mid-year before.
    SELECT CAST(c.time_period AS INTEGER) AS year,
           10000.0 * cw_num(c.At31_episodes) / p.children_0_17 AS cin_per_10000
    FROM raw.children_in_need c
    JOIN staging.population p
      ON p.geographic_level = 'National' AND p.year = CAST(c.time_period AS INTEGER) - 1
    WHERE c.geographic_level = 'National'
),
long AS (
    SELECT l.la_code, l.la_name, l.region_code, l.year, 'caseload' AS measure,
           l.caseload_fte AS value, l.caseload_status AS value_status,
           l.case_holders_fte AS denominator, e.caseload_fte AS england_value
    FROM marts.la_year l JOIN england e USING (year)
    UNION ALL
    -- The publisher's denominators: agency / (agency + in post), vacancies / (vacancies + in post).
    SELECT l.la_code, l.la_name, l.region_code, l.year, 'agency_rate', l.agency_rate_fte,
           l.agency_rate_fte_status, l.agency_fte + l.inpost_fte, e.agency_rate_fte
    FROM marts.la_year l JOIN england e USING (year)
    UNION ALL
    SELECT l.la_code, l.la_name, l.region_code, l.year, 'vacancy_rate', l.vacancy_rate_fte,
           l.vacancy_rate_fte_status, l.vacancy_fte + l.inpost_fte, e.vacancy_rate_fte
    FROM marts.la_year l JOIN england e USING (year)
    UNION ALL
    SELECT l.la_code, l.la_name, l.region_code, l.year, 'turnover_rate', l.turnover_rate_fte,
           l.turnover_rate_fte_status, l.inpost_fte, e.turnover_rate_fte
    FROM marts.la_year l JOIN england e USING (year)
    UNION ALL
    SELECT l.la_code, l.la_name, l.region_code, l.year, 'absence_rate', l.absence_rate_fte,
           l.absence_rate_fte_status, l.inpost_fte, e.absence_rate_fte
    FROM marts.la_year l JOIN england e USING (year)
    UNION ALL
    SELECT c.la_code, c.la_name, c.region_code, c.year, 'cin_per_10000', c.cin_per_10000,
           c.cin_per_10000_status, c.cin_children_0_17 / 10000.0, ec.cin_per_10000
    FROM marts.la_year_context c JOIN england_cin ec USING (year)
)
SELECT * FROM long ORDER BY measure, year, la_code;
