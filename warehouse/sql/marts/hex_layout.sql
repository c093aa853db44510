-- marts.hex_layout: one hex per current council for the site's map.
-- The Open Innovations layout (raw.hexmap, odd-r) predates April 2020; the
-- committed data/reference/hex_adjustments.csv recodes its old councils and adds
-- a hex for Cumberland. Kingston and Richmond keep their two hexes; both point
-- at the joint return (through dim_la.member_codes).
CREATE OR REPLACE TABLE staging.hex_adjustments AS
SELECT hex_code, la_code, TRY_CAST(q AS INTEGER) AS q, TRY_CAST(r AS INTEGER) AS r, note
FROM read_csv($hex_adjustments, header = true, all_varchar = true);

CREATE OR REPLACE TABLE marts.hex_layout AS
WITH hexes AS (
    SELECT h.id AS hex_code, h.name AS hex_name, CAST(h.q AS INTEGER) AS q, CAST(h.r AS INTEGER) AS r,
           coalesce(a.la_code, h.id) AS target_code, a.note
    FROM raw.hexmap h
    LEFT JOIN staging.hex_adjustments a ON a.hex_code = h.id
    UNION ALL
    SELECT a.hex_code, NULL, a.q, a.r, a.la_code, a.note
    FROM staging.hex_adjustments a
    WHERE a.q IS NOT NULL AND a.hex_code NOT IN (SELECT id FROM raw.hexmap)
),
current_councils AS (SELECT * FROM marts.dim_la WHERE is_current)
SELECT
    h.hex_code,
    -- A joint return's member keeps its own name on its own hex (Kingston, Richmond).
    CASE WHEN list_contains(d.member_codes, h.hex_code) AND d.la_code LIKE '%/%' THEN h.hex_name
         ELSE d.la_name END AS hex_name,
    d.la_code,
    d.la_name,
    d.series_code,
    d.region_name,
    h.q,
    h.r,
    d.la_code LIKE '%/%' AS shows_joint_return,
    h.note AS adjustment_note
FROM hexes h
LEFT JOIN current_councils d ON d.la_code = h.target_code OR list_contains(d.member_codes, h.target_code)
ORDER BY h.r DESC, h.q;
