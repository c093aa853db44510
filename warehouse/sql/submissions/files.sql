-- The files of a batch, after their workers (load_workers.sql), in the batch's one transaction.
-- `incoming_files` (file, submission_id, file_name, la_code, snapshot_date, workers, is_demo, template,
-- template_version):
-- one row per acceptable file, `file` its position in the batch.
-- The result is what loading the files one by one in `file` order would give: a file loaded before
-- (same sha256, any name, in the warehouse or earlier in the batch) changes nothing; each new file
-- for a council, snapshot date and template takes the next version and supersedes the one before it (an
-- FOI answer never supersedes a worker file, nor the other way round: both are kept).
CREATE OR REPLACE TEMP TABLE batch_files AS
WITH fresh AS (
    SELECT * FROM incoming_files
    WHERE submission_id NOT IN (SELECT submission_id FROM submissions.files)
    QUALIFY row_number() OVER (PARTITION BY submission_id ORDER BY file) = 1
),
latest AS (
    SELECT la_code, snapshot_date, template, max(version) AS version FROM submissions.files GROUP BY ALL
)
SELECT f.*,
    row_number() OVER w AS position,
    coalesce(l.version, 0) + row_number() OVER w AS version,
    lead(f.submission_id) OVER w AS next_id
FROM fresh f
LEFT JOIN latest l ON l.la_code = f.la_code AND l.snapshot_date = f.snapshot_date AND l.template = f.template
WINDOW w AS (PARTITION BY f.la_code, f.snapshot_date, f.template ORDER BY f.file);

-- The current file of each council, date and template is superseded by the batch's first file for it.
UPDATE submissions.files AS f
SET superseded_by = b.submission_id, superseded_at = $loaded_at
FROM batch_files b
WHERE b.position = 1 AND f.superseded_by IS NULL
  AND f.la_code = b.la_code AND f.snapshot_date = b.snapshot_date AND f.template = b.template;

-- Within the batch, each file is superseded by the next one for the same council, date and template.
INSERT INTO submissions.files
SELECT submission_id, file_name, la_code, snapshot_date, version, workers, is_demo, template_version,
    $loaded_at, next_id, CASE WHEN next_id IS NOT NULL THEN $loaded_at END, template
FROM batch_files
ORDER BY file;
