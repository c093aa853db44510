-- marts.la_year_position: where each council stands each year (docs/method.md, "Position").
-- Every comparison uses the published caseload; a suppressed council has no position and
-- is left out of the comparison groups of others.
CREATE OR REPLACE TABLE marts.la_year_position AS
WITH placed AS (
    SELECT l.la_code, l.la_name, l.year, l.caseload_fte, l.caseload_status, l.caseload_note, c.lat, c.lon
    FROM marts.la_year l
    LEFT JOIN marts.la_centres c ON c.la_code = l.la_code
),
known AS (SELECT * FROM placed WHERE caseload_status = 'published'),
ranked AS (
    SELECT la_code, year,
        CAST(rank() OVER (PARTITION BY year ORDER BY caseload_fte DESC) AS INTEGER) AS rank_highest,
        CAST(count(*) OVER (PARTITION BY year) AS INTEGER) AS n_ranked,
        100 * percent_rank() OVER (PARTITION BY year ORDER BY caseload_fte) AS percentile
    FROM known
),
neighbours AS (
    SELECT n.la_code, k.year, any_value(n.neighbour_model) AS neighbour_model,
        CAST(count(*) AS INTEGER) AS n_neighbours_covered,
        avg(k.caseload_fte ORDER BY k.la_code) AS neighbour_mean_caseload_fte
    FROM staging.la_neighbours n
    JOIN known k ON k.la_code = n.neighbour_la_code
    GROUP BY n.la_code, k.year
),
pairs AS (
    SELECT a.la_code, a.year, b.la_code AS other_code, b.la_name AS other_name, b.caseload_fte AS other_caseload,
        -- 'Liverpool: halved since 2024 ...': the note after the council's name.
        b.la_name || ': ' || lower(left(b.caseload_note, 1)) || substr(b.caseload_note, 2) AS other_note,
        cw_miles(a.lat, a.lon, b.lat, b.lon) AS miles
    FROM placed a JOIN known b ON b.year = a.year AND b.la_code <> a.la_code
    WHERE a.lat IS NOT NULL AND b.lat IS NOT NULL
),
near AS (
    SELECT *,
        max(other_caseload) OVER (PARTITION BY la_code, year) AS top,
        min(other_caseload) OVER (PARTITION BY la_code, year) AS bottom
    FROM pairs WHERE miles <= 50
),
nearby AS (
    -- Highest and lowest name every council tied at that caseload, in name order, with the notes
    -- a reader needs before quoting them (marts.la_year_notes).
    SELECT la_code, year,
        CAST(count(*) AS INTEGER) AS n_within_50_miles,
        avg(other_caseload ORDER BY other_code) AS mean_within_50_miles,
        string_agg(other_code, '; ' ORDER BY other_name) FILTER (WHERE other_caseload = top)
            AS highest_within_50_miles_la_code,
        string_agg(other_name, '; ' ORDER BY other_name) FILTER (WHERE other_caseload = top)
            AS highest_within_50_miles_la_name,
        max(other_caseload) AS highest_within_50_miles_caseload_fte,
        string_agg(other_note, ' ' ORDER BY other_name) FILTER (WHERE other_caseload = top)
            AS highest_within_50_miles_note,
        string_agg(other_code, '; ' ORDER BY other_name) FILTER (WHERE other_caseload = bottom)
            AS lowest_within_50_miles_la_code,
        string_agg(other_name, '; ' ORDER BY other_name) FILTER (WHERE other_caseload = bottom)
            AS lowest_within_50_miles_la_name,
        min(other_caseload) AS lowest_within_50_miles_caseload_fte,
        string_agg(other_note, ' ' ORDER BY other_name) FILTER (WHERE other_caseload = bottom)
            AS lowest_within_50_miles_note
    FROM near
    GROUP BY la_code, year
),
areas AS (
    SELECT year, area_code, caseload_fte FROM marts.area_year WHERE caseload_status = 'published'
)
SELECT
    l.la_code, l.la_name, l.series_code, l.region_code, l.region_name, l.year,
    l.caseload_fte, l.caseload_status, l.caseload_note,
    r.rank_highest, r.n_ranked, r.percentile,
    e.caseload_fte AS england_caseload_fte,
    round(l.caseload_fte - e.caseload_fte, 1) AS diff_from_england,
    g.caseload_fte AS region_caseload_fte,
    round(l.caseload_fte - g.caseload_fte, 1) AS diff_from_region,
    coalesce(n.neighbour_model, '2025') AS neighbour_model,
    coalesce(n.n_neighbours_covered, 0) AS n_neighbours_covered,
    n.neighbour_mean_caseload_fte,
    l.caseload_fte - n.neighbour_mean_caseload_fte AS diff_from_neighbours,
    coalesce(b.n_within_50_miles, 0) AS n_within_50_miles,
    b.mean_within_50_miles AS mean_within_50_miles_caseload_fte,
    l.caseload_fte - b.mean_within_50_miles AS diff_from_within_50_miles,
    b.highest_within_50_miles_la_code, b.highest_within_50_miles_la_name,
    b.highest_within_50_miles_caseload_fte, b.highest_within_50_miles_note,
    b.lowest_within_50_miles_la_code, b.lowest_within_50_miles_la_name,
    b.lowest_within_50_miles_caseload_fte, b.lowest_within_50_miles_note,
    c.previous_caseload_fte, c.yoy_change, c.yoy_change_pct, c.flag_sustained_rise, c.flag_large_change
FROM marts.la_year l
LEFT JOIN ranked r USING (la_code, year)
LEFT JOIN areas e ON e.year = l.year AND e.area_code = 'E92000001'
LEFT JOIN areas g ON g.year = l.year AND g.area_code = l.region_code
LEFT JOIN neighbours n USING (la_code, year)
LEFT JOIN nearby b USING (la_code, year)
LEFT JOIN staging.la_year_changes c USING (la_code, year)
ORDER BY l.year, l.la_code;
