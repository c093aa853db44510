-- Schemas and the tables that outlive a single run.
CREATE SCHEMA IF NOT EXISTS raw;
CREATE SCHEMA IF NOT EXISTS staging;
CREATE SCHEMA IF NOT EXISTS marts;
CREATE SCHEMA IF NOT EXISTS meta;

-- One row per fetch of a published file: where from, when, what arrived.
CREATE TABLE IF NOT EXISTS raw.source_files (
    source_id     VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    fetched_at    TIMESTAMPTZ NOT NULL,
    bytes         BIGINT NOT NULL,
    sha256        VARCHAR NOT NULL,
    vintage       VARCHAR NOT NULL,
    etag          VARCHAR,
    last_modified VARCHAR,
    not_modified  BOOLEAN NOT NULL,
    archive_path  VARCHAR NOT NULL,
    rows          BIGINT NOT NULL
);

-- Text to number, and the published symbol kept beside it (docs/method.md, "Symbols").
CREATE OR REPLACE MACRO cw_symbol(x) AS trim(x) IN ('c', 'x', 'z', 'u', 'low', 'k', ':');
CREATE OR REPLACE MACRO cw_num(x) AS
    CASE WHEN x IS NULL OR cw_symbol(x) THEN NULL ELSE CAST(trim(x) AS DOUBLE) END;
CREATE OR REPLACE MACRO cw_status(x) AS
    CASE WHEN x IS NULL THEN 'blank' WHEN cw_symbol(x) THEN trim(x) ELSE 'published' END;

-- Great-circle (haversine) distance in miles between two points in degrees, Earth radius
-- 3,958.8 miles (docs/method.md, "Within 50 miles").
CREATE OR REPLACE MACRO cw_miles(lat1, lon1, lat2, lon2) AS
    2 * 3958.8 * asin(sqrt(
        pow(sin(radians(lat2 - lat1) / 2), 2)
        + cos(radians(lat1)) * cos(radians(lat2)) * pow(sin(radians(lon2 - lon1) / 2), 2)));
