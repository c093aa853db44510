-- marts.trend_digest: the latest year against the one before, for monitoring bodies
-- (docs/method.md, "Trend digest"). One row per item, in sections.
CREATE OR REPLACE TABLE marts.trend_digest AS
WITH latest AS (SELECT max(year) AS year FROM marts.la_year),
moves AS (
    SELECT p.*,
        row_number() OVER (ORDER BY p.yoy_change DESC, p.la_name) AS rise_rank,
        row_number() OVER (ORDER BY p.yoy_change ASC, p.la_name) AS fall_rank
    FROM marts.la_year_position p
    WHERE p.year = (SELECT year FROM latest) AND p.yoy_change IS NOT NULL
),
cap_moves AS (
    SELECT c.*, prev.over_cap AS previous_over_cap, prev.caseload_fte AS previous_caseload_fte
    FROM marts.la_year_cap c
    JOIN marts.la_year_cap prev
      ON prev.series_code = c.series_code AND prev.year = c.year - 1 AND prev.scenario_id = c.scenario_id
    WHERE c.year = (SELECT year FROM latest) AND c.over_cap IS NOT NULL AND prev.over_cap IS NOT NULL
      AND c.over_cap <> prev.over_cap
),
items AS (
    SELECT 'biggest_risers' AS section, NULL AS scenario_id, CAST(NULL AS DOUBLE) AS cap, rise_rank AS item_rank,
        la_code, la_name, series_code, region_name, year, 'caseload_fte' AS measure,
        previous_caseload_fte AS previous_value, caseload_fte AS current_value, yoy_change AS change,
        yoy_change_pct AS change_pct, 'published' AS previous_status, 'published' AS current_status
    FROM moves WHERE rise_rank <= 10 AND yoy_change > 0
    UNION ALL
    SELECT 'biggest_fallers', NULL, NULL, fall_rank, la_code, la_name, series_code, region_name, year,
        'caseload_fte', previous_caseload_fte, caseload_fte, yoy_change, yoy_change_pct, 'published', 'published'
    FROM moves WHERE fall_rank <= 10 AND yoy_change < 0
    UNION ALL
    SELECT CASE WHEN over_cap THEN 'newly_over_cap' ELSE 'back_under_cap' END, scenario_id, cap,
        row_number() OVER (PARTITION BY scenario_id, over_cap ORDER BY caseload_fte DESC, la_name),
        la_code, la_name, series_code, region_name, year, 'caseload_fte',
        previous_caseload_fte, caseload_fte, round(caseload_fte - previous_caseload_fte, 1),
        100 * (caseload_fte - previous_caseload_fte) / nullif(previous_caseload_fte, 0), 'published', 'published'
    FROM cap_moves
    UNION ALL
    SELECT 'revised', NULL, NULL,
        row_number() OVER (ORDER BY r.year DESC, r.geographic_level, r.area_name, r.measure),
        coalesce(r.current_area_code, r.previous_area_code), r.area_name, r.series_code,
        NULL, r.year, r.measure, r.previous_value, r.current_value, r.change,
        100 * r.change / nullif(r.previous_value, 0), r.previous_status, r.current_status
    FROM marts.revisions r
    WHERE r.latest_pair
)
SELECT
    (SELECT year FROM latest) AS digest_year,
    (SELECT year FROM latest) - 1 AS previous_year,
    i.section,
    i.scenario_id,
    i.cap,
    CAST(i.item_rank AS INTEGER) AS item_rank,
    i.la_code AS area_code,
    i.la_name AS area_name,
    i.series_code,
    i.region_name,
    i.year AS figure_year,
    i.measure,
    i.previous_value,
    i.previous_status,
    i.current_value,
    i.current_status,
    i.change,
    i.change_pct,
    CASE i.section
        WHEN 'biggest_risers' THEN i.la_name || ': average caseload up ' || i.change || ' to ' || i.current_value
        WHEN 'biggest_fallers' THEN i.la_name || ': average caseload down ' || -i.change || ' to ' || i.current_value
        WHEN 'newly_over_cap' THEN i.la_name || ': ' || i.current_value || ', now over ' || printf('%g', i.cap)
            || ' (was ' || i.previous_value || ')'
        WHEN 'back_under_cap' THEN i.la_name || ': ' || i.current_value || ', back at or under ' || printf('%g', i.cap)
            || ' (was ' || i.previous_value || ')'
        ELSE i.la_name || ' ' || i.year || ' ' || i.measure || ': '
            || coalesce(CAST(i.previous_value AS VARCHAR), i.previous_status, 'absent') || ' in the previous release, '
            || coalesce(CAST(i.current_value AS VARCHAR), i.current_status, 'absent') || ' now'
        END AS summary,
    -- What to know before quoting the council's figure (marts.la_year_notes); revisions are
    -- themselves the note.
    CASE WHEN i.section <> 'revised' THEN l.caseload_note END AS note
FROM items i
LEFT JOIN marts.la_year l ON l.la_code = i.la_code AND l.year = i.year
ORDER BY i.section, i.scenario_id, i.item_rank;
