-- marts.revisions: figures the publisher changed between each vintage and the one before it
-- (docs/method.md, "Revisions"). Every vintage ever fetched is kept (staging.workforce_vintages,
-- rank 1 = the current release), so each pair (rank n + 1, rank n) is compared; `latest_pair`
-- marks the current release against the one before, which is what the site words as
-- "revised". Cells are matched by year, level, measure and the area's identity: a council's
-- series (staging.code_series), because one release gives some councils their current codes
-- for earlier years. Matching on the code string alone would report phantom changes. Only the
-- years and measures both vintages publish are compared: a new year or a new measure is not
-- a revision.
CREATE OR REPLACE TABLE marts.revisions AS
WITH cells AS (
    SELECT w.vintage_id, w.vintage_rank, w.year, w.geographic_level, w.area_code, w.area_name,
        w.measure, w.value, w.status,
        CASE WHEN w.geographic_level = 'Local authority' THEN coalesce(cs.series_code, w.area_code)
             ELSE w.area_code END AS identity
    FROM staging.workforce_long w
    LEFT JOIN staging.code_series cs ON cs.code = w.area_code
),
pairs AS (
    SELECT cur.vintage_id AS current_vintage_id, cur.vintage AS current_vintage,
        prev.vintage_id AS previous_vintage_id, prev.vintage AS previous_vintage,
        cur.vintage_rank, prev.latest_year AS previous_latest_year
    FROM staging.workforce_vintages cur
    JOIN staging.workforce_vintages prev ON prev.vintage_rank = cur.vintage_rank + 1
),
shared_measures AS (
    SELECT p.current_vintage_id, c.measure
    FROM pairs p
    JOIN (SELECT DISTINCT vintage_id, measure FROM cells) c ON c.vintage_id = p.current_vintage_id
    JOIN (SELECT DISTINCT vintage_id, measure FROM cells) o
      ON o.vintage_id = p.previous_vintage_id AND o.measure = c.measure
),
current AS (
    SELECT c.*, p.current_vintage_id
    FROM pairs p
    JOIN cells c ON c.vintage_id = p.current_vintage_id AND c.year <= p.previous_latest_year
    JOIN shared_measures m ON m.current_vintage_id = p.current_vintage_id AND m.measure = c.measure
),
previous AS (
    SELECT c.*, p.current_vintage_id
    FROM pairs p
    JOIN cells c ON c.vintage_id = p.previous_vintage_id
    JOIN shared_measures m ON m.current_vintage_id = p.current_vintage_id AND m.measure = c.measure
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
    pr.previous_vintage_id,
    pr.previous_vintage,
    pr.current_vintage_id,
    pr.current_vintage,
    pr.vintage_rank = 1 AS latest_pair
FROM current c
FULL JOIN previous p
  ON p.current_vintage_id = c.current_vintage_id
 AND p.year = c.year AND p.geographic_level = c.geographic_level
 AND p.identity = c.identity AND p.measure = c.measure
JOIN pairs pr ON pr.current_vintage_id = coalesce(c.current_vintage_id, p.current_vintage_id)
WHERE p.identity IS NULL OR c.identity IS NULL
   OR p.status IS DISTINCT FROM c.status OR p.value IS DISTINCT FROM c.value
ORDER BY pr.vintage_rank, year, geographic_level, series_code, measure;
