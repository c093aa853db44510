-- marts.revisions: figures the publisher changed between the previous and the current release
-- (docs/method.md, "Revisions"). Cells are matched by year, level, measure and the area's
-- identity: a council's series (staging.code_series), because the previous release gives some
-- councils their current codes for earlier years. Matching on the code string alone would
-- report those as phantom changes.
CREATE OR REPLACE TABLE marts.revisions AS
WITH cells AS (
    SELECT w.source_id, w.year, w.geographic_level, w.area_code, w.area_name, w.measure, w.value, w.status,
        CASE WHEN w.geographic_level = 'Local authority' THEN coalesce(cs.series_code, w.area_code)
             ELSE w.area_code END AS identity
    FROM staging.workforce_long w
    LEFT JOIN staging.code_series cs ON cs.code = w.area_code
),
previous AS (SELECT * FROM cells WHERE source_id = 'workforce_previous'),
current AS (
    SELECT * FROM cells
    WHERE source_id = 'workforce' AND year <= (SELECT max(year) FROM previous)
)
SELECT
    coalesce(c.year, p.year) AS year,
    coalesce(c.geographic_level, p.geographic_level) AS geographic_level,
    coalesce(c.identity, p.identity) AS series_code,
    coalesce(c.area_name, p.area_name) AS area_name,
    p.area_code AS previous_area_code,
    c.area_code AS current_area_code,
    coalesce(c.measure, p.measure) AS measure,
    p.value AS previous_value,
    p.status AS previous_status,
    c.value AS current_value,
    c.status AS current_status,
    round(c.value - p.value, 6) AS change,
    CASE
        WHEN p.identity IS NULL THEN 'only in current release'
        WHEN c.identity IS NULL THEN 'only in previous release'
        WHEN p.status = 'published' AND c.status = 'published' THEN 'value revised'
        WHEN p.status = 'published' THEN 'now suppressed'
        WHEN c.status = 'published' THEN 'now published'
        ELSE 'symbol changed' END AS revision_kind,
    'workforce_previous' AS previous_source_id,
    'workforce' AS current_source_id
FROM current c
FULL JOIN previous p
  ON p.year = c.year AND p.geographic_level = c.geographic_level
 AND p.identity = c.identity AND p.measure = c.measure
WHERE p.identity IS NULL OR c.identity IS NULL
   OR p.status IS DISTINCT FROM c.status OR p.value IS DISTINCT FROM c.value
ORDER BY year, geographic_level, series_code, measure;
