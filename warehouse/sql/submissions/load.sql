-- Load one validated file (registered as `incoming_workers`) in one transaction.
-- Every statement is guarded by the file's sha256 in submissions.files (small: one row per file),
-- so running it twice changes nothing. The workers go in before the file's own row, so the guard
-- never has to scan submissions.workers (millions of rows at national scale).
UPDATE submissions.files
SET superseded_by = $id, superseded_at = $loaded_at
WHERE superseded_by IS NULL AND la_code = $la_code AND snapshot_date = $snapshot_date
  AND NOT EXISTS (SELECT 1 FROM submissions.files WHERE submission_id = $id);

INSERT INTO submissions.workers
SELECT $id, source_row, la_code, snapshot_date, sha256($salt || '|' || la_code || '|' || worker_ref),
    role, employment, newly_qualified, fte, children_allocated, team, families_allocated,
    weighted_caseload, demo
FROM incoming_workers
WHERE NOT EXISTS (SELECT 1 FROM submissions.files WHERE submission_id = $id);

INSERT INTO submissions.files
SELECT $id, $file_name, $la_code, $snapshot_date,
    1 + coalesce((SELECT max(f.version) FROM submissions.files f
                  WHERE f.la_code = $la_code AND f.snapshot_date = $snapshot_date), 0),
    $workers, $is_demo, $template_version, $loaded_at, NULL, NULL
WHERE NOT EXISTS (SELECT 1 FROM submissions.files WHERE submission_id = $id);
