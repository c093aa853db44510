-- Load one validated file (registered as `incoming_workers`) in one transaction.
-- Every statement is guarded by the file's sha256, so running it twice changes nothing.
UPDATE submissions.files
SET superseded_by = $id, superseded_at = $loaded_at
WHERE superseded_by IS NULL
  AND (la_code, snapshot_date) IN (SELECT DISTINCT la_code, snapshot_date FROM incoming_workers)
  AND NOT EXISTS (SELECT 1 FROM submissions.files WHERE submission_id = $id);

INSERT INTO submissions.files
WITH head AS (
    SELECT any_value(la_code) AS la_code, any_value(snapshot_date) AS snapshot_date,
        count(*) AS workers, bool_and(demo) AS is_demo
    FROM incoming_workers
)
SELECT $id, $file_name, h.la_code, h.snapshot_date,
    1 + coalesce((SELECT max(f.version) FROM submissions.files f
                  WHERE f.la_code = h.la_code AND f.snapshot_date = h.snapshot_date), 0),
    h.workers, h.is_demo, $template_version, $loaded_at, NULL, NULL
FROM head h
WHERE NOT EXISTS (SELECT 1 FROM submissions.files WHERE submission_id = $id);

INSERT INTO submissions.workers
SELECT $id, source_row, la_code, snapshot_date, sha256($salt || '|' || la_code || '|' || worker_ref),
    role, employment, newly_qualified, fte, children_allocated, team, families_allocated,
    weighted_caseload, demo
FROM incoming_workers
WHERE NOT EXISTS (SELECT 1 FROM submissions.workers WHERE submission_id = $id);
