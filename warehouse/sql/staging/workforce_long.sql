-- Every vintage of the workforce indicators ever fetched (raw.vintages), in order: the
-- current release first, then each earlier one. Ordered by the latest year a vintage covers,
-- then by when the publisher published it, then by when we first fetched it.
CREATE OR REPLACE TABLE staging.workforce_vintages AS
SELECT
    vintage_id, vintage, route, url, published, sha256, latest_year, first_fetched_at, rows,
    row_number() OVER (ORDER BY latest_year DESC, published DESC NULLS LAST,
                                first_fetched_at DESC, vintage_id) AS vintage_rank
FROM raw.vintages
WHERE series = 'workforce';

-- Every vintage in long form: one row per published cell. `value` is the number as
-- published; `status` keeps the symbol ('published' for a number).
CREATE OR REPLACE TABLE staging.workforce_long AS
WITH cells AS (
    SELECT c.*, v.vintage_rank
    FROM raw.vintage_cells c
    JOIN staging.workforce_vintages v USING (vintage_id)
    WHERE c.series = 'workforce'
)
SELECT
    vintage_id,
    vintage_rank,
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

-- The current vintage, one row per area and year, one column per measure we use.
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
WHERE vintage_rank = 1
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
