-- Both vintages of the workforce indicators in long form: one row per published cell.
-- `value` is the number as published; `status` keeps the symbol ('published' for a number).
CREATE OR REPLACE TABLE staging.workforce_long AS
WITH both_vintages AS (
    SELECT 'workforce' AS source_id, * FROM raw.workforce
    UNION ALL BY NAME
    SELECT 'workforce_previous' AS source_id, * FROM raw.workforce_previous
),
cells AS (
    SELECT * FROM both_vintages
    UNPIVOT INCLUDE NULLS (raw_value FOR measure IN (
        COLUMNS(* EXCLUDE (source_id, _row, time_period, time_identifier, geographic_level,
                           country_code, country_name, region_code, region_name,
                           old_la_code, new_la_code, la_name))))
)
SELECT
    source_id,
    _row AS source_row,
    CAST(time_period AS INTEGER) AS year,
    geographic_level,
    CASE geographic_level
        WHEN 'National' THEN country_code
        WHEN 'Regional' THEN region_code
        ELSE new_la_code END AS area_code,
    CASE geographic_level
        WHEN 'National' THEN country_name
        WHEN 'Regional' THEN region_name
        ELSE la_name END AS area_name,
    region_code,
    region_name,
    old_la_code,
    measure,
    cw_num(raw_value) AS value,
    cw_status(raw_value) AS status
FROM cells;

-- The current release, one row per area and year, one column per measure we use.
CREATE OR REPLACE TABLE staging.workforce_wide AS
SELECT
        year,
        geographic_level,
        area_code,
        any_value(area_name) AS area_name,
        max(value) FILTER (WHERE measure = 'case_holders_fte') AS case_holders_fte,
        max(status) FILTER (WHERE measure = 'case_holders_fte') AS case_holders_fte_status,
        CAST(max(value) FILTER (WHERE measure = 'cases') AS BIGINT) AS cases,
        max(status) FILTER (WHERE measure = 'cases') AS cases_status,
        max(value) FILTER (WHERE measure = 'caseload_fte') AS caseload_fte,
        max(status) FILTER (WHERE measure = 'caseload_fte') AS caseload_status,
        max(value) FILTER (WHERE measure = 'inpost_fte') AS inpost_fte,
        max(status) FILTER (WHERE measure = 'inpost_fte') AS inpost_fte_status,
        CAST(max(value) FILTER (WHERE measure = 'inpost_headcount') AS BIGINT) AS inpost_headcount,
        -- The counts behind the publisher's rates: agency / (agency + in post), vacancies / (vacancies + in post).
        max(value) FILTER (WHERE measure = 'agency_fte') AS agency_fte,
        max(status) FILTER (WHERE measure = 'agency_fte') AS agency_fte_status,
        max(value) FILTER (WHERE measure = 'agency_rate_fte') AS agency_rate_fte,
        max(status) FILTER (WHERE measure = 'agency_rate_fte') AS agency_rate_fte_status,
        max(value) FILTER (WHERE measure = 'vacancy_fte') AS vacancy_fte,
        max(status) FILTER (WHERE measure = 'vacancy_fte') AS vacancy_fte_status,
        max(value) FILTER (WHERE measure = 'vacancy_rate_fte') AS vacancy_rate_fte,
        max(status) FILTER (WHERE measure = 'vacancy_rate_fte') AS vacancy_rate_fte_status,
        max(value) FILTER (WHERE measure = 'turnover_rate_fte') AS turnover_rate_fte,
        max(status) FILTER (WHERE measure = 'turnover_rate_fte') AS turnover_rate_fte_status,
        max(value) FILTER (WHERE measure = 'absence_rate_fte') AS absence_rate_fte,
        max(status) FILTER (WHERE measure = 'absence_rate_fte') AS absence_rate_fte_status
FROM staging.workforce_long
WHERE source_id = 'workforce'
GROUP BY year, geographic_level, area_code;

-- The measures the marts publish, in the order they publish them.
CREATE OR REPLACE VIEW staging.workforce_measures AS
SELECT
    year, geographic_level, area_code, area_name,
    case_holders_fte, case_holders_fte_status, cases, cases_status, caseload_fte, caseload_status,
    -- The unrounded ratio: only for checks at a boundary, never instead of caseload_fte.
    CASE WHEN case_holders_fte > 0 THEN cases / case_holders_fte END AS caseload_ratio,
    inpost_fte, inpost_fte_status, inpost_headcount,
    agency_fte, agency_fte_status, agency_rate_fte, agency_rate_fte_status,
    vacancy_fte, vacancy_fte_status, vacancy_rate_fte, vacancy_rate_fte_status,
    turnover_rate_fte, turnover_rate_fte_status, absence_rate_fte, absence_rate_fte_status
FROM staging.workforce_wide;
