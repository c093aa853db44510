-- marts.la_centres: the centre of every council code in marts.dim_la, the point every
-- "within 50 miles" distance is measured from (docs/method.md, "Within 50 miles").
-- mySociety's points for district, unitary, metropolitan and London councils are sound; its
-- county points are not (Lancashire's is in Northamptonshire), so a county council is the
-- mean of its own districts' points, weighted by their 2020 population (the file's pop-2020),
-- districts abolished since included (Cumbria, North Yorkshire, Somerset). A county none of
-- whose districts has a point (Dorset County, Buckinghamshire County, Northamptonshire) is the
-- same mean of the councils that replaced it (replaced-by). A joint return is its members'
-- centres weighted the same way, so Northamptonshire and the joint return that continues it
-- get the same point. A code the file lacks (Barnsley and Sheffield's 2025 codes) takes the
-- centre of the newest code of its series that has one.
CREATE OR REPLACE TABLE marts.la_centres AS
WITH file AS (
    SELECT "local-authority-code" AS authority, "gss-code" AS code, "nice-name" AS name,
        "local-authority-type" AS kind, "county-la" AS county, "replaced-by" AS replaced_by,
        cw_num("pop-2020") AS pop, cw_num(lat) AS lat, cw_num("long") AS lon
    FROM raw.council_centres
),
located AS (SELECT * FROM file WHERE lat IS NOT NULL AND lon IS NOT NULL),
parts AS (
    SELECT c.code, d.name AS part, d.pop, d.lat, d.lon, 'districts' AS basis
    FROM file c JOIN located d ON d.county = c.authority
    WHERE c.kind = 'CTY'
    UNION ALL
    SELECT c.code, s.name, s.pop, s.lat, s.lon, 'successors'
    FROM file c
    CROSS JOIN unnest(string_split(c.replaced_by, ',')) AS r(authority)
    JOIN located s ON s.authority = trim(r.authority) AND s.kind <> 'CTY'
    WHERE c.kind = 'CTY' AND NOT EXISTS (SELECT 1 FROM located d WHERE d.county = c.authority)
    UNION ALL
    SELECT code, name, pop, lat, lon, 'own point' FROM located WHERE kind <> 'CTY'
),
-- Population-weighted; if any part had no population, the plain mean, and the source says so.
code_centres AS (
    SELECT code, any_value(basis) AS basis, count(*) AS n_points, count(pop) = count(*) AS weighted,
        sum(pop) AS pop, string_agg(part, ', ' ORDER BY part) AS part_names,
        CASE WHEN count(pop) = count(*) THEN sum(lat * pop ORDER BY part) / sum(pop ORDER BY part)
             ELSE avg(lat ORDER BY part) END AS lat,
        CASE WHEN count(pop) = count(*) THEN sum(lon * pop ORDER BY part) / sum(pop ORDER BY part)
             ELSE avg(lon ORDER BY part) END AS lon
    FROM parts WHERE code IS NOT NULL GROUP BY code
),
members AS (
    SELECT d.la_code, d.la_name, d.series_code, d.last_year, len(d.member_codes) AS n_members,
        m.code, c.*
    EXCLUDE (code)
    FROM marts.dim_la d
    CROSS JOIN unnest(d.member_codes) AS m(code)
    LEFT JOIN code_centres c ON c.code = m.code
),
own AS (
    SELECT la_code, any_value(la_name) AS la_name, any_value(series_code) AS series_code,
        any_value(last_year) AS last_year, count(lat) = any_value(n_members) AS complete,
        CASE WHEN bool_and(weighted) THEN sum(lat * pop ORDER BY code) / sum(pop ORDER BY code)
             ELSE avg(lat ORDER BY code) END AS lat,
        CASE WHEN bool_and(weighted) THEN sum(lon * pop ORDER BY code) / sum(pop ORDER BY code)
             ELSE avg(lon ORDER BY code) END AS lon,
        sum(n_points) AS n_points,
        CASE WHEN any_value(n_members) > 1
            THEN 'mean of its members'' centres, '
                 || CASE WHEN bool_and(weighted) THEN 'weighted by their 2020 population ('
                         ELSE 'unweighted, as a member has no population in the file (' END
                 || string_agg(part_names, ', ' ORDER BY code) || ')'
            WHEN any_value(basis) = 'own point' THEN 'its own point in mySociety''s file'
            WHEN any_value(basis) = 'districts'
            THEN 'mean of the points of its ' || any_value(n_points) || ' districts in mySociety''s file, '
                 || CASE WHEN bool_and(weighted) THEN 'weighted by their 2020 population ('
                         ELSE 'unweighted, as a district has no population in the file (' END
                 || any_value(part_names) || ')'
            WHEN any_value(basis) = 'successors'
            THEN 'none of its districts has a point in mySociety''s file, so '
                 || CASE WHEN any_value(n_points) = 1 THEN 'the point of the council that replaced it ('
                         ELSE 'the mean of the points of the councils that replaced it, weighted by '
                              || 'their 2020 population (' END
                 || any_value(part_names) || ')'
            END AS centre_source
    FROM members GROUP BY la_code
),
by_series AS (
    SELECT series_code, arg_max(lat, last_year) AS lat, arg_max(lon, last_year) AS lon,
        arg_max(n_points, last_year) AS n_points, arg_max(la_code, last_year) AS from_code,
        arg_max(la_name, last_year) AS from_name
    FROM own WHERE complete GROUP BY series_code
),
file_points AS (
    SELECT d.la_code,
        CASE WHEN count(f.lat) = len(any_value(d.member_codes)) THEN avg(f.lat ORDER BY m.code) END AS lat,
        CASE WHEN count(f.lat) = len(any_value(d.member_codes)) THEN avg(f.lon ORDER BY m.code) END AS lon
    FROM marts.dim_la d
    CROSS JOIN unnest(d.member_codes) AS m(code)
    LEFT JOIN located f ON f.code = m.code
    GROUP BY d.la_code
),
placed AS (
    SELECT o.la_code, o.la_name,
        CASE WHEN o.complete THEN o.lat ELSE s.lat END AS lat,
        CASE WHEN o.complete THEN o.lon ELSE s.lon END AS lon,
        CASE WHEN o.complete THEN o.centre_source
             WHEN s.lat IS NOT NULL
             THEN 'mySociety''s file has no point for this code: the centre of ' || s.from_code
                  || ' (' || s.from_name || '), the same council''s code in its other years'
             ELSE 'no point for this council in mySociety''s file, so no distances'
             END AS centre_source,
        CASE WHEN o.complete THEN o.n_points ELSE s.n_points END AS n_points
    FROM own o
    LEFT JOIN by_series s ON s.series_code = o.series_code
)
SELECT p.la_code, p.la_name, p.lat, p.lon, p.centre_source, CAST(p.n_points AS INTEGER) AS n_points,
    f.lat AS file_lat, f.lon AS file_lon, cw_miles(f.lat, f.lon, p.lat, p.lon) AS miles_from_file_point
FROM placed p
LEFT JOIN file_points f USING (la_code)
ORDER BY p.la_code;
