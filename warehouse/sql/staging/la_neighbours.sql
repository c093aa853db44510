-- staging.la_neighbours: who each council's statistical neighbours are, in the DfE 2025 model
-- (docs/method.md, "Position").
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
