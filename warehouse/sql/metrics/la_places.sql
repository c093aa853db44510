-- Where each council is and who its statistical neighbours are (docs/method.md, "Places").

-- The centre of every council code in marts.dim_la. A joint return is the mean of its
-- members' centres. A code the centres file lacks (Barnsley and Sheffield's 2025 codes,
-- Northamptonshire, Buckinghamshire County) takes the centre of the newest code of its
-- series that has one.
CREATE OR REPLACE TABLE staging.la_centres AS
WITH centres AS (
    SELECT "gss-code" AS code, cw_num(lat) AS lat, cw_num("long") AS lon
    FROM raw.council_centres
    WHERE cw_num(lat) IS NOT NULL AND cw_num("long") IS NOT NULL
),
own AS (
    SELECT d.la_code, d.series_code, d.last_year,
        avg(c.lat ORDER BY c.code) AS lat, avg(c.lon ORDER BY c.code) AS lon,
        count(c.code) = len(any_value(d.member_codes)) AS complete
    FROM marts.dim_la d
    CROSS JOIN unnest(d.member_codes) AS m(code)
    LEFT JOIN centres c ON c.code = m.code
    GROUP BY d.la_code, d.series_code, d.last_year
),
by_series AS (
    SELECT series_code, arg_max(lat, last_year) AS lat, arg_max(lon, last_year) AS lon,
           arg_max(la_code, last_year) AS from_code
    FROM own WHERE complete GROUP BY series_code
)
SELECT o.la_code,
    CASE WHEN o.complete THEN o.lat ELSE s.lat END AS lat,
    CASE WHEN o.complete THEN o.lon ELSE s.lon END AS lon,
    CASE WHEN o.complete AND o.la_code LIKE '%/%' THEN 'mean of members'
         WHEN o.complete THEN 'own code'
         WHEN s.lat IS NOT NULL THEN 'series code ' || s.from_code
         END AS centre_source
FROM own o
LEFT JOIN by_series s ON s.series_code = o.series_code;

-- The 2025 statistical neighbour model, from three-digit council numbers to council codes.
-- A joint return takes the neighbours of both its members; a neighbour number maps to every
-- code that has used it (so a neighbour that is now part of a joint return maps to it).
CREATE OR REPLACE TABLE staging.la_neighbours AS
WITH numbers AS (
    SELECT la_code, trim(unnest(string_split(old_la_code, '/'))) AS old_la_code FROM marts.dim_la
),
model AS (
    SELECT old_la_code, rank, neighbour_old_la_code, closeness
    FROM raw.neighbours_2025
    UNPIVOT ((neighbour_old_la_code, closeness) FOR rank IN (
        (SN_1, SN_1P) AS '1', (SN_2, SN_2P) AS '2', (SN_3, SN_3P) AS '3', (SN_4, SN_4P) AS '4',
        (SN_5, SN_5P) AS '5', (SN_6, SN_6P) AS '6', (SN_7, SN_7P) AS '7', (SN_8, SN_8P) AS '8',
        (SN_9, SN_9P) AS '9', (SN_10, SN_10P) AS '10'))
)
SELECT '2025' AS neighbour_model, a.la_code, b.la_code AS neighbour_la_code,
       min(CAST(m.rank AS INTEGER)) AS neighbour_rank, arg_min(m.closeness, CAST(m.rank AS INTEGER)) AS closeness
FROM model m
JOIN numbers a ON a.old_la_code = trim(m.old_la_code)
JOIN numbers b ON b.old_la_code = trim(m.neighbour_old_la_code)
WHERE a.la_code <> b.la_code
GROUP BY a.la_code, b.la_code;
