-- What a release records of its inputs, written into the release file being built (`rel`).
--
-- meta.release_sources: the last fetch of each source (how it came: `route`; the publisher's
-- file version; columns the publisher added that we do not load) and the next release the
-- publisher last announced, with where that date came from (`next_update_basis`).
CREATE OR REPLACE TABLE rel.meta.release_sources AS
WITH fetches AS (
    SELECT *, row_number() OVER (PARTITION BY source_id ORDER BY fetched_at DESC, rowid DESC) AS n
    FROM raw.source_files
),
announced AS (
    SELECT *, row_number() OVER (PARTITION BY source_id ORDER BY checked_at DESC, rowid DESC) AS n
    FROM raw.next_updates
)
SELECT
    f.source_id,
    -- A folder's path on the machine that built the release is nobody's business: no address.
    CASE WHEN f.url LIKE 'file:%' THEN NULL ELSE f.url END AS url,
    f.fetched_at, f.bytes, f.sha256, f.vintage, f.route, f.version_key,
    f.published, f.added_columns,
    a.next_update,
    a.next_date AS next_update_date,
    coalesce(a.basis, CASE
        WHEN f.route = 'local folder' THEN 'Not checked: built from a local folder (CASELOAD_SOURCE_DIR).'
        WHEN f.route = 'mirror' THEN 'Not checked: built from a mirror (CASELOAD_SOURCE_MIRROR).'
        ELSE 'Not announced anywhere we read: see the publisher''s landing page.' END
    ) AS next_update_basis,
    a.checked_at AS next_update_checked_at
FROM fetches f
LEFT JOIN announced a ON a.source_id = f.source_id AND a.n = 1
WHERE f.n = 1
ORDER BY f.source_id;

-- meta.vintages: every vintage of the workforce indicators this release was built from, the
-- current release first (vintage_rank 1); marts.revisions compares each with the next.
CREATE OR REPLACE TABLE rel.meta.vintages AS
SELECT 'workforce' AS series, vintage_rank, vintage_id, vintage, route,
       CASE WHEN url LIKE 'file:%' THEN NULL ELSE url END AS url, published, sha256,
       latest_year, first_fetched_at, rows
FROM staging.workforce_vintages
ORDER BY vintage_rank;
