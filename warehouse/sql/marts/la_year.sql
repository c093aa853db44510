-- marts.la_year: one row per council per year, as the current release publishes it.
-- Every measure keeps its published value and, beside it, its status
-- ('published' or the suppression symbol). Columns are described in data/dictionary.toml.
CREATE OR REPLACE TABLE marts.la_year AS
WITH population AS (
    -- Population is summed over the codes of the council's series, so joint
    -- returns and renamed codes find their children.
    SELECT p.year, cs.series_code, sum(p.children_0_17) AS children_0_17
    FROM staging.population p
    JOIN staging.code_series cs ON cs.code = p.area_code
    WHERE p.geographic_level = 'Local authority'
    GROUP BY ALL
),
latest_population_year AS (SELECT max(year) AS year FROM staging.population),
notes AS (
    -- marts.la_year_notes, joined into one text per row: every note, and those about the caseload.
    SELECT la_code, year,
        string_agg(note, ' ' ORDER BY note_order, measure) AS notes,
        string_agg(note, ' ' ORDER BY note_order, measure) FILTER (WHERE about_caseload) AS caseload_note
    FROM marts.la_year_notes
    GROUP BY la_code, year
)
SELECT
    w.area_code AS la_code,
    w.area_name AS la_name,
    d.series_code,
    d.region_code,
    d.region_name,
    w.year,
    w.* EXCLUDE (year, geographic_level, area_code, area_name),
    CAST(p.children_0_17 AS BIGINT) AS children_0_17,
    p.year AS population_year,
    n.caseload_note,
    n.notes
FROM staging.workforce_measures w
JOIN marts.dim_la d ON d.la_code = w.area_code
LEFT JOIN population p
       ON p.series_code = d.series_code
      AND p.year = least(w.year, (SELECT year FROM latest_population_year))
LEFT JOIN notes n ON n.la_code = w.area_code AND n.year = w.year
WHERE w.geographic_level = 'Local authority'
ORDER BY w.year, w.area_code;
