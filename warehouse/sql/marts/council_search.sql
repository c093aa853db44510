-- marts.council_search: the names a reader may type to find a council: the
-- council's own name, and the district (town) names inside it from the ONS
-- lower-tier to upper-tier lookup (April 2023), mapped to today's council
-- through the council's series (recodes, joint returns).
CREATE OR REPLACE TABLE marts.council_search AS
WITH current_councils AS (SELECT * FROM marts.dim_la WHERE is_current),
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
)
SELECT c.la_name AS search_term, 'council' AS term_kind, c.la_code, c.la_name, c.slug, c.region_name
FROM current_councils c
UNION ALL
SELECT m.district_name, 'district', c.la_code, c.la_name, c.slug, c.region_name
FROM mapped m JOIN current_councils c ON c.la_code = m.la_code
WHERE lower(m.district_name) <> lower(c.la_name)
ORDER BY search_term, la_name;
