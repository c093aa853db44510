-- staging.la_year_changes: each council's published caseload against the same series the year
-- before (docs/method.md, "Year-on-year change and flags"). The one definition of the change and
-- its flags: marts.la_year_position publishes them, marts.la_year_notes words the large changes.
-- Built from the same rows as marts.la_year (the current release's councils, matched to their
-- series), before it, so that marts.la_year can carry the notes.
CREATE OR REPLACE TABLE staging.la_year_changes AS
WITH councils AS (
    SELECT w.area_code AS la_code, d.series_code, w.year, w.caseload_fte
    FROM staging.workforce_measures w
    JOIN marts.dim_la d ON d.la_code = w.area_code
    WHERE w.geographic_level = 'Local authority'
),
series_years AS (
    SELECT c.*,
        lag(c.caseload_fte) OVER w AS prev1, lag(c.year) OVER w AS prev1_year,
        lag(c.caseload_fte, 2) OVER w AS prev2, lag(c.year, 2) OVER w AS prev2_year,
        lag(c.caseload_fte, 3) OVER w AS prev3, lag(c.year, 3) OVER w AS prev3_year
    FROM councils c
    WINDOW w AS (PARTITION BY c.series_code ORDER BY c.year)
),
changes AS (
    SELECT la_code, year, caseload_fte,
        CASE WHEN prev1_year = year - 1 THEN prev1 END AS previous_caseload_fte,
        -- Three rises in a row: this year, last year and the year before, each on the year before.
        coalesce(prev1_year = year - 1 AND prev2_year = year - 2 AND prev3_year = year - 3
                 AND caseload_fte > prev1 AND prev1 > prev2 AND prev2 > prev3, false) AS flag_sustained_rise
    FROM series_years
)
SELECT
    la_code, year, caseload_fte, previous_caseload_fte,
    round(caseload_fte - previous_caseload_fte, 1) AS yoy_change,
    100 * (caseload_fte - previous_caseload_fte) / nullif(previous_caseload_fte, 0) AS yoy_change_pct,
    flag_sustained_rise,
    coalesce(abs(100 * (caseload_fte - previous_caseload_fte) / nullif(previous_caseload_fte, 0)) > 30,
             false) AS flag_large_change
FROM changes
ORDER BY year, la_code;
