-- Council submissions, worker by worker. This schema lives only in the pipeline's working file:
-- warehouse/publish.py copies marts and meta, never `submissions`.
CREATE SCHEMA IF NOT EXISTS submissions;

-- One row per file loaded. A later file for the same council and snapshot date supersedes it;
-- the superseded rows are kept as history.
CREATE TABLE IF NOT EXISTS submissions.files (
    submission_id    VARCHAR NOT NULL,      -- sha256 of the file's bytes: the same file loads once
    file_name        VARCHAR NOT NULL,
    la_code          VARCHAR NOT NULL,
    snapshot_date    DATE NOT NULL,
    version          INTEGER NOT NULL,      -- 1, 2, ... per council and snapshot date
    workers          BIGINT NOT NULL,
    is_demo          BOOLEAN NOT NULL,
    template_version INTEGER NOT NULL,
    loaded_at        TIMESTAMPTZ NOT NULL,
    superseded_by    VARCHAR,
    superseded_at    TIMESTAMPTZ
);

-- One row per worker. worker_hash = sha256(salt | la_code | worker_ref); the worker_ref itself is
-- never stored.
CREATE TABLE IF NOT EXISTS submissions.workers (
    submission_id      VARCHAR NOT NULL,
    source_row         BIGINT NOT NULL,
    la_code            VARCHAR NOT NULL,
    snapshot_date      DATE NOT NULL,
    worker_hash        VARCHAR NOT NULL,
    role               VARCHAR NOT NULL,
    employment         VARCHAR NOT NULL,
    newly_qualified    BOOLEAN NOT NULL,
    fte                DOUBLE NOT NULL,
    children_allocated INTEGER NOT NULL,
    team               VARCHAR,
    families_allocated INTEGER,
    weighted_caseload  DOUBLE,
    is_demo            BOOLEAN NOT NULL
);

-- Template v2: the council's declared safe maximums for each worker's post (empty in v1 files and in
-- working files made before v2). Added columns, so inserts name their columns (workers.sql).
ALTER TABLE submissions.workers ADD COLUMN IF NOT EXISTS declared_max_children INTEGER;
ALTER TABLE submissions.workers ADD COLUMN IF NOT EXISTS declared_max_weighted DOUBLE;

-- Which template a file follows: 'workers' (a row per worker) or 'bands' (an FOI answer's counts per
-- caseload band). Added to working files made before band files existed, whose files are all workers'.
-- Versions and superseding run per council, snapshot date and template: a worker file and an FOI
-- answer for the same council and date are both kept, and the marts use the worker file
-- (sql/submissions/foi_aggregates.sql).
ALTER TABLE submissions.files ADD COLUMN IF NOT EXISTS template VARCHAR DEFAULT 'workers';

-- One row per band of an FOI answer (bands template v1). No worker is identifiable: a band is a count.
CREATE TABLE IF NOT EXISTS submissions.foi_bands (
    submission_id VARCHAR NOT NULL,
    source_row    BIGINT NOT NULL,
    la_code       VARCHAR NOT NULL,
    snapshot_date DATE NOT NULL,
    children_from INTEGER NOT NULL,
    children_to   INTEGER,             -- empty for an open top band ("26 or more")
    case_holders  INTEGER NOT NULL,
    source        VARCHAR NOT NULL     -- the FOI reference or the council's published answer (https)
);
