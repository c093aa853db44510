-- marts.la_year_context: what surrounds a council's caseload each year
-- (docs/method.md, "Context"). Other publications are matched through the council's
-- series (staging.code_series), never the code string alone.
CREATE OR REPLACE TABLE marts.la_year_context AS
WITH cin AS (
    -- Children in need at 31 March of cin_year, summed over the codes of a series.
    SELECT CAST(c.time_period AS INTEGER) AS cin_year, cs.series_code,
        CAST(count(*) AS INTEGER) AS n_codes,
        sum(cw_num(c.At31_episodes)) AS cin_at_31_march,
        string_agg(DISTINCT cw_status(c.At31_episodes), ',') FILTER (WHERE cw_status(c.At31_episodes) <> 'published')
            AS cin_symbols,
        list_sort(list(c.new_la_code)) AS cin_codes
    FROM raw.children_in_need c
    JOIN staging.code_series cs ON cs.code = c.new_la_code
    WHERE c.geographic_level = 'Local authority'
    GROUP BY ALL
),
population AS (
    SELECT p.year, cs.series_code, list_sort(list(p.area_code)) AS codes, sum(p.children_0_17) AS children_0_17
    FROM staging.population p
    JOIN staging.code_series cs ON cs.code = p.area_code
    WHERE p.geographic_level = 'Local authority'
    GROUP BY ALL
),
cin_rates AS (
    -- The population estimate for mid-(cin_year - 1), the last before 31 March, on the same codes.
    SELECT c.*, p.year AS cin_population_year, p.children_0_17 AS cin_children_0_17
    FROM cin c
    LEFT JOIN population p ON p.series_code = c.series_code AND p.year = c.cin_year - 1 AND p.codes = c.cin_codes
),
sw AS (
    SELECT CAST(s.time_period AS INTEGER) AS sw_year, cs.series_code,
        sum(cw_num(s.number)) FILTER (WHERE s.sw_stability = 'Total children') AS cla_at_31_march,
        sum(cw_num(s.number)) FILTER (WHERE s.sw_stability = '3 or more social workers during the year')
            AS cla_3plus_social_workers,
        bool_and(cw_status(s.number) = 'published') AS all_published
    FROM raw.social_worker_changes s
    JOIN staging.code_series cs ON cs.code = s.new_la_code
    WHERE s.geographic_level = 'Local authority'
    GROUP BY ALL
),
inspections AS (
    SELECT cs.series_code, o."Local authority name" AS ofsted_la_name,
        o."Overall effectiveness" AS ofsted_overall_effectiveness,
        o."Inspection type" AS ofsted_inspection_type,
        CAST(o."Inspection date" AS DATE) AS ofsted_inspection_date,
        CAST(o."Publication date" AS DATE) AS ofsted_publication_date
    FROM raw.ofsted o
    JOIN staging.code_series cs ON cs.code = o."Local authority area code"
    WHERE o."Overall effectiveness" IS NOT NULL
)
SELECT
    l.la_code, l.la_name, l.series_code, l.region_code, l.year,
    l.agency_rate_fte, l.agency_rate_fte_status,
    l.vacancy_rate_fte, l.vacancy_rate_fte_status,
    l.turnover_rate_fte, l.turnover_rate_fte_status,
    l.absence_rate_fte, l.absence_rate_fte_status,
    ci.cin_year,
    CAST(ci.cin_at_31_march AS BIGINT) AS cin_at_31_march,
    CASE WHEN ci.cin_year IS NULL THEN 'no match'
         WHEN ci.cin_symbols IS NOT NULL THEN ci.cin_symbols
         ELSE 'published' END AS cin_status,
    ci.cin_population_year,
    CAST(ci.cin_children_0_17 AS BIGINT) AS cin_children_0_17,
    10000.0 * ci.cin_at_31_march / nullif(ci.cin_children_0_17, 0) AS cin_per_10000,
    -- Why a rate is empty, in the statuses' own words (docs/method.md, "Symbols").
    CASE WHEN ci.cin_year IS NULL THEN 'no match'
         WHEN ci.cin_symbols IS NOT NULL THEN ci.cin_symbols
         WHEN coalesce(ci.cin_children_0_17, 0) = 0 THEN 'no population'
         ELSE 'published' END AS cin_per_10000_status,
    CASE
        WHEN ci.cin_year IS NULL THEN 'No children in need figure for this council''s area in the year to 31 March '
            || l.year || ': that year ends before the reorganisation, so it was published for the council(s) before it.'
        WHEN ci.cin_symbols IS NOT NULL THEN 'Suppressed by the publisher (' || ci.cin_symbols || ').'
        WHEN ci.cin_children_0_17 IS NULL THEN 'No population estimate for the same councils in mid-' || (l.year - 1) || '.'
        END AS cin_note,
    sw.sw_year,
    CAST(sw.cla_at_31_march AS BIGINT) AS cla_at_31_march,
    CAST(sw.cla_3plus_social_workers AS BIGINT) AS cla_3plus_social_workers,
    CASE WHEN sw.all_published THEN 100.0 * sw.cla_3plus_social_workers / nullif(sw.cla_at_31_march, 0) END
        AS pct_cla_3plus_social_workers,
    o.ofsted_la_name,
    o.ofsted_overall_effectiveness,
    o.ofsted_inspection_type,
    o.ofsted_inspection_date,
    o.ofsted_publication_date
FROM marts.la_year l
LEFT JOIN cin_rates ci ON ci.series_code = l.series_code AND ci.cin_year = l.year
-- The latest children looked after figure at or before the reporting year.
LEFT JOIN LATERAL (
    SELECT * FROM sw WHERE sw.series_code = l.series_code AND sw.sw_year <= l.year
    ORDER BY sw.sw_year DESC LIMIT 1
) sw ON true
-- The latest ILACS judgement published on or before 30 September of the reporting year.
LEFT JOIN LATERAL (
    SELECT * FROM inspections i
    WHERE i.series_code = l.series_code AND i.ofsted_publication_date <= make_date(l.year, 9, 30)
    ORDER BY i.ofsted_publication_date DESC, i.ofsted_inspection_date DESC, i.ofsted_la_name LIMIT 1
) o ON true
ORDER BY l.year, l.la_code;
