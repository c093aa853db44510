-- marts.la_year_notes: what a reader must know before quoting a council's figure for a year,
-- in plain words (docs/method.md, "Notes beside a figure"). One row per note. The one
-- definition: marts.la_year carries them, the marts that compare councils repeat them, and the
-- site shows them beside the figure, in chart hovers, tables and every download.
--   large_change  the caseload moved by more than 30% on the year before (staging.la_year_changes)
--   revised       the publisher changed the figure since its previous release (marts.revisions)
--   joint_return  one return for two councils: the figures are for both together
CREATE OR REPLACE TABLE marts.la_year_notes AS
WITH councils AS (
    SELECT w.area_code AS la_code, w.area_name AS la_name, d.series_code, w.year
    FROM staging.workforce_measures w
    JOIN marts.dim_la d ON d.la_code = w.area_code
    WHERE w.geographic_level = 'Local authority'
),
shown AS (
    -- A published figure as a number, a symbol in quotes: the way the publisher wrote it.
    SELECT r.*,
        CASE WHEN r.previous_status = 'published' THEN CAST(r.previous_value AS VARCHAR)
             ELSE '''' || r.previous_status || '''' END AS was,
        CASE WHEN r.current_status = 'published' THEN CAST(r.current_value AS VARCHAR)
             ELSE '''' || r.current_status || '''' END AS now,
        CASE r.measure
            WHEN 'caseload_fte' THEN 'the average caseload'
            WHEN 'cases' THEN 'the number of cases'
            WHEN 'case_holders_fte' THEN 'the case-holding social workers (FTE)'
            WHEN 'inpost_fte' THEN 'the social workers in post (FTE)'
            WHEN 'agency_rate_fte' THEN 'the agency worker rate'
            WHEN 'vacancy_rate_fte' THEN 'the vacancy rate'
            WHEN 'turnover_rate_fte' THEN 'the turnover rate'
            WHEN 'absence_rate_fte' THEN 'the sickness absence rate'
            ELSE 'the figure ' || r.measure END AS what
    FROM marts.revisions r
    WHERE r.latest_pair AND r.geographic_level = 'Local authority'
      AND r.revision_kind NOT IN ('only in current release', 'only in previous release')
),
notes AS (
    SELECT ch.la_code, ch.year, 1 AS note_order, 'large_change' AS note_kind, 'caseload_fte' AS measure,
        CASE
            WHEN ch.yoy_change_pct BETWEEN -55 AND -45 THEN 'Halved'
            WHEN ch.yoy_change_pct BETWEEN 90 AND 110 THEN 'Doubled'
            WHEN ch.yoy_change_pct > 0 THEN 'Up ' || CAST(round(ch.yoy_change_pct) AS INTEGER) || '%'
            ELSE 'Down ' || CAST(round(-ch.yoy_change_pct) AS INTEGER) || '%'
        END || ' since ' || (ch.year - 1) || ' (' || printf('%.1f', ch.previous_caseload_fte) || ' to '
            || printf('%.1f', ch.caseload_fte)
            || '): check with the council before quoting.' AS note
    FROM staging.la_year_changes ch
    WHERE ch.flag_large_change
    UNION ALL
    SELECT c.la_code, c.year, 2, 'revised', s.measure,
        'Revised by the publisher since its previous release: ' || s.what || ' was ' || s.was
            || ', now ' || s.now || '.'
    FROM shown s
    JOIN councils c ON c.series_code = s.series_code AND c.year = s.year
    UNION ALL
    SELECT la_code, year, 3, 'joint_return', NULL,
        'Joint return: one figure for ' || replace(la_name, ' / ', ' and ') || ' together.'
    FROM councils
    WHERE la_code LIKE '%/%'
)
SELECT
    n.la_code, c.la_name, c.series_code, n.year, n.note_order, n.note_kind, n.measure,
    -- Notes about the caseload figure itself: its change, its own revisions (or those of the
    -- cases and social workers it is worked out from), and a joint return (every figure).
    n.measure IS NULL OR n.measure IN ('caseload_fte', 'cases', 'case_holders_fte') AS about_caseload,
    n.note
FROM notes n
JOIN councils c ON c.la_code = n.la_code AND c.year = n.year
ORDER BY n.year, n.la_code, n.note_order, n.measure;
