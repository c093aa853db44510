-- marts.la_year_funnel: funnel-plot limits for caseload against case-holding FTE
-- (docs/method.md, "Funnel limits"). One row per council, year and funnel method, so an
-- overdispersion-adjusted method can add its own rows beside the plain Poisson ones.
CREATE OR REPLACE TABLE marts.la_year_funnel AS
WITH england AS (
    SELECT year, cases / case_holders_fte AS centre
    FROM marts.area_year
    WHERE geographic_level = 'National' AND cases_status = 'published' AND case_holders_fte_status = 'published'
),
limits AS (
    SELECT l.la_code, l.la_name, l.region_code, l.year, l.case_holders_fte, l.caseload_fte, l.caseload_status,
        e.centre,
        CASE WHEN l.case_holders_fte > 0 THEN sqrt(e.centre / l.case_holders_fte) END AS se
    FROM marts.la_year l
    JOIN england e USING (year)
)
SELECT
    la_code, la_name, region_code, year,
    'poisson' AS funnel_method,
    case_holders_fte,
    caseload_fte,
    caseload_status,
    centre AS funnel_centre,
    se AS funnel_se,
    centre - 1.959964 * se AS lower_95,
    centre + 1.959964 * se AS upper_95,
    centre - 3.090232 * se AS lower_998,
    centre + 3.090232 * se AS upper_998,
    CASE WHEN caseload_status = 'published' THEN (caseload_fte - centre) / se END AS z_score,
    CASE
        WHEN caseload_status <> 'published' OR se IS NULL THEN NULL
        WHEN caseload_fte > centre + 3.090232 * se THEN 'above 99.8%'
        WHEN caseload_fte > centre + 1.959964 * se THEN 'above 95%'
        WHEN caseload_fte < centre - 3.090232 * se THEN 'below 99.8%'
        WHEN caseload_fte < centre - 1.959964 * se THEN 'below 95%'
        ELSE 'inside 95%' END AS funnel_position
FROM limits
ORDER BY year, la_code;

-- The limits as curves for drawing the funnel: 200 points of case-holding FTE per year.
CREATE OR REPLACE TABLE marts.funnel_curve AS
WITH england AS (
    SELECT year, cases / case_holders_fte AS centre
    FROM marts.area_year
    WHERE geographic_level = 'National' AND cases_status = 'published' AND case_holders_fte_status = 'published'
),
span AS (SELECT year, max(case_holders_fte) * 1.05 AS top FROM marts.la_year GROUP BY year),
grid AS (
    SELECT s.year, 1 + (s.top - 1) * i / 199.0 AS case_holders_fte
    FROM span s CROSS JOIN range(200) AS r(i)
)
SELECT g.year, 'poisson' AS funnel_method, g.case_holders_fte, e.centre AS funnel_centre,
    e.centre - 1.959964 * sqrt(e.centre / g.case_holders_fte) AS lower_95,
    e.centre + 1.959964 * sqrt(e.centre / g.case_holders_fte) AS upper_95,
    e.centre - 3.090232 * sqrt(e.centre / g.case_holders_fte) AS lower_998,
    e.centre + 3.090232 * sqrt(e.centre / g.case_holders_fte) AS upper_998
FROM grid g JOIN england e USING (year)
ORDER BY g.year, g.case_holders_fte;
