-- marts.nearby_gaps: per year, the widest gaps in published average caseload between two
-- councils whose centres (marts.la_centres) are at most 50 miles apart (docs/method.md,
-- "Widest gaps between nearby councils"). The five widest per year, tied pairs sharing a rank
-- and all kept, so a tie at the top is never hidden. Only published caseloads are compared; a
-- council with no centre (Bournemouth and Poole, 2017-2018) is counted in n_councils_unplaced.
CREATE OR REPLACE TABLE marts.nearby_gaps AS
WITH known AS (
    SELECT l.la_code, l.la_name, l.year, l.caseload_fte, l.caseload_note, c.lat, c.lon
    FROM marts.la_year l
    LEFT JOIN marts.la_centres c ON c.la_code = l.la_code
    WHERE l.caseload_status = 'published'
),
placed AS (SELECT * FROM known WHERE lat IS NOT NULL AND lon IS NOT NULL),
coverage AS (
    SELECT year,
        CAST(count(lat) AS INTEGER) AS n_councils_compared,
        CAST(count(*) - count(lat) AS INTEGER) AS n_councils_unplaced
    FROM known GROUP BY year
),
-- Each unordered pair once: the higher caseload first (equal caseloads by code).
pairs AS (
    SELECT a.year,
        a.la_code AS higher_la_code, a.la_name AS higher_la_name,
        a.caseload_fte AS higher_caseload_fte, a.caseload_note AS higher_caseload_note,
        b.la_code AS lower_la_code, b.la_name AS lower_la_name,
        b.caseload_fte AS lower_caseload_fte, b.caseload_note AS lower_caseload_note,
        -- Both are published to one decimal place, so the rounded difference is exact.
        round(a.caseload_fte - b.caseload_fte, 1) AS gap_caseload_fte,
        cw_miles(a.lat, a.lon, b.lat, b.lon) AS miles_apart
    FROM placed a
    JOIN placed b ON b.year = a.year
        AND (a.caseload_fte > b.caseload_fte OR (a.caseload_fte = b.caseload_fte AND a.la_code < b.la_code))
),
near AS (
    SELECT *,
        CAST(count(*) OVER (PARTITION BY year) AS INTEGER) AS n_pairs_within_50_miles,
        CAST(rank() OVER (PARTITION BY year ORDER BY gap_caseload_fte DESC) AS INTEGER) AS gap_rank
    FROM pairs WHERE miles_apart <= 50
)
SELECT n.year, n.gap_rank, n.gap_caseload_fte, n.miles_apart,
    n.higher_la_code, n.higher_la_name, n.higher_caseload_fte, n.higher_caseload_note,
    n.lower_la_code, n.lower_la_name, n.lower_caseload_fte, n.lower_caseload_note,
    n.n_pairs_within_50_miles, c.n_councils_compared, c.n_councils_unplaced
FROM near n
JOIN coverage c USING (year)
WHERE n.gap_rank <= 5
ORDER BY n.year, n.gap_rank, n.higher_la_name, n.lower_la_name;
