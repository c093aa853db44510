-- Statistical neighbours, both published DfE models (docs/method.md, "Statistical neighbours").

-- staging.neighbour_models: each model as published, one row per council number and neighbour,
-- in the DfE's three-digit council numbers. The 2021 file ends with "Old SNs:" rows for councils
-- abolished before April 2021 (Dorset, Poole, Bournemouth, Northamptonshire); they are kept, so
-- those councils have neighbours in the years they reported.
CREATE OR REPLACE TABLE staging.neighbour_models AS
WITH m2025 AS (
    SELECT '2025' AS neighbour_model, trim(old_la_code) AS la_number, CAST(rank AS INTEGER) AS neighbour_rank,
           trim(neighbour_number) AS neighbour_number, trim(closeness) AS closeness
    FROM raw.neighbours_2025
    UNPIVOT ((neighbour_number, closeness) FOR rank IN (
        (SN_1, SN_1P) AS '1', (SN_2, SN_2P) AS '2', (SN_3, SN_3P) AS '3', (SN_4, SN_4P) AS '4',
        (SN_5, SN_5P) AS '5', (SN_6, SN_6P) AS '6', (SN_7, SN_7P) AS '7', (SN_8, SN_8P) AS '8',
        (SN_9, SN_9P) AS '9', (SN_10, SN_10P) AS '10'))
),
m2021 AS (
    SELECT '2021' AS neighbour_model, trim("LA num") AS la_number, CAST(rank AS INTEGER) AS neighbour_rank,
           trim(neighbour_number) AS neighbour_number, trim(closeness) AS closeness
    FROM raw.neighbours_2021
    UNPIVOT ((neighbour_number, closeness) FOR rank IN (
        (SN1, SNP_1) AS '1', (SN2, SNP_2) AS '2', (SN3, SNP_3) AS '3', (SN4, SNP_4) AS '4',
        (SN5, SNP_5) AS '5', (SN6, SNP_6) AS '6', (SN7, SNP_7) AS '7', (SN8, SNP_8) AS '8',
        (SN9, SNP_9) AS '9', (SN10, SNP_10) AS '10'))
)
SELECT * FROM (SELECT * FROM m2025 UNION ALL SELECT * FROM m2021)
WHERE coalesce(la_number, '') <> '' AND coalesce(neighbour_number, '') <> '';

-- staging.la_year_neighbour_links: each council's neighbours in each model, as the councils that
-- reported that year. A joint return takes both members' neighbours (best rank kept); a neighbour
-- number maps to the council that used it that year, so a neighbour now in a joint return maps to
-- the joint return; a number no council used that year (e.g. 940 before 2021) has no council.
CREATE OR REPLACE TABLE staging.la_year_neighbour_links AS
WITH councils AS (
    SELECT l.la_code, l.year, trim(n.number) AS number
    FROM marts.la_year l
    JOIN marts.dim_la d USING (la_code)
    CROSS JOIN unnest(string_split(d.old_la_code, '/')) AS n(number)
),
by_number AS (
    SELECT c.la_code, c.year, m.neighbour_model, m.neighbour_number, min(m.neighbour_rank) AS neighbour_rank
    FROM councils c
    JOIN staging.neighbour_models m ON m.la_number = c.number
    LEFT JOIN councils own ON own.la_code = c.la_code AND own.year = c.year AND own.number = m.neighbour_number
    WHERE own.la_code IS NULL
    GROUP BY ALL
)
SELECT b.la_code, b.year, b.neighbour_model, b.neighbour_number, b.neighbour_rank,
       n.la_code AS neighbour_la_code
FROM by_number b
LEFT JOIN councils n ON n.year = b.year AND n.number = b.neighbour_number;

-- marts.la_year_neighbours: per council, year, measure and model, the mean and the median of the
-- neighbours' published values. A suppressed neighbour is left out and counted, never taken as 0.
CREATE OR REPLACE TABLE marts.la_year_neighbours AS
WITH models AS (
    SELECT * FROM (VALUES
        ('2025', 'DfE statistical neighbours, 2025 model'),
        ('2021', 'DfE statistical neighbours, April 2021 model')) AS t(neighbour_model, neighbour_model_name)
),
model_sizes AS (
    SELECT la_code, year, neighbour_model, CAST(count(DISTINCT neighbour_number) AS INTEGER) AS n_model_neighbours
    FROM staging.la_year_neighbour_links GROUP BY ALL
),
councils AS (
    SELECT la_code, year, neighbour_model, neighbour_la_code, min(neighbour_rank) AS neighbour_rank
    FROM staging.la_year_neighbour_links WHERE neighbour_la_code IS NOT NULL GROUP BY ALL
),
stats AS (
    SELECT c.la_code, c.year, c.neighbour_model, v.measure,
        CAST(count(*) AS INTEGER) AS n_neighbours,
        CAST(count(v.value) FILTER (WHERE v.value_status = 'published') AS INTEGER) AS n_neighbours_with_value,
        CAST(count(*) FILTER (WHERE cw_symbol(v.value_status)) AS INTEGER) AS n_neighbours_suppressed,
        avg(v.value ORDER BY c.neighbour_la_code) FILTER (WHERE v.value_status = 'published')
            AS neighbour_mean,
        median(v.value) FILTER (WHERE v.value_status = 'published') AS neighbour_median,
        list(c.neighbour_la_code ORDER BY c.neighbour_rank, c.neighbour_la_code) AS neighbour_codes,
        coalesce(list(c.neighbour_la_code ORDER BY c.neighbour_rank, c.neighbour_la_code)
                 FILTER (WHERE cw_symbol(v.value_status)), []) AS suppressed_neighbour_codes
    FROM councils c
    JOIN staging.benchmark_inputs v ON v.la_code = c.neighbour_la_code AND v.year = c.year
    GROUP BY ALL
)
SELECT
    v.la_code, v.la_name, v.region_code, v.year, v.measure, m.neighbour_model, m.neighbour_model_name,
    CASE WHEN v.value_status = 'published' THEN v.value END AS value, v.value_status,
    coalesce(z.n_model_neighbours, 0) AS n_model_neighbours,
    coalesce(s.n_neighbours, 0) AS n_neighbours,
    coalesce(s.n_neighbours_with_value, 0) AS n_neighbours_with_value,
    coalesce(s.n_neighbours_suppressed, 0) AS n_neighbours_suppressed,
    coalesce(s.neighbour_codes, []) AS neighbour_codes,
    coalesce(s.suppressed_neighbour_codes, []) AS suppressed_neighbour_codes,
    s.neighbour_mean, s.neighbour_median,
    CASE WHEN v.value_status = 'published' THEN v.value END - s.neighbour_mean AS diff_from_neighbour_mean,
    CASE WHEN v.value_status = 'published' THEN v.value END - s.neighbour_median AS diff_from_neighbour_median
FROM staging.benchmark_inputs v
CROSS JOIN models m
LEFT JOIN model_sizes z ON z.la_code = v.la_code AND z.year = v.year AND z.neighbour_model = m.neighbour_model
LEFT JOIN stats s
  ON s.la_code = v.la_code AND s.year = v.year AND s.neighbour_model = m.neighbour_model AND s.measure = v.measure
ORDER BY v.measure, m.neighbour_model, v.year, v.la_code;
