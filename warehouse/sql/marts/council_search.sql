-- marts.council_search: the names a reader may type to find a council: the
-- council's own name, the district (town) names inside it from the ONS
-- lower-tier to upper-tier lookup (April 2023), and the councils abolished before
-- that lookup (Harrogate, Carlisle, Kettering...) from mySociety's file, each
-- mapped to today's council through the council's series (recodes, joint returns).
CREATE OR REPLACE TABLE marts.council_search AS
WITH RECURSIVE
current_councils AS (SELECT * FROM marts.dim_la WHERE is_current),
districts AS (
    SELECT DISTINCT l.LTLA23CD AS district_code, l.LTLA23NM AS district_name, l.UTLA23CD AS utla_code
    FROM raw.district_lookup l
    WHERE l.LTLA23CD LIKE 'E%'
),
mapped AS (
    SELECT dd.district_code, dd.district_name, c.la_code
    FROM districts dd
    JOIN staging.code_series cs ON cs.code = dd.utla_code
    JOIN current_councils c ON c.series_code = cs.series_code
),
named AS (
    SELECT c.la_name AS search_term, 'council' AS term_kind, c.la_code
    FROM current_councils c
    UNION ALL
    SELECT m.district_name, 'district', c.la_code
    FROM mapped m JOIN current_councils c ON c.la_code = m.la_code
    WHERE lower(m.district_name) <> lower(c.la_name)
),
file AS (
    SELECT "local-authority-code" AS authority, "gss-code" AS code, "nice-name" AS name,
        "local-authority-type" AS kind, "end-date" AS end_date, "replaced-by" AS replaced_by
    FROM raw.council_centres
    WHERE nation = 'England'
),
-- An abolished council's successors (replaced-by, 3-letter codes), followed until one still in
-- being: Taunton Deane became Somerset West and Taunton, which became Somerset.
successors(name, kind, authority, steps) AS (
    SELECT f.name, f.kind, trim(r.authority), 1
    FROM file f CROSS JOIN unnest(string_split(f.replaced_by, ',')) AS r(authority)
    WHERE f.end_date IS NOT NULL
    UNION ALL
    SELECT s.name, s.kind, trim(r.authority), s.steps + 1
    FROM successors s
    JOIN file f ON f.authority = s.authority
    CROSS JOIN unnest(string_split(f.replaced_by, ',')) AS r(authority)
    WHERE f.end_date IS NOT NULL AND s.steps < 10
),
-- Today's council: the successor itself, or the council a current district (West Suffolk,
-- which replaced Forest Heath) lies in.
former AS (
    SELECT DISTINCT s.name AS search_term,
        CASE s.kind WHEN 'CTY' THEN 'former county' WHEN 'NMD' THEN 'former district'
             ELSE 'former council' END AS term_kind,
        c.la_code
    FROM successors s
    JOIN file f ON f.authority = s.authority AND f.end_date IS NULL
    LEFT JOIN districts d ON d.district_code = f.code
    JOIN staging.code_series cs ON cs.code = coalesce(d.utla_code, f.code)
    JOIN current_councils c ON c.series_code = cs.series_code
    WHERE lower(s.name) NOT IN (SELECT lower(search_term) FROM named)
)
SELECT t.search_term, t.term_kind, c.la_code, c.la_name, c.slug, c.region_name
FROM (SELECT * FROM named UNION ALL SELECT * FROM former) t
JOIN current_councils c ON c.la_code = t.la_code
ORDER BY search_term, la_name;
