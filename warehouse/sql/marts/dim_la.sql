-- Council identity across reorganisations: dim_la and the code -> series map.
CREATE OR REPLACE TABLE staging.council_changes AS
SELECT from_code, to_code, CAST(first_year AS INTEGER) AS first_year, kind, note
FROM read_csv($council_changes, header = true, all_varchar = true);

-- Every council code the workforce file publishes, with its years and latest name.
CREATE OR REPLACE TABLE staging.council_years AS
SELECT
    area_code AS la_code,
    arg_max(area_name, year) AS la_name,
    arg_max(old_la_code, year) AS old_la_code,
    arg_max(region_code, year) AS published_region_code,
    min(year) AS first_year,
    max(year) AS last_year
FROM staging.workforce_long
WHERE vintage_rank = 1 AND geographic_level = 'Local authority'
GROUP BY area_code;

-- A code's series: follow same-area and recode links forward to the newest code.
CREATE OR REPLACE TABLE staging.code_series AS
WITH RECURSIVE forward(code, series_code, depth) AS (
    SELECT la_code, la_code, 0 FROM staging.council_years
    UNION ALL
    SELECT f.code, c.to_code, f.depth + 1
    FROM forward f
    JOIN staging.council_changes c
      ON c.from_code = f.series_code AND c.kind IN ('same_area', 'recode')
    WHERE f.depth < 10
),
own AS (
    SELECT code, arg_max(series_code, depth) AS series_code FROM forward GROUP BY code
),
-- The members of a joint return ('E09000021 / E09000027') belong to its series too.
members AS (
    SELECT trim(unnest(string_split(code, '/'))) AS code, series_code
    FROM own WHERE code LIKE '%/%'
)
SELECT code, series_code FROM own
UNION
SELECT code, series_code FROM members WHERE code NOT IN (SELECT code FROM own);

CREATE OR REPLACE TABLE marts.dim_la AS
WITH regions AS (
    SELECT DISTINCT area_code AS region_code, area_name AS region_name
    FROM staging.workforce_long
    WHERE vintage_rank = 1 AND geographic_level = 'Regional'
),
links AS (
    SELECT cy.la_code,
        list_sort(list(DISTINCT p.from_code) FILTER (WHERE p.from_code IS NOT NULL)) AS predecessor_codes,
        list_sort(list(DISTINCT s.to_code) FILTER (WHERE s.to_code IS NOT NULL)) AS successor_codes,
        string_agg(DISTINCT coalesce(p.note, s.note), ' ' ORDER BY coalesce(p.note, s.note)) AS change_note
    FROM staging.council_years cy
    LEFT JOIN staging.council_changes p ON p.to_code = cy.la_code
    LEFT JOIN staging.council_changes s ON s.from_code = cy.la_code
    GROUP BY cy.la_code
)
SELECT
    cy.la_code,
    cy.la_name,
    cy.old_la_code,
    -- Inner and Outer London councils belong to the London region.
    CASE WHEN cy.published_region_code IN ('E13000001', 'E13000002') THEN 'E12000007'
         ELSE cy.published_region_code END AS region_code,
    r.region_name,
    CASE WHEN cy.published_region_code IN ('E13000001', 'E13000002')
         THEN cy.published_region_code END AS london_subregion_code,
    CASE
        WHEN cy.la_code LIKE '%/%' THEN 'Joint return'
        WHEN cy.la_code LIKE 'E06%' THEN 'Unitary authority'
        WHEN cy.la_code LIKE 'E08%' THEN 'Metropolitan district'
        WHEN cy.la_code LIKE 'E09%' THEN 'London borough'
        WHEN cy.la_code LIKE 'E10%' THEN 'County council'
        ELSE 'Other' END AS la_type,
    cy.first_year,
    cy.last_year,
    cy.last_year = (SELECT max(last_year) FROM staging.council_years) AS is_current,
    cs.series_code,
    coalesce(l.predecessor_codes, []) AS predecessor_codes,
    coalesce(l.successor_codes, []) AS successor_codes,
    l.change_note,
    CASE WHEN cy.la_code LIKE '%/%'
         THEN list_transform(string_split(cy.la_code, '/'), lambda x: trim(x))
         ELSE [cy.la_code] END AS member_codes,
    -- A readable URL slug: lower case, words joined by hyphens.
    trim(regexp_replace(lower(replace(cy.la_name, '&', 'and')), '[^a-z0-9]+', '-', 'g'), '-')
        || CASE WHEN cy.is_dup THEN '-' || cy.first_year ELSE '' END AS slug
FROM (
    SELECT *, count(*) OVER (PARTITION BY la_name) > 1 AND last_year < max(last_year) OVER () AS is_dup
    FROM staging.council_years
) cy
LEFT JOIN regions r ON r.region_code = CASE WHEN cy.published_region_code IN ('E13000001', 'E13000002')
                                             THEN 'E12000007' ELSE cy.published_region_code END
LEFT JOIN links l ON l.la_code = cy.la_code
JOIN staging.code_series cs ON cs.code = cy.la_code
ORDER BY cy.la_code;
