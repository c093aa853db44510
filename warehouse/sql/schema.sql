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
-- Added with EES discovery (docs/sources-ees.md); older working files gain them here.
ALTER TABLE raw.source_files ADD COLUMN IF NOT EXISTS route VARCHAR;          -- 'local folder', 'mirror', 'pinned URL', 'EES content API', 'pinned URL (EES failed: ...)'
ALTER TABLE raw.source_files ADD COLUMN IF NOT EXISTS version_key VARCHAR;    -- the publisher's file version (EES file id and update time)
ALTER TABLE raw.source_files ADD COLUMN IF NOT EXISTS published VARCHAR;      -- when the publisher says it published the file
ALTER TABLE raw.source_files ADD COLUMN IF NOT EXISTS added_columns VARCHAR;  -- columns the file has that the registry does not list

-- What the publisher last announced as the next release of each source, and where that came from.
CREATE TABLE IF NOT EXISTS raw.next_updates (
    source_id   VARCHAR NOT NULL,
    checked_at  TIMESTAMPTZ NOT NULL,
    next_update VARCHAR,          -- the publisher's words: '19 March 2027', 'March 2027'
    next_date   DATE,             -- the day, when the publisher gave one
    basis       VARCHAR NOT NULL  -- where it came from (an address), or why there is none
);

-- Every vintage of a series ever fetched (one row per distinct file), kept for good, and its
-- cells in long form, so a vintage that adds a measure needs no change of table. Revisions are
-- found between each vintage and the one before it (warehouse/build/vintages.py).
CREATE TABLE IF NOT EXISTS raw.vintages (
    series           VARCHAR NOT NULL,
    vintage_id       VARCHAR NOT NULL,   -- the first 12 hex digits of the file's sha256
    source_id        VARCHAR NOT NULL,   -- the registry entry that fetched it first
    vintage          VARCHAR NOT NULL,   -- the publisher's name for the release
    route            VARCHAR,
    url              VARCHAR NOT NULL,
    published        VARCHAR,
    sha256           VARCHAR NOT NULL,
    latest_year      INTEGER NOT NULL,
    first_fetched_at TIMESTAMPTZ NOT NULL,
    rows             BIGINT NOT NULL,
    PRIMARY KEY (series, vintage_id)
);
CREATE TABLE IF NOT EXISTS raw.vintage_cells (
    series           VARCHAR NOT NULL,
    vintage_id       VARCHAR NOT NULL,
    _row             BIGINT NOT NULL,
    time_period      VARCHAR,
    time_identifier  VARCHAR,
    geographic_level VARCHAR,
    country_code     VARCHAR,
    country_name     VARCHAR,
    region_code      VARCHAR,
    region_name      VARCHAR,
    old_la_code      VARCHAR,
    new_la_code      VARCHAR,
    la_name          VARCHAR,
    measure          VARCHAR NOT NULL,
    raw_value        VARCHAR
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
