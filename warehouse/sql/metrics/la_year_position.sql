-- marts.la_year_position: where each council stands each year (docs/method.md, "Position").
-- Every comparison uses the published caseload; a suppressed council has no position and
-- is left out of the comparison groups of others.
CREATE OR REPLACE TABLE marts.la_year_position AS
WITH placed AS (
    SELECT l.la_code, l.la_name, l.year, l.caseload_fte, l.caseload_status, c.lat, c.lon
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
        cw_miles(a.lat, a.lon, b.lat, b.lon) AS miles
    FROM placed a JOIN known b ON b.year = a.year AND b.la_code <> a.la_code
    WHERE a.lat IS NOT NULL AND b.lat IS NOT NULL
),
nearby AS (
    SELECT la_code, year,
        CAST(count(*) AS INTEGER) AS n_within_50_miles,
        avg(other_caseload ORDER BY other_code) AS mean_within_50_miles,
        arg_max(other_code, (other_caseload, other_name)) AS highest_within_50_miles_la_code,
        arg_max(other_name, (other_caseload, other_name)) AS highest_within_50_miles_la_name,
        max(other_caseload) AS highest_within_50_miles_caseload_fte,
        arg_min(other_code, (other_caseload, other_name)) AS lowest_within_50_miles_la_code,
        arg_min(other_name, (other_caseload, other_name)) AS lowest_within_50_miles_la_name,
        min(other_caseload) AS lowest_within_50_miles_caseload_fte
    FROM pairs WHERE miles <= 50
    GROUP BY la_code, year
),
areas AS (
    SELECT year, area_code, caseload_fte FROM marts.area_year WHERE caseload_status = 'published'
),
series_years AS (
    SELECT l.*,
        lag(l.caseload_fte) OVER w AS prev1, lag(l.year) OVER w AS prev1_year,
        lag(l.caseload_fte, 2) OVER w AS prev2, lag(l.year, 2) OVER w AS prev2_year,
        lag(l.caseload_fte, 3) OVER w AS prev3, lag(l.year, 3) OVER w AS prev3_year
    FROM marts.la_year l
    WINDOW w AS (PARTITION BY l.series_code ORDER BY l.year)
),
changes AS (
    SELECT la_code, year,
        CASE WHEN prev1_year = year - 1 THEN prev1 END AS previous_caseload_fte,
        -- Three rises in a row: this year, last year and the year before, each on the year before.
        coalesce(prev1_year = year - 1 AND prev2_year = year - 2 AND prev3_year = year - 3
                 AND caseload_fte > prev1 AND prev1 > prev2 AND prev2 > prev3, false) AS sustained_rise
    FROM series_years
)
SELECT
    l.la_code, l.la_name, l.series_code, l.region_code, l.region_name, l.year,
    l.caseload_fte, l.caseload_status,
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
    b.highest_within_50_miles_caseload_fte,
    b.lowest_within_50_miles_la_code, b.lowest_within_50_miles_la_name,
    b.lowest_within_50_miles_caseload_fte,
    c.previous_caseload_fte,
    round(l.caseload_fte - c.previous_caseload_fte, 1) AS yoy_change,
    100 * (l.caseload_fte - c.previous_caseload_fte) / nullif(c.previous_caseload_fte, 0) AS yoy_change_pct,
    c.sustained_rise AS flag_sustained_rise,
    coalesce(abs(100 * (l.caseload_fte - c.previous_caseload_fte) / nullif(c.previous_caseload_fte, 0)) > 30,
             false) AS flag_large_change
FROM marts.la_year l
LEFT JOIN ranked r USING (la_code, year)
LEFT JOIN areas e ON e.year = l.year AND e.area_code = 'E92000001'
LEFT JOIN areas g ON g.year = l.year AND g.area_code = l.region_code
LEFT JOIN neighbours n USING (la_code, year)
LEFT JOIN nearby b USING (la_code, year)
LEFT JOIN changes c USING (la_code, year)
ORDER BY l.year, l.la_code;
